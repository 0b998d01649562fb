import { formatDuration } from '../model/duration';
import { CronJobOnSwarm } from '../model/cron-job';
import { LongRunningWorkload } from '../model/long-running';
import { NodeRole } from '../model/placement';
import { Resources } from '../model/resources';
import { Stack } from '../model/stack';
import { AnyWorkload, unknownWorkloadKind } from '../model/workload-kinds';
import { ComposeDeploy, ComposeUpdateConfig } from './compose-types';
import { swarmCpus, swarmMemory } from './format';
import { dropUndefined, nonEmptyRecord, sortRecord } from './objects';

/** The `deploy:` section of a workload's service: mode, replicas, resources, rollout, restarts, placement. */
export function renderDeploy(w: AnyWorkload, resources: Resources = w.resources): ComposeDeploy {
  return dropUndefined({
    ...mode(w),
    // Service labels: the stack's (as on every Kubernetes object), then the workload's.
    labels: nonEmptyRecord(sortRecord({ ...Stack.of(w).labels, ...w.annotations, ...w.labels, ...cronLabels(w) })),
    resources: renderResources(resources),
    ...rollout(w),
    restart_policy: restartPolicy(w),
    placement: placement(w),
  });
}

function mode(w: AnyWorkload): Pick<ComposeDeploy, 'mode' | 'replicas'> {
  switch (w.kind) {
    case 'deployment':
    case 'stateful':
      return { mode: 'replicated', replicas: w.replicas };
    case 'daemon':
      return { mode: 'global' };
    case 'job':
      return { mode: 'replicated-job', replicas: w.completions };
    case 'cron':
      // crazy-max/swarm-cronjob scales the service up on schedule.
      return { mode: 'replicated', replicas: 0 };
    default:
      return unknownWorkloadKind(w);
  }
}

function cronLabels(w: AnyWorkload): Record<string, string> {
  if (w.kind !== 'cron' || w.onSwarm !== CronJobOnSwarm.SWARM_CRONJOB) return {};
  return {
    'swarm.cronjob.enable': 'true',
    'swarm.cronjob.schedule': w.schedule,
    'swarm.cronjob.skip-running': String(w.concurrency !== 'Allow'),
    'swarm.cronjob.replicas': String(w.completions),
  };
}

export function renderResources(r: Resources): ComposeDeploy['resources'] {
  const limits = dropUndefined({ cpus: r.cpuLimit && swarmCpus(r.cpuLimit), memory: r.memoryLimit && swarmMemory(r.memoryLimit) });
  const reservations = dropUndefined({ cpus: r.cpuRequest && swarmCpus(r.cpuRequest), memory: r.memoryRequest && swarmMemory(r.memoryRequest) });
  if (!Object.keys(limits).length && !Object.keys(reservations).length) return undefined;
  return dropUndefined({ limits: nonEmptyRecord(limits), reservations: nonEmptyRecord(reservations) });
}

function rollout(w: AnyWorkload): Pick<ComposeDeploy, 'update_config' | 'rollback_config'> {
  switch (w.kind) {
    case 'deployment':
    case 'stateful':
    case 'daemon':
      return updateConfigs(w);
    case 'job':
    case 'cron':
      return {};
    default:
      return unknownWorkloadKind(w);
  }
}

function updateConfigs(w: LongRunningWorkload): Pick<ComposeDeploy, 'update_config' | 'rollback_config'> {
  const r = w.rollout;
  const update: ComposeUpdateConfig = {
    parallelism: r.parallelism,
    delay: formatDuration(r.delayMs),
    failure_action: r.failureAction,
    monitor: formatDuration(r.monitorMs),
    order: r.order,
  };
  // Rolling back uses the same batch size and order; a failing rollback pauses.
  return { update_config: update, rollback_config: { ...update, failure_action: 'pause' } };
}

function restartPolicy(w: AnyWorkload): ComposeDeploy['restart_policy'] {
  switch (w.kind) {
    case 'deployment':
    case 'stateful':
    case 'daemon':
      return longRunningRestartPolicy(w);
    case 'job':
      // Like a Kubernetes Job's backoffLimit: a failed run is retried `retries` times. No retries is
      // `condition: none`: Swarm reads `max_attempts: 0` as "no limit", which would retry forever.
      return w.retries === 0 ? { condition: 'none' } : { condition: 'on-failure', max_attempts: w.retries };
    case 'cron':
      // swarm-cronjob starts each run on schedule; Swarm must not restart a finished or failed one.
      return { condition: 'none' };
    default:
      return unknownWorkloadKind(w);
  }
}

function longRunningRestartPolicy(w: LongRunningWorkload): ComposeDeploy['restart_policy'] {
  const r = w.restartPolicy;
  const given = dropUndefined({
    delay: r.delayMs !== undefined ? formatDuration(r.delayMs) : undefined,
    max_attempts: r.maxAttempts,
    window: r.windowMs !== undefined ? formatDuration(r.windowMs) : undefined,
  });
  if (r.condition === 'any' && !Object.keys(given).length) return undefined;
  return { condition: r.condition, ...given };
}

function placement(w: AnyWorkload): ComposeDeploy['placement'] {
  const p = w.placement;
  const constraints = Object.keys(p.nodeLabels ?? {}).sort().map((k) => `node.labels.${k} == ${p.nodeLabels![k]}`);
  if (p.nodeRole !== undefined) constraints.push(`node.role == ${p.nodeRole === NodeRole.MANAGER ? 'manager' : 'worker'}`);
  const preferences = (p.spreadBy ?? []).map((k) => ({ spread: `node.labels.${k}` }));
  if (!constraints.length && !preferences.length) return undefined;
  return dropUndefined({ constraints: constraints.length ? constraints : undefined, preferences: preferences.length ? preferences : undefined });
}
