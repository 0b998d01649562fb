/**
 * The label on every config and secret file the stack file creates. Swarm
 * configs and secrets are immutable, so each content change creates a new
 * one under a new name and the old ones stay; `conductor deploy` removes the
 * unused ones that carry this label (and the stack's namespace) and nothing else.
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'conductor';
