import { ProblemCollector } from './problems';

/**
 * How many replicas voluntary disruptions (node drains, cluster upgrades)
 * may take down at once: give exactly one of the two.
 *
 * Kubernetes: a PodDisruptionBudget (policy/v1) `<workload>` selecting the
 * workload's pods. Swarm has no such object (a target gap): its
 * `update_config.parallelism` bounds rolling updates only, and draining a
 * node moves all of its tasks at once.
 */
export type DisruptionBudgetProps =
  | {
    /** Replicas that must stay available. */
    readonly minAvailable: number;
    /** Not with `minAvailable`. @default - unset */
    readonly maxUnavailable?: never;
  }
  | {
    /** Replicas that may be unavailable at once. */
    readonly maxUnavailable: number;
    /** Not with `maxUnavailable`. @default - unset */
    readonly minAvailable?: never;
  };

/**
 * Checks a disruption budget. A minAvailable above the replica count is
 * valid (Kubernetes accepts it: the budget then allows no eviction, and a
 * node drain waits), so it is not bounded by the replicas.
 */
export function validateDisruptionBudget(b: DisruptionBudgetProps, c: ProblemCollector, path: string): void {
  const given = (['minAvailable', 'maxUnavailable'] as const).filter((k) => (b as Record<string, unknown>)?.[k] !== undefined);
  if (given.length !== 1) {
    c.error(path, 'disruptionBudget', 'must set exactly one of minAvailable and maxUnavailable', b);
    return;
  }
  const field = given[0];
  const value = (b as Record<string, unknown>)[field];
  // Kubernetes (policy/v1 validation) refuses a negative minAvailable or maxUnavailable.
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    c.error(path, `disruptionBudget.${field}`, 'must be a non-negative integer', value);
  }
}
