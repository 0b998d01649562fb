import { replicaRange } from '../../model/checks';
import { ReplicatedWorkload } from '../../model/long-running';
import type { ProblemCollector } from '../../model/problems';
import type { Stack } from '../../model/stack';

/**
 * A PodDisruptionBudget that allows no eviction while the workload runs its
 * fewest replicas (`maxUnavailable: 0`; `minAvailable` at or above the
 * replicas, or above an autoscaled workload's minReplicas): `kubectl drain`
 * and node upgrades wait for these pods forever. Above the most replicas
 * too: the API server accepts it, so it is the same warning, not an error.
 */
export function checkDisruptionBudgets(stack: Stack, c: ProblemCollector): void {
  for (const w of stack.workloads) {
    if (!(w instanceof ReplicatedWorkload) || w.disruptionBudget === undefined) continue;
    const range = replicaRange(w);
    const b = w.disruptionBudget as { minAvailable?: unknown; maxUnavailable?: unknown };
    const path = w.node.path;
    const drain = 'so kubectl drain and node upgrades wait for its pods forever';
    if (b.maxUnavailable === 0 && b.minAvailable === undefined) {
      c.warning(path, 'disruptionBudget.maxUnavailable', `0 allows no voluntary eviction, ${drain}; allow at least 1`, 'kubernetes');
      continue;
    }
    const n = b.minAvailable;
    if (range === undefined || typeof n !== 'number' || !Number.isInteger(n) || n < 1 || b.maxUnavailable !== undefined) continue;
    if (n < range.min) continue;
    const fewest = w.autoscaling ? `autoscaling.minReplicas ${range.min}` : `${range.min} replica${range.min === 1 ? '' : 's'}`;
    c.warning(path, 'disruptionBudget.minAvailable', `${n} is not below the fewest replicas the workload can have (${fewest}): `
      + `then no pod may be evicted, ${drain}; ${range.min > 1 ? `set minAvailable to at most ${range.min - 1}` : 'run more replicas'}, `
      + 'or set maxUnavailable to 1 instead', 'kubernetes');
  }
}
