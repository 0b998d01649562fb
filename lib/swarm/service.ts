import { HelperContainer } from '../model/containers';
import { nameKeyedRecord } from '../model/name-keyed';
import { formatDuration } from '../model/duration';
import { Exposure, PublishMode } from '../model/ports';
import { parseMemory } from '../model/quantity';
import { Security } from '../model/security';
import { StatefulWorkload } from '../model/stateful-workload';
import { AnyWorkload } from '../model/workload-kinds';
import {
  ComposeDeploy, ComposeFileMount, ComposeHealthcheck, ComposeMount, ComposePort, ComposeService,
} from './compose-types';
import { renderDeploy } from './deploy';
import { Swarm } from './escape-hatch';
import { routingLabels } from './ingress';
import { OverrideRisk, overrideRisks } from './override-risks';
import { configFileKey, secretKey } from './names';
import { serviceNetworks, sidecarNetworks } from './network';
import { literalTemplate, literalTemplateValues } from './templates';
import { dropUndefined, nonEmpty, nonEmptyRecord, sortRecord } from './objects';

/** Compose key of a per-replica volume: dotted, so it never collides with a Volume's (DNS) name. */
export function perReplicaVolumeKey(w: StatefulWorkload, volume: string): string {
  return `${w.name}.${volume}`;
}

/**
 * Renders one workload as Swarm services: its own, and one per sidecar
 * (`<workload>-<sidecar>`, same deploy settings), since Swarm has no pods.
 * Reports to `reportRisk` each relaxation its `Swarm.override` made.
 */
export function renderServices(w: AnyWorkload, reportRisk?: (risk: OverrideRisk) => void): Record<string, ComposeService> {
  const services = nameKeyedRecord<ComposeService>();
  const rendered = renderMain(w);
  services[w.name] = Swarm._apply(w, rendered);
  if (reportRisk && services[w.name] !== rendered) for (const r of overrideRisks(rendered, services[w.name])) reportRisk(r);
  for (const s of w.sidecars) services[`${w.name}-${s.name}`] = renderSidecar(w, s);
  return services;
}

function renderMain(w: AnyWorkload): ComposeService {
  const lifecycle = w.lifecycle;
  return dropUndefined({
    image: w.image,
    entrypoint: w.command,
    command: w.args,
    working_dir: w.workingDir,
    ...security(w.security),
    environment: environment(w),
    ports: nonEmpty(ports(w)),
    configs: nonEmpty(configMounts(w)),
    secrets: nonEmpty(secretMounts(w)),
    volumes: nonEmpty(mounts(w)),
    healthcheck: healthcheck(w),
    stop_grace_period: lifecycle.stopGracePeriodMs !== undefined ? formatDuration(lifecycle.stopGracePeriodMs) : undefined,
    stop_signal: lifecycle.stopSignal,
    labels: nonEmptyRecord(sortRecord(w.labels)),
    networks: serviceNetworks(w),
    deploy: withRoutingLabels(w, renderDeploy(w)),
  });
}

/** Traefik labels of the Ingresses routing to the workload (lib/swarm/ingress.ts); the workload's own labels win. */
function withRoutingLabels(w: AnyWorkload, deploy: ComposeDeploy): ComposeDeploy {
  const routing = routingLabels(w);
  return Object.keys(routing).length ? { ...deploy, labels: sortRecord({ ...routing, ...(deploy.labels ?? {}) }) } : deploy;
}

function renderSidecar(w: AnyWorkload, s: HelperContainer): ComposeService {
  return dropUndefined({
    image: s.image,
    entrypoint: s.command,
    command: s.args,
    working_dir: s.workingDir,
    ...security(s.security),
    environment: literalTemplateValues(nonEmptyRecord(s.env)),
    labels: nonEmptyRecord(sortRecord(w.labels)),
    networks: sidecarNetworks(w),
    deploy: renderDeploy(w, s.resources),
  });
}

