/**
 * swarmkit's agent runs every env value, mount source and mount target of
 * a task through Go's text/template before it starts the container
 * (swarmkit template/expand.go): `{{.Task.Slot}}` becomes the slot number,
 * and an unbalanced `{{` makes the task fail ("expanding env failed").
 * Kubernetes keeps the same text literal, so Conductor's values are literal
 * on Swarm too: each `{{` is written as the action `{{"{{"}}`, which prints
 * `{{`. A lone `}}` is plain text to text/template and needs nothing.
 *
 * Templates on purpose (a per-task value on Swarm only) go through the
 * escape hatch, which is rendered as written:
 * `Swarm.override(w, { environment: { SLOT: '{{.Task.Slot}}' } })`.
 */
export function literalTemplate(value: string): string {
  return value.includes('{{') ? value.replace(/\{\{/g, '{{"{{"}}') : value;
}

/** literalTemplate of every value of a record (env). */
export function literalTemplateValues(env: Record<string, string> | undefined): Record<string, string> | undefined {
  return env && Object.fromEntries(Object.entries(env).map(([k, v]) => [k, literalTemplate(v)]));
}
