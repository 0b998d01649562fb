import { RestartCondition, RestartPolicyProps } from '../../model/lifecycle';
import { isDict, under } from './context';
import { ServicePlanning } from './service-planning';
import { Draft } from './types';
import { duration } from './units';

/**
 * `deploy.restart_policy`, else the legacy `restart:` key (docker stack
 * deploy reads it then) -> restartPolicy, or a Job's retries.
 */
export function planRestart(s: ServicePlanning): void {
  const { ctx, svc, deploy, kind } = s;
  const at = under(s.name, 'deploy');
  s.composeKeys.record('deploy.restart_policy', 'restartPolicy');
  for (const [key, field] of [['condition', 'condition'], ['delay', 'delay'], ['max_attempts', 'maxAttempts'], ['window', 'window']] as const) {
    s.composeKeys.record(`deploy.restart_policy.${key}`, `restartPolicy.${field}`);
  }
  s.composeKeys.record('deploy.restart_policy.max_attempts', 'retries');
  const rp = isDict(deploy.restart_policy) ? deploy.restart_policy : undefined;
  let condition: string | undefined;
  let maxAttempts: number | undefined;
  let delay: string | undefined;
  let window: string | undefined;
  if (rp) {
    if (svc.restart !== undefined) ctx.note(s.at('restart'), 'dropped', 'docker stack deploy ignores restart: when deploy.restart_policy is set');
    if (rp.condition !== undefined) {
      condition = String(rp.condition);
      if (!['none', 'on-failure', 'any'].includes(condition)) ctx.problem(at('restart_policy', 'condition'),
        `must be none, on-failure or any (got "${condition}")`);
    }
    if (typeof rp.max_attempts === 'number') maxAttempts = rp.max_attempts;
    if (rp.delay !== undefined) delay = duration(ctx, at('restart_policy', 'delay'), rp.delay);
    if (rp.window !== undefined) window = duration(ctx, at('restart_policy', 'window'), rp.window);
  } else if (typeof svc.restart === 'string') {
    const m = /^(no|always|unless-stopped|on-failure(?::(\d+))?)$/.exec(svc.restart);
    if (!m) ctx.problem(s.at('restart'), `must be no, always, unless-stopped or on-failure[:N] (got "${svc.restart}")`);
    else if (m[1] === 'no') {
      ctx.note(s.at('restart'), 'info', 'docker stack deploy reads restart: "no" as no restart policy, and Swarm then restarts always: ' +
        'mapped to that (use deploy.restart_policy.condition: none to stop restarts)', 'swarm');
    } else if (m[1].startsWith('on-failure')) {
      condition = 'on-failure';
      maxAttempts = m[2] !== undefined ? Number(m[2]) : 0;
    }
  }
  if (kind === 'Job') {
    if (condition === 'none') s.props.retries = 0;
    else if (maxAttempts !== undefined && maxAttempts > 0) {
      if (maxAttempts !== 3) s.props.retries = maxAttempts;
    } else {
      ctx.note(rp ? at('restart_policy', 'max_attempts') : at('restart_policy'), 'changed',
        'Swarm retries a failed job without limit; Conductor retries it 3 times (Kubernetes backoffLimit): set retries');
    }
    if (delay !== undefined) ctx.note(at('restart_policy', 'delay'), 'dropped',
      'a job\'s retry delay is not in the model (Kubernetes backs off on its own)');
    if (window !== undefined) ctx.note(at('restart_policy', 'window'), 'dropped', 'a job\'s restart window is not in the model');
    return;
  }
  const restart: Draft<RestartPolicyProps> = {};
  if (condition !== undefined && condition !== 'any') restart.condition = condition === 'none' ? RestartCondition.NONE : RestartCondition.ON_FAILURE;
  if (delay !== undefined) restart.delay = delay;
  if (maxAttempts !== undefined) restart.maxAttempts = maxAttempts;
  if (window !== undefined) restart.window = window;
  if (Object.keys(restart).length) s.props.restartPolicy = restart;
}