function security(s: Security): Pick<ComposeService, 'user' | 'read_only' | 'cap_add' | 'cap_drop'> {
  return dropUndefined({
    // Swarm wants "uid:gid" (or "uid") as a string; none: the image's USER.
    user: s.user === undefined ? undefined : s.group === undefined ? `${s.user}` : `${s.user}:${s.group}`,
    read_only: s.readOnlyRootFilesystem,
    cap_add: nonEmpty(s.addCapabilities),
    cap_drop: nonEmpty(s.dropCapabilities),
  });
}

/** Config env, then literal env (which wins, as on Kubernetes), then `<NAME>_FILE` for secrets; literal (not Go templates). */
function environment(w: AnyWorkload): Record<string, string> | undefined {
  const env: Record<string, string> = {};
  for (const c of w.envConfigs) for (const k of c.envNames) env[k] = c.env[k];
  Object.assign(env, w.env);
  for (const { name, secret } of w.secretEnv) {
    const mount = w.mounts.find((m) => m.kind === 'secret' && m.secret === secret)!;
    env[`${name}_FILE`] = mount.path;
  }
  return nonEmptyRecord(Object.fromEntries(Object.keys(env).sort().map((k) => [k, literalTemplate(env[k])])));
}

function ports(w: AnyWorkload): ComposePort[] {
  return w.exposedPorts.map((p) => dropUndefined({
    target: p.targetPort,
    // A node port without a number: Swarm allocates one, as Kubernetes does. Host mode binds
    // the same port as the Kubernetes hostPort (nodePort, else port), never a random one.
    published: p.exposure === Exposure.NODE_PORT && p.publishMode !== PublishMode.HOST ? p.nodePort : p.nodePort ?? p.port,
    protocol: p.protocol,
    mode: p.publishMode,
  }));
}

function configMounts(w: AnyWorkload): ComposeFileMount[] {
  return w.mounts.flatMap((m) => {
    if (m.kind !== 'config') return [];
    const files = m.file !== undefined ? [m.file] : m.config.fileNames;
    return files.map((f) => ({
      source: configFileKey(m.config, f),
      target: m.file !== undefined ? m.path : `${m.path.replace(/\/+$/, '')}/${f}`,
    }));
  });
}

function secretMounts(w: AnyWorkload): ComposeFileMount[] {
  return w.mounts.flatMap((m) => (m.kind === 'secret' ? [{ source: secretKey(m.secret), target: m.path }] : []));
}

function mounts(w: AnyWorkload): ComposeMount[] {
  const out = w.mounts.flatMap((m): ComposeMount[] => {
    switch (m.kind) {
      case 'volume':
        return [dropUndefined({
          type: 'volume' as const, source: m.volume.name, target: literalTemplate(m.path), read_only: m.readOnly || undefined,
        })];
      case 'scratch':
        // A service-level `tmpfs:` is dropped by `docker stack deploy`; a tmpfs mount works.
        return [{ type: 'tmpfs', target: literalTemplate(m.path), ...(m.sizeLimit ? { tmpfs: { size: parseMemory(m.sizeLimit)!.bytes } } : {}) }];
      case 'host':
        // Opt-in only (allowHostAccess), reported as a security risk by synth.
        return [dropUndefined({
          type: 'bind' as const, source: literalTemplate(m.hostPath), target: literalTemplate(m.path), read_only: m.readOnly || undefined,
        })];
      default:
        return [];
    }
  });
  if (w.kind === 'stateful') {
    // The source is Conductor's own `{{.Task.Slot}}` volume (lib/swarm/stack.ts): a template on purpose.
    for (const v of w.perReplicaVolumes) out.push({ type: 'volume', source: perReplicaVolumeKey(w, v.name), target: literalTemplate(v.path) });
  }
  return out;
}

function healthcheck(w: AnyWorkload): ComposeHealthcheck | undefined {
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
