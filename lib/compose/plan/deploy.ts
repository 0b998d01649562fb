import { CpuResourceProps, MemoryResourceProps } from '../../model/resources';
import { ramInBytes } from '../syntax';
import { isDict, under } from './context';
import { planPlacement } from './placement';
import { planRestart } from './restart';
import { planRollout } from './rollout';
import { ServicePlanning } from './service-planning';
import { Draft } from './types';
import { cpu, quantity } from './units';

const DEPLOY_KEYS = ['mode', 'endpoint_mode', 'replicas', 'labels', 'rollback_config', 'update_config', 'resources', 'restart_policy', 'placement'];

/**
 * `deploy`: replicas (a Job's completions), resources, then the restart
 * policy, rollout and placement. `mode` chose the workload class and
 * `labels` are planned with the service's labels.
 */
export function planDeploy(s: ServicePlanning): void {
  const { ctx, deploy, kind } = s;
  const at = under(s.name, 'deploy');
  for (const k of Object.keys(deploy)) if (!DEPLOY_KEYS.includes(k)) throw new Error(`internal: deploy key ${k} has no handling`);

  s.composeKeys.record('deploy.replicas', 'replicas', 'completions', 'parallelism');
  const replicas = typeof deploy.replicas === 'number' ? deploy.replicas : undefined;
  if (replicas !== undefined) {
    if (kind === 'DaemonWorkload') ctx.note(at('replicas'), 'dropped', 'a global service runs one task per node: replicas does not apply');
    else if (kind === 'Job') {
      if (replicas < 1) ctx.problem(at('replicas'), `a replicated-job needs at least 1 completion (got ${replicas})`);
      else if (replicas !== 1) s.props.completions = replicas;
    } else if (replicas < 0) ctx.problem(at('replicas'), `must not be negative (got ${replicas})`);
    else if (replicas !== 1) s.props.replicas = replicas;
  }
  if (deploy.endpoint_mode !== undefined && deploy.endpoint_mode !== 'vip') {
    ctx.note(at('endpoint_mode'), 'dropped', `endpoint_mode ${String(deploy.endpoint_mode)} is not in the model: ` +
      'the service gets a virtual IP (Kubernetes: a ClusterIP Service)');
  }
  planResources(s);
  planRestart(s);
  planRollout(s);
  s.composeKeys.record('deploy.placement', 'placement');
  if (isDict(deploy.placement)) planPlacement(s, deploy.placement);
}

/** `deploy.resources` -> resources: CPUs in cores, memory in whole mebibytes. */
function planResources(s: ServicePlanning): void {
  const { ctx, deploy } = s;
  const at = under(s.name, 'deploy', 'resources');
  for (const [side, field] of [['limits', 'limit'], ['reservations', 'request']] as const) {
    s.composeKeys.record(`deploy.resources.${side}.cpus`, `resources.cpu.${field}`);
    s.composeKeys.record(`deploy.resources.${side}.memory`, `resources.memory.${field}`);
  }
  if (!isDict(deploy.resources)) return;
  const r = deploy.resources;
  const resources: { cpu?: Draft<CpuResourceProps>; memory?: Draft<MemoryResourceProps> } = {};
  for (const [side, field] of [['limits', 'limit'], ['reservations', 'request']] as const) {
    const part = r[side];
    if (!isDict(part)) continue;
    if (part.cpus !== undefined) {
      const c = cpu(ctx, at(side, 'cpus'), part.cpus);
      if (c !== undefined) (resources.cpu ??= {})[field] = c;
    }
    if (part.memory !== undefined) {
      const bytes = ramInBytes(part.memory);
      if (bytes === undefined) ctx.problem(at(side, 'memory'), `must be a size such as "512M" or "1G" (got ${JSON.stringify(part.memory)})`);
      else if (bytes > 0) (resources.memory ??= {})[field] = quantity(ctx, at(side, 'memory'), bytes, part.memory);
    }
    if (part.pids !== undefined) ctx.note(at(side, 'pids'), 'dropped', 'a pids limit is not in the model');
    if (part.generic_resources !== undefined) ctx.note(at(side, 'generic_resources'), 'dropped',
      'generic resources (GPUs, ...) are not in the model');
  }
  if (resources.cpu || resources.memory) s.props.resources = resources;
}
