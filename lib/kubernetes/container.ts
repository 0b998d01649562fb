import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Health } from '../model/health';
import { isFloatingTag } from '../model/image';
import { PublishMode } from '../model/ports';
import { MEBIBYTE, parseMemory } from '../model/quantity';
import { Resources } from '../model/resources';
import { Security } from '../model/security';
import { WorkloadBase } from '../model/workload-base';
import { literal, literalList } from './expansion';
import { mountVolumeNames } from './names';
import { StackStorage } from './storage';

/** cdk8s-plus container props for a workload's main container. */
export function containerProps(scope: Construct, w: WorkloadBase, storage: StackStorage): kplus.ContainerProps {
  const env = new Map<string, kplus.EnvValue>();
  for (const c of w.envConfigs) {
    // envFrom would also turn the files of a config into variables (a file name such as
    // `app.conf` is a valid env name): a config with files gives its env entries one by one.
    // A later config wins, as on Swarm; env beats envFrom, so drop what a later envFrom sets.
    for (const k of c.envNames) {
      if (c.fileNames.length) env.set(k, kplus.EnvValue.fromConfigMap(storage.configMap(c), k));
      else env.delete(k);
    }
  }
  for (const [k, v] of Object.entries(w.env)) env.set(k, kplus.EnvValue.fromValue(literal(v)));
  for (const { name, secret } of w.secretEnv) {
    env.set(name, kplus.EnvValue.fromSecretValue({ secret: storage.secret(secret), key: secret.key }));
  }
  // Sorted by name, like Swarm's environment.
  const envVariables = Object.fromEntries([...env.keys()].sort().map((k) => [k, env.get(k)!]));
  return {
    name: 'main',
    image: w.image,
    // Kubernetes' own default, which cdk8s-plus replaces with Always.
    imagePullPolicy: isFloatingTag(w.image) ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT,
    command: literalList(w.command),
    args: literalList(w.args),
    workingDir: w.workingDir,
    envVariables,
    envFrom: w.envConfigs.filter((c) => c.fileNames.length === 0).map((c) => kplus.Env.fromConfigMap(storage.configMap(c))),
    ports: w.ports.map((p) => ({
      number: p.targetPort,
      name: p.name,
      protocol: p.protocol === 'udp' ? kplus.Protocol.UDP : kplus.Protocol.TCP,
      // Swarm's host publish mode binds on the node running the task: a hostPort here.
      hostPort: p.publishMode === PublishMode.HOST && p.exposure !== 'internal' ? p.nodePort ?? p.port : undefined,
    })),
    volumeMounts: volumeMounts(scope, w, storage),
    resources: resourcesProps(w.resources),
    securityContext: securityContextProps(w.security),
    lifecycle: w.lifecycle.preStop ? { preStop: kplus.Handler.fromCommand(w.lifecycle.preStop) } : undefined,
    ...probes(w.health),
  };
}

