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
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$') as T;
  if (Array.isArray(value)) return value.map((v) => escapeInterpolation(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeInterpolation(v)])) as T;
  }
  return value;
}
