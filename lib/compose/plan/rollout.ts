import { formatDuration } from '../../model/duration';
import { FailureAction, RolloutOrder, RolloutProps } from '../../model/rollout';
import { parseGoDuration } from '../syntax';
import { Dict, isDict, under } from './context';
import { ServicePlanning } from './service-planning';
import { Draft } from './types';
import { duration, SWARM_DEFAULTS } from './units';

/**
 * `deploy.update_config` -> rollout, with Swarm's defaults where the
 * model's differ; `deploy.rollback_config` is compared with the update's
 * settings, which Conductor rolls back with.
 */
export function planRollout(s: ServicePlanning): void {
  const { ctx, deploy, kind } = s;
  const at = under(s.name, 'deploy');
  s.composeKeys.record('deploy.update_config', 'rollout');
  s.composeKeys.record('deploy.update_config.parallelism', 'rollout.parallelism');
  s.composeKeys.record('deploy.update_config.failure_action', 'rollout.failureAction');
  const uc = isDict(deploy.update_config) ? deploy.update_config : undefined;
  const rc = isDict(deploy.rollback_config) ? deploy.rollback_config : undefined;
  if (kind === 'Job') {
    if (uc) ctx.note(at('update_config'), 'dropped', 'a job is not updated in place: update_config does not apply');
    if (rc) ctx.note(at('rollback_config'), 'dropped', 'a job is not rolled back: rollback_config does not apply');
    return;
  }
  const filled: string[] = [];
  const count = kind === 'DaemonWorkload' ? undefined : (s.props.replicas ?? 1);
  let parallelism: number = SWARM_DEFAULTS.update.parallelism;
  if (typeof uc?.parallelism === 'number') {
    parallelism = uc.parallelism;
    if (parallelism === 0) {
      if (count !== undefined && count > 0) {
        ctx.note(at('update_config', 'parallelism'), 'changed', `0 (all at once) became ${count}, the replica count`);
        parallelism = count;
      } else {
        ctx.note(at('update_config', 'parallelism'), 'changed', '0 (all at once) has no form in the model: one at a time');
        parallelism = 1;
      }
    }
    // Above the replicas it is kept: both targets accept it (all replicas in one batch).
  }
  const delay = uc?.delay !== undefined
    ? duration(ctx, at('update_config', 'delay'), uc.delay, { wholeSeconds: true, why: 'Kubernetes minReadySeconds' })
    : undefined;
  let failureAction: FailureAction | undefined;
  if (uc?.failure_action !== undefined) {
    const fa = String(uc.failure_action);
    if (!['pause', 'continue', 'rollback'].includes(fa)) ctx.problem(at('update_config', 'failure_action'),
      `must be pause, continue or rollback (got "${fa}")`);
    else if (fa !== 'pause') failureAction = fa === 'rollback' ? FailureAction.ROLLBACK : FailureAction.CONTINUE;
  }
  const givenMonitor = uc?.monitor !== undefined
    ? duration(ctx, at('update_config', 'monitor'), uc.monitor, { wholeSeconds: true, minMs: 1000, why: 'Conductor counts it in seconds' })
    : undefined;
  if (givenMonitor === undefined) filled.push('monitor 5s');
  const monitor = givenMonitor ?? formatDuration(SWARM_DEFAULTS.update.monitorMs);
  let order = uc?.order !== undefined ? String(uc.order) : undefined;
  // Written only where the model's default differs (a Workload starts first).
  if (order === undefined && kind === 'Workload') filled.push('order stop-first');
  order ??= SWARM_DEFAULTS.update.order;
  if (kind === 'StatefulWorkload' && order === 'start-first') {
    ctx.note(at('update_config', 'order'), 'changed',
      'start-first became stop-first: a replica\'s new and old task would share its per-replica volume ' +
      '(and a StatefulSet cannot start first)');
    order = 'stop-first';
  }
  if (typeof uc?.max_failure_ratio === 'number' && uc.max_failure_ratio !== 0) {
    ctx.note(at('update_config', 'max_failure_ratio'), 'dropped', 'not in the model: any failed task counts as a failed update');
  }

  const rollout: Draft<RolloutProps> = {};
  // The model's default order: start-first for a Workload, stop-first for the others.
  if (order !== (kind === 'Workload' ? 'start-first' : 'stop-first')) {
    rollout.order = order === 'start-first' ? RolloutOrder.START_FIRST : RolloutOrder.STOP_FIRST;
  }
  if (parallelism !== 1) rollout.parallelism = parallelism;
  if (delay !== undefined && delay !== '0s') rollout.delay = delay;
  if (failureAction !== undefined) rollout.failureAction = failureAction;
  rollout.monitor = monitor;
  s.props.rollout = rollout;
  if (filled.length) s.comments.rollout = `Swarm's default ${filled.join(' and ')} (not set in the file)`;

  // Conductor rolls back with the update's settings: compare the file's rollback with that.
  noteRollback(s, rc, count, { parallelism, delay: delay ?? '0s', monitor, order, failure_action: 'pause' });
}

function noteRollback(s: ServicePlanning, rc: Dict | undefined, count: number | undefined, mirror: Record<string, string | number>): void {
  const at = under(s.name, 'deploy');
  const ms = (d: unknown) => formatDuration(Math.round((parseGoDuration(d) ?? 0) / 1e6));
  const rollback: Record<string, string | number> = {
    parallelism: typeof rc?.parallelism === 'number' ? rc.parallelism : SWARM_DEFAULTS.update.parallelism,
    delay: rc?.delay !== undefined ? ms(rc.delay) : '0s',
    monitor: rc?.monitor !== undefined ? ms(rc.monitor) : formatDuration(SWARM_DEFAULTS.update.monitorMs),
    order: rc?.order !== undefined ? String(rc.order) : SWARM_DEFAULTS.update.order,
    failure_action: rc?.failure_action !== undefined ? String(rc.failure_action) : 'pause',
  };
  if (rollback.parallelism === 0 && count !== undefined) rollback.parallelism = count;
  const differ = Object.keys(mirror).filter((k) => String(mirror[k]) !== String(rollback[k]));
  if (differ.length) {
    const what = differ.map((k) => `${k} ${mirror[k]}`).join(', ');
    const fileWhat = differ.map((k) => `${k} ${rollback[k]}`).join(', ');
    s.ctx.note(at('rollback_config'), 'changed', rc
      ? `Conductor rolls back with the update's settings (${what}), not the file's rollback_config (${fileWhat})`
      : `Conductor rolls back with the update's settings (${what}) where Swarm's default rollback goes one task at a time, stop-first`, 'swarm');
  }
  if (typeof rc?.max_failure_ratio === 'number' && rc.max_failure_ratio !== 0) s.ctx.note(at('rollback_config', 'max_failure_ratio'), 'dropped',
    'not in the model');
}
