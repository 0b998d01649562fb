import { formatDuration } from '../model/duration';
import { Exposure } from '../model/ports';
import { parseMemory } from '../model/quantity';
import { Workload } from '../model/workload';
import { WorkloadBase } from '../model/workload-base';
import {
  ComposeDeploy, ComposeFileMount, ComposeHealthcheck, ComposeMount, ComposePort, ComposeService, ComposeUpdateConfig,
} from './compose-types';
import { Swarm } from './escape-hatch';
import { swarmCpus, swarmMemory } from './format';

/** Renders one workload as a Swarm service. */
export function renderService(w: WorkloadBase): ComposeService {
  const s = w.security;
  const service: ComposeService = {
    image: w.image,
    entrypoint: w.command,
    command: w.args,
    working_dir: w.workingDir,
    // Swarm wants "uid:gid" as a string.
    user: `${s.user}:${s.group}`,
    read_only: s.readOnlyRootFilesystem,
    cap_add: nonEmpty(s.addCapabilities),
    cap_drop: nonEmpty(s.dropCapabilities),
    environment: environment(w),
    ports: nonEmpty(ports(w)),
    configs: nonEmpty(configMounts(w)),
    secrets: nonEmpty(secretMounts(w)),
    volumes: nonEmpty(mounts(w)),
    healthcheck: healthcheck(w),
    labels: nonEmptyRecord(w.labels),
    deploy: deploy(w as Workload),
  };
  return Swarm._apply(w, dropUndefined(service));
}

/** Config env, then literal env (which wins, as on Kubernetes), then `<NAME>_FILE` for secrets. */
function environment(w: WorkloadBase): Record<string, string> | undefined {
  const env: Record<string, string> = {};
  for (const c of w.envConfigs) for (const k of c.envNames) env[k] = c.env[k];
  Object.assign(env, w.env);
  for (const { name, secret } of w.secretEnv) {
    const mount = w.mounts.find((m) => m.kind === 'secret' && m.secret === secret)!;
    env[`${name}_FILE`] = mount.path;
  }
  return nonEmptyRecord(Object.fromEntries(Object.keys(env).sort().map((k) => [k, env[k]])));
}

function ports(w: WorkloadBase): ComposePort[] {
  return w.exposedPorts.map((p) => ({
    target: p.targetPort,
    // A node port without a number: Swarm allocates one, as Kubernetes does.
    published: p.exposure === Exposure.NODE_PORT ? p.nodePort : p.port,
    protocol: p.protocol,
    mode: p.publishMode,
  })).map((p) => dropUndefined(p));
}

function configMounts(w: WorkloadBase): ComposeFileMount[] {
  return w.mounts.flatMap((m) => {
    if (m.kind !== 'config') return [];
    const files = m.file !== undefined ? [m.file] : m.config.fileNames;
    return files.map((f) => ({
      source: m.config.fileObjectName(f),
      target: m.file !== undefined ? m.path : `${m.path.replace(/\/+$/, '')}/${f}`,
    }));
  });
}

function secretMounts(w: WorkloadBase): ComposeFileMount[] {
  return w.mounts.flatMap((m) => (m.kind === 'secret' ? [{ source: m.secret.name, target: m.path }] : []));
}

function mounts(w: WorkloadBase): ComposeMount[] {
  return w.mounts.flatMap((m): ComposeMount[] => {
    switch (m.kind) {
      case 'volume':
        return [dropUndefined({ type: 'volume' as const, source: m.volume.name, target: m.path, read_only: m.readOnly || undefined })];
      case 'scratch':
        // A service-level `tmpfs:` is dropped by `docker stack deploy`; a tmpfs mount works.
        return [{ type: 'tmpfs', target: m.path, ...(m.sizeLimit ? { tmpfs: { size: parseMemory(m.sizeLimit)!.bytes } } : {}) }];
      default:
        return [];
    }
  });
}

function healthcheck(w: WorkloadBase): ComposeHealthcheck | undefined {
  const h = w.health;
  if (!h) return undefined;
  return dropUndefined({
    test: ['CMD', ...h.check.commandForSwarm],
    interval: formatDuration(h.intervalMs),
    timeout: formatDuration(h.timeoutMs),
    retries: h.retries,
    start_period: h.startPeriodMs > 0 ? formatDuration(h.startPeriodMs) : undefined,
  });
}

function deploy(w: Workload): ComposeDeploy {
  const r = w.resources;
  const limits = dropUndefined({ cpus: r.cpuLimit && swarmCpus(r.cpuLimit), memory: r.memoryLimit && swarmMemory(r.memoryLimit) });
  const reservations = dropUndefined({ cpus: r.cpuRequest && swarmCpus(r.cpuRequest), memory: r.memoryRequest && swarmMemory(r.memoryRequest) });
  const rollout = w.rollout;
  const update: ComposeUpdateConfig = {
    parallelism: rollout.parallelism,
    delay: formatDuration(rollout.delayMs),
    failure_action: rollout.failureAction,
    monitor: formatDuration(rollout.monitorMs),
    order: rollout.order,
  };
  return dropUndefined({
    mode: 'replicated' as const,
    replicas: w.replicas,
    labels: nonEmptyRecord({ ...w.annotations, ...w.labels }),
    resources: Object.keys(limits).length || Object.keys(reservations).length
      ? dropUndefined({ limits: nonEmptyRecord(limits), reservations: nonEmptyRecord(reservations) })
      : undefined,
    update_config: update,
    // Rolling back uses the same batch size and order; a failing rollback pauses.
    rollback_config: { ...update, failure_action: 'pause' as const },
  });
}

function nonEmpty<T>(xs: T[] | undefined): T[] | undefined {
  return xs && xs.length > 0 ? xs : undefined;
}

function nonEmptyRecord<T>(r: Record<string, T>): Record<string, T> | undefined {
  return Object.keys(r).length > 0 ? r : undefined;
}

/** Removes keys whose value is undefined, so the YAML has no `key: null`. */
export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
