/**
 * The kubelet expands `$(VAR)` in a container's command, args and env
 * values, and turns `$$` into `$`. Model strings are literal on both
 * targets (Swarm's `$` is escaped the same way in lib/swarm/interpolation.ts),
 * so every `$` is written as `$$`: `sh -c 'echo $HOME'` reaches the shell as
 * written. Probes and hooks are not expanded and are left alone.
 */
export function literal(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

export function literalList(values: string[] | undefined): string[] | undefined {
  return values?.map(literal);
}
