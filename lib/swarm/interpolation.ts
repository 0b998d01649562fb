/**
 * `docker stack deploy` interpolates `$VAR` and `${VAR}` in every string
 * value of a stack file from the environment of the shell that deploys it:
 * an unset variable silently becomes "" (`sh -c 'echo $HOME'` loses its
 * variable), and `$(...)` fails the deploy ("invalid interpolation format").
 * Conductor's output is literal on both targets: every `$` is written as
 * `$$`, which the loader turns back into `$` (Kubernetes: lib/kubernetes/expansion.ts).
 * Keys are not interpolated.
 */
export function escapeInterpolation<T>(value: T): T {
  // Performance: a copy by plain loops (this ran over every string of every stack file).
  if (typeof value === 'string') return (value.includes('$') ? value.replace(/\$/g, '$$$$') : value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeInterpolation(v)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = escapeInterpolation((value as Record<string, unknown>)[k]);
      // As Object.fromEntries would: an own "__proto__" entry, not a prototype.
      if (k === '__proto__') Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
      else copy[k] = v;
    }
    return copy as T;
  }
  return value;
}
