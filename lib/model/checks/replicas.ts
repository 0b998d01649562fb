import { CronJob, ConcurrencyPolicy } from '../cron-job';
import { DaemonWorkload } from '../daemon-workload';
import { RunToCompletion } from '../job';
import { ReplicatedWorkload } from '../long-running';
import type { WorkloadBase } from '../workload-base';

/** How many replicas a workload can run at once: `max` Infinity for one per node (or unbounded). */
export interface ReplicaRange {
  /** The fewest it can have (the replicas; autoscaling.minReplicas). */
  readonly min: number;
  /** The most at once (the replicas; autoscaling.maxReplicas; a job's parallelism). */
  readonly max: number;
  /** In words: `3 replicas`, `up to 10 replicas (autoscaling)`, `one per node`. */
  readonly text: string;
}

const plural = (n: number) => `${n} replica${n === 1 ? '' : 's'}`;

/** The replica range of a workload, or undefined when its props are invalid (validation reports them). */
export function replicaRange(w: WorkloadBase): ReplicaRange | undefined {
  if (w instanceof ReplicatedWorkload) {
    const a = w.autoscaling;
    if (a) {
      if (!Number.isInteger(a.minReplicas) || !Number.isInteger(a.maxReplicas)) return undefined;
      return { min: a.minReplicas, max: a.maxReplicas, text: `up to ${plural(a.maxReplicas)} (autoscaling)` };
    }
    return Number.isInteger(w.replicas) ? { min: w.replicas, max: w.replicas, text: plural(w.replicas) } : undefined;
  }
  if (w instanceof DaemonWorkload) return { min: 1, max: Infinity, text: 'one replica per node' };
  if (w instanceof RunToCompletion) {
    if (!Number.isInteger(w.parallelism)) return undefined;
    // Kubernetes starts the next run of an `Allow` CronJob while the last one still runs.
    if (w instanceof CronJob && w.concurrency === ConcurrencyPolicy.ALLOW) {
      return { min: 1, max: Infinity, text: 'overlapping runs (concurrency Allow)' };
    }
    return { min: 1, max: w.parallelism, text: w.parallelism === 1 ? '1 replica' : `${w.parallelism} replicas in parallel` };
  }
  return undefined;
}
