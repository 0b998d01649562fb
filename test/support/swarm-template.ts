/**
 * What swarmkit's agent does to an env value or mount path before the task
 * starts (template/expand.go: Go text/template with the task's context),
 * for the one form Conductor writes: text, and actions that are a quoted
 * string literal (`{{"{{"}}`), which print the string. Any other action is
 * what the engine would expand: this throws, naming it, so a test sees a
 * value that would not reach the container as written. The real engine is
 * the final word (e2e: test/e2e/scenarios/features.ts).
 */
export function expandLikeSwarm(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('{{', i);
    if (open < 0) return out + value.slice(i);
    out += value.slice(i, open);
    // `{{"...""}}`: a Go interpreted string literal (Conductor writes only `{{"{{"}}`).
    const m = /^\{\{"((?:[^"\\]|\\.)*)"\}\}/.exec(value.slice(open));
    if (!m) throw new Error(`Swarm would expand the template action at ${open} of ${JSON.stringify(value)}`);
    out += JSON.parse(`"${m[1]}"`) as string;
    i = open + m[0].length;
  }
  return out;
}