function volumeMounts(scope: Construct, w: WorkloadBase, storage: StackStorage): kplus.VolumeMount[] {
  const volumes = new Map<string, kplus.Volume>();
  const volume = (name: string, make: (id: string) => kplus.Volume) => {
    let v = volumes.get(name);
    if (!v) {
      v = make(`${w.name}-volume-${name}`);
      volumes.set(name, v);
    }
    return v;
  };
  const names = mountVolumeNames(w.mounts);
  return w.mounts.map((m, i): kplus.VolumeMount => {
    const name = names[i];
    switch (m.kind) {
      case 'config': {
        // Only the config's files: without `items` its env entries would show up as files too.
        const items = m.config.envNames.length ? Object.fromEntries(m.config.fileNames.map((f) => [f, { path: f }])) : undefined;
        const v = volume(name, (id) => kplus.Volume.fromConfigMap(scope, id, storage.configMap(m.config), { name, defaultMode: 0o444, items }));
        return { path: m.path, volume: v, readOnly: true, subPath: m.file };
      }
      case 'secret': {
        // Mounted as one file (subPath), like Swarm's /run/secrets/<name>.
        const v = volume(name, (id) => kplus.Volume.fromSecret(scope, id, storage.secret(m.secret), { name, defaultMode: 0o444 }));
        return { path: m.path, volume: v, readOnly: true, subPath: m.secret.key };
      }
      case 'volume': {
        const v = volume(name, (id) => kplus.Volume.fromPersistentVolumeClaim(scope, id, storage.claim(m.volume), { name }));
        return { path: m.path, volume: v, readOnly: m.readOnly };
      }
      case 'scratch': {
        const v = volume(name, (id) => kplus.Volume.fromEmptyDir(scope, id, name, {
          medium: m.inMemory ? kplus.EmptyDirMedium.MEMORY : undefined,
          sizeLimit: m.sizeLimit !== undefined ? Size.mebibytes(parseMemory(m.sizeLimit)!.bytes / MEBIBYTE) : undefined,
        }));
        return { path: m.path, volume: v };
      }
      case 'host': {
        // Opt-in only (allowHostAccess), reported as a security risk by synth.
        const v = volume(name, (id) => kplus.Volume.fromHostPath(scope, id, name, { path: m.hostPath }));
        return { path: m.path, volume: v, readOnly: m.readOnly };
      }
    }
  });
}

export function resourcesProps(r: Resources): kplus.ContainerResources {
  // An empty object, not undefined: cdk8s-plus would otherwise apply its own large defaults.
  return {
    cpu: r.cpuRequest || r.cpuLimit ? {
      request: r.cpuRequest ? kplus.Cpu.millis(r.cpuRequest.millicores) : undefined,
      limit: r.cpuLimit ? kplus.Cpu.millis(r.cpuLimit.millicores) : undefined,
    } : undefined,
    memory: r.memoryRequest || r.memoryLimit ? {
      request: r.memoryRequest ? Size.mebibytes(r.memoryRequest.bytes / MEBIBYTE) : undefined,
      limit: r.memoryLimit ? Size.mebibytes(r.memoryLimit.bytes / MEBIBYTE) : undefined,
    } : undefined,
  };
}

export function securityContextProps(s: Security): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: s.runAsNonRoot,
    user: s.user,
    group: s.group,
    privileged: false,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem,
    allowPrivilegeEscalation: s.allowPrivilegeEscalation,
    capabilities: {
      add: s.addCapabilities.length ? (s.addCapabilities as kplus.Capability[]) : undefined,
      drop: s.dropCapabilities.length ? (s.dropCapabilities as kplus.Capability[]) : undefined,
    },
  };
}

/**
 * One model health check gives readiness and liveness probes (Swarm's one
 * healthcheck does both jobs), and a startup probe covering `startPeriod`.
 */
function probes(h: Health | undefined): Pick<kplus.ContainerProps, 'readiness' | 'liveness' | 'startup'> {
  if (!h) return {};
  const seconds = (ms: number) => Duration.seconds(ms / 1000);
  const make = (failureThreshold: number) => {
    const opts = { periodSeconds: seconds(h.intervalMs), timeoutSeconds: seconds(h.timeoutMs), failureThreshold };
    switch (h.check.kind) {
      case 'http':
        return kplus.Probe.fromHttpGet(h.check.path!, { ...opts, port: h.check.port });
      case 'tcp':
        return kplus.Probe.fromTcpSocket({ ...opts, port: h.check.port });
      case 'command':
        return kplus.Probe.fromCommand(h.check.command!, opts);
    }
  };
  const startupFailures = Math.ceil(h.startPeriodMs / h.intervalMs) + h.retries;
  return {
    readiness: make(h.retries),
    liveness: make(h.retries),
    startup: h.startPeriodMs > 0 ? make(startupFailures) : undefined,
  };
}
