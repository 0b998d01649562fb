/** Small numeric helpers of the benchmark. */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Least-squares fit of t = a + b·n + c·n² (exact through three points). */
export function quadraticFit(points: [number, number][]): (n: number) => number {
  // Normal equations for [a, b, c].
  const s = (k: number) => points.reduce((acc, [n]) => acc + n ** k, 0);
  const t = (k: number) => points.reduce((acc, [n, y]) => acc + y * n ** k, 0);
  const m = [[s(0), s(1), s(2), t(0)], [s(1), s(2), s(3), t(1)], [s(2), s(3), s(4), t(2)]];
  for (let i = 0; i < 3; i++) {
    for (let j = i + 1; j < 3; j++) {
      const f = m[j][i] / m[i][i];
      for (let k = i; k < 4; k++) m[j][k] -= f * m[i][k];
    }
  }
  const x = [0, 0, 0];
  for (let i = 2; i >= 0; i--) {
    let rest = m[i][3];
    for (let k = i + 1; k < 3; k++) rest -= m[i][k] * x[k];
    x[i] = rest / m[i][i];
  }
  return (n) => x[0] + x[1] * n + x[2] * n * n;
}
