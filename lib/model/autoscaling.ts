import { ProblemCollector } from './problems';
import { MAX_INT32 } from './quantity';
import type { WorkloadBase } from './workload-base';

/** What autoscaling becomes on Swarm, which does not autoscale. */
export type AutoscalingOnSwarm = 'warn' | 'error';

/**
 * Replicas between `minReplicas` and `maxReplicas`, driven by average CPU
 * and/or memory utilization of the pods (relative to their requests).
 *
 * Kubernetes: a HorizontalPodAutoscaler (autoscaling/v2) `<workload>` with
 * Kubernetes' own default scaling behaviour; the Deployment/StatefulSet then
 * has no fixed `replicas`. Swarm does not autoscale: the service runs
 * `minReplicas` replicas, with a warning (`onSwarm: 'warn'`) or, with
 * `onSwarm: 'error'`, rendering Swarm fails.
 */
export interface AutoscalingProps {
  /** At least 1. */
  readonly minReplicas: number;
  /** At least minReplicas. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilization, in percent of the CPU request (above
   * 100 when the limit allows more than the request). Needs a CPU request
   * on every container.
   * @default - CPU does not drive scaling
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory utilization, in percent of the memory request.
   * Needs a memory request on every container.
   * @default - memory does not drive scaling
   */
  readonly memoryUtilization?: number;
  /**
   * What autoscaling becomes on Swarm, which has no autoscaler: `'warn'` runs `minReplicas` replicas with a
   * warning, `'error'` makes rendering Swarm fail.
   * @default 'warn'
   */
  readonly onSwarm?: AutoscalingOnSwarm;
}

/** Autoscaling with defaults applied. */
export interface Autoscaling {
  /** Fewest replicas. */
  readonly minReplicas: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilization, in percent of the CPU request.
   * @default - CPU does not drive scaling
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory utilization, in percent of the memory request.
   * @default - memory does not drive scaling
   */
  readonly memoryUtilization?: number;
  /** What autoscaling becomes on Swarm. */
  readonly onSwarm: AutoscalingOnSwarm;
}

export function resolveAutoscaling(a: AutoscalingProps): Autoscaling {
  return {
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    cpuUtilization: a.cpuUtilization,
    memoryUtilization: a.memoryUtilization,
    onSwarm: a.onSwarm ?? 'warn',
  };
}

export { MAX_INT32 } from './quantity';

/**
 * Checks autoscaling of a workload. Utilization is relative to requests, so
 * every container (sidecars too: the HorizontalPodAutoscaler sums the pod)
 * needs the request.
 */
export function validateAutoscaling(w: WorkloadBase, a: AutoscalingProps, c: ProblemCollector): void {
  const path = w.node.path;
  const { minReplicas: min, maxReplicas: max } = a;
  // Kubernetes refuses minReplicas 0 (without the HPAScaleToZero feature gate) and maxReplicas below minReplicas.
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_INT32;
  if (!isCount(min)) c.error(path, 'autoscaling.minReplicas', `must be an integer from 1 to ${MAX_INT32}`, min);
  if (!isCount(max)) c.error(path, 'autoscaling.maxReplicas', `must be an integer from 1 to ${MAX_INT32}`, max);
  else if (isCount(min) && max < min) c.error(path, 'autoscaling.maxReplicas', `must not be below autoscaling.minReplicas (${min})`, max);
  if (a.cpuUtilization === undefined && a.memoryUtilization === undefined) {
    c.error(path, 'autoscaling', 'needs cpuUtilization or memoryUtilization (the target the autoscaler keeps the pods at)');
  }
  const containers = [{ name: 'main', r: w.resources }, ...w.sidecars.map((s) => ({ name: s.name, r: s.resources }))];
  const resource = (field: 'cpuUtilization' | 'memoryUtilization', what: 'cpu' | 'memory') => {
    const target = a[field];
    if (target === undefined) return;
    // Kubernetes refuses an averageUtilization below 1. Above limit / request is valid, though never reached.
    if (typeof target !== 'number' || !Number.isInteger(target) || target < 1 || target > MAX_INT32) {
      c.error(path, `autoscaling.${field}`, 'must be a positive integer percentage (of the request)', target);
      return;
    }
    // The HorizontalPodAutoscaler controller cannot compute a utilization without the request of every container.
    const missing = containers.filter((x) => (what === 'cpu' ? x.r.cpuRequest : x.r.memoryRequest) === undefined).map((x) => x.name);
    if (missing.length) {
      c.error(
        path,
        `autoscaling.${field}`,
        `needs resources.${what}.request on every container (utilization is a percentage of the request); missing on ${missing.join(', ')}`,
        target,
      );
    }
  };
  resource('cpuUtilization', 'cpu');
  resource('memoryUtilization', 'memory');
  const onSwarm = a.onSwarm ?? 'warn';
  if (onSwarm !== 'warn' && onSwarm !== 'error') c.error(path, 'autoscaling.onSwarm', 'must be "warn" or "error"', a.onSwarm);
}
