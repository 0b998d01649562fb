import { extname } from 'path';
import { Stack } from '../model/stack';
import type { RenderedRisk } from '../targets';
import { ComposeFile, ComposeFileMount, ComposeFileObject, ComposeService, ComposeVolume } from './compose-types';
import { CronJobOnSwarm } from '../model/cron-job';
import { escapeInterpolation } from './interpolation';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from './labels';
import { renderNetworks } from './network';
import { sortRecord } from './objects';
import { nameKeyedRecord, sortedNameKeyedRecord } from '../model/name-keyed';
import { configFileKey, perReplicaVolumeName, secretKey } from './names';
import { perReplicaVolumeKey, renderServices } from './service';

const MANAGED = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };

/** A file written next to the stack file, path relative to the stack directory. */
export interface StackFile {
  readonly path: string;
  readonly content: string;
  /** Holds a secret value (the plaintext opt-in): synth warns about it. */
  readonly secret?: boolean;
}

export interface SwarmStackOutput {
  readonly compose: ComposeFile;
  readonly files: StackFile[];
}

/**
 * Renders one stack to a Compose document for `docker stack deploy`, plus its config files;
 * reports to `reportRisk` each relaxation a `Swarm.override` made (lib/swarm/override-risks.ts).
 */
export function renderSwarmStack(stack: Stack, reportRisk?: (risk: RenderedRisk) => void): SwarmStackOutput {
  const files: StackFile[] = [];
  // Keyed by names: see lib/model/name-keyed.ts.
  const services = nameKeyedRecord<ComposeService>();
  const volumes = nameKeyedRecord<ComposeVolume>();
  for (const w of stack.workloads) {
    if (w.kind === 'cron' && w.onSwarm === CronJobOnSwarm.OMIT) continue;
    Object.assign(services, renderServices(w, reportRisk && ((r) => reportRisk({ workload: w, ...r }))));
    if (w.kind === 'stateful') {
      for (const v of w.perReplicaVolumes) {
        // An explicit name with the task slot gives each replica its own volume.
        volumes[perReplicaVolumeKey(w, v.name)] = { name: perReplicaVolumeName(w, v), ...driver(v) };
      }
    }
  }

  const configs = nameKeyedRecord<ComposeFileObject>();
  for (const config of stack.configs) {
    for (const f of config.fileNames) {
      const key = configFileKey(config, f);
      const path = `configs/${key}${extname(f)}`;
      configs[key] = { file: `./${path}`, labels: { ...MANAGED } };
      files.push({ path, content: config.files[f] });
    }
  }

  // Only secrets a service mounts: an Ingress's TLS secret, say, is the
  // proxy's business on Swarm, and an unused plaintext secret is not written.
  // A Swarm.override may use Compose's short form (`secrets: [name]`).
  const sources = (s: ComposeService) => (Array.isArray(s.secrets) ? s.secrets : [])
    .map((m: ComposeFileMount | string) => (typeof m === 'string' ? m : m.source));
  const mounted = new Set(Object.values(services).flatMap(sources));
  const secrets = nameKeyedRecord<ComposeFileObject>();
  for (const secret of stack.secrets) {
    if (secret.source === 'plaintext') {
      const key = secretKey(secret);
      if (!mounted.has(key)) continue;
      const path = `secrets/${secret.name}`;
      secrets[key] = { file: `./${path}`, labels: { ...MANAGED } };
      files.push({ path, content: secret.plaintextValue!, secret: true });
    } else if (mounted.has(secret.name)) {
      // Created beforehand with `docker secret create <name> -`.
      secrets[secret.name] = { external: true, name: secret.name };
    }
  }

  for (const v of stack.volumes) volumes[v.name] = driver(v);

  // escapeInterpolation of every value; the name-keyed maps are copied as
  // dictionaries (escapeInterpolation would copy them as plain objects).
  const escaped = <T>(r: Record<string, T>) => sortedNameKeyedRecord(r, escapeInterpolation);
  const compose: ComposeFile = { services: escaped(services) };
  const networks = renderNetworks(stack);
  if (networks) compose.networks = escaped(networks);
  if (Object.keys(configs).length) compose.configs = escaped(configs);
  if (Object.keys(secrets).length) compose.secrets = escaped(secrets);
  if (Object.keys(volumes).length) compose.volumes = escaped(volumes);
  return { compose, files: files.sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

function driver(v: { driver?: string; driverOptions: { readonly [key: string]: string } }): ComposeVolume {
  return {
    ...(v.driver ? { driver: v.driver } : {}),
    ...(Object.keys(v.driverOptions).length ? { driver_opts: sortRecord(v.driverOptions) } : {}),
  };
}
