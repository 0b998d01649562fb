import * as fs from 'fs';
import * as path from 'path';
import { FILE_NAME_PATTERN } from '../../model/names';
import { AccessMode } from '../../model/volume';
import { swarmDriverShares } from '../../swarm/checks/shared-volumes';
import { Context, Dict, isDict, modelName } from './context';
import { PlannedConfig, PlannedSecret, PlannedVolume, PlannedVolumeProps } from './types';

/** A volume whose name has {{.Task.Slot}}: one per replica, mounted with mountPerReplicaVolume. */
export interface PerReplicaVolume {
  readonly perReplica: true;
  readonly name: string;
  readonly props: PlannedVolumeProps;
}

/** The top-level sections, by Compose name. */
export interface TopLevel {
  /** undefined for an external config. */
  readonly configs: Map<string, PlannedConfig | undefined>;
  readonly secrets: Map<string, PlannedSecret>;
  readonly volumes: Map<string, PlannedVolume | PerReplicaVolume>;
  /** Compose network name -> Network id, or undefined for an external network. */
  readonly networks: Map<string, string | undefined>;
}

/** Plans the top-level `volumes`, `networks`, `secrets` and `configs`. */
export function planTopLevel(ctx: Context): TopLevel {
  const top: TopLevel = { configs: new Map(), secrets: new Map(), volumes: new Map(), networks: new Map() };
  planVolumes(ctx, top);
  planNetworks(ctx, top);
  planSecrets(ctx, top);
  planConfigs(ctx, top);
  return top;
}

const isExternal = (def: Dict) => def.external !== undefined && def.external !== false;

function ignoreExtensions(ctx: Context, section: string, name: string, def: Dict): void {
  for (const k of Object.keys(def)) if (k.startsWith('x-')) ctx.note([section, name, k], 'info', 'extension field ignored');
}

function planVolumes(ctx: Context, top: TopLevel): void {
  const doc = ctx.loaded.doc;
  for (const name of Object.keys(doc.volumes ?? {}).sort()) {
    const def = (doc.volumes![name] ?? {}) as Dict;
    const keys = ['volumes', name];
    ignoreExtensions(ctx, 'volumes', name, def);
    const props: PlannedVolumeProps = {};
    if (typeof def.driver === 'string') props.driver = def.driver;
    if (isDict(def.driver_opts) && Object.keys(def.driver_opts).length) {
      props.driverOptions = Object.fromEntries(Object.entries(def.driver_opts).map(([k, v]) => [k, String(v)]));
    }
    if (def.labels !== undefined) ctx.note([...keys, 'labels'], 'dropped', 'volume labels are not in the model');
    if (def['x-cluster-spec'] !== undefined) ctx.note([...keys, 'x-cluster-spec'], 'dropped', 'Swarm cluster (CSI) volumes are not in the model');
    const given = typeof def.name === 'string' ? def.name : undefined;
    if (given !== undefined && given.includes('{{.Task.Slot}}')) {
      // One volume per replica: a StatefulWorkload's per-replica volume.
      const volName = modelName(name, 'volume');
      top.volumes.set(name, { perReplica: true, name: volName, props });
      ctx.note([...keys, 'name'], 'changed', `"${given}" gives each replica its own volume: mapped to mountPerReplicaVolume, ` +
        `which Swarm names <stack>_<service>-${volName}-{{.Task.Slot}} (Kubernetes: a volumeClaimTemplate). ` +
        `Existing volumes named "${given.replace('{{.Task.Slot}}', 'N')}" are not reused`);
      if (isExternal(def)) ctx.problem([...keys, 'external'], 'an external volume cannot be per-replica ({{.Task.Slot}} in its name)');
      continue;
    }
    const id = ctx.allocate(name, 'volume', keys, (to) =>
      `renamed to "${to}": Swarm names the volume <stack>_${to}, so an existing volume <stack>_${name} is not reused`);
    if (isExternal(def)) {
      const existing = given ?? (isDict(def.external) && def.external.name) ?? name;
      ctx.note([...keys, 'external'], 'changed', `Conductor creates its volumes (Swarm: <stack>_${id}; Kubernetes: a PersistentVolumeClaim) ` +
        `and cannot reference an existing one: copy the data of "${existing}" into it`);
    } else if (given !== undefined) {
      ctx.note([...keys, 'name'], 'changed',
        `Swarm names Conductor's volume <stack>_${id}, not "${given}": an existing volume "${given}" is not reused` +
        `${given.includes('{{') ? ' (only {{.Task.Slot}} has a mapping: per-replica volumes)' : ''}`);
    }
    if (swarmDriverShares(props.driver, props.driverOptions)) {
      // The same storage on every node (docs/runtime-checks.md): several services or replicas may mount it, and on Kubernetes too.
      props.accessMode = AccessMode.READ_WRITE_MANY;
      const key = props.driver !== undefined && props.driver !== 'local' ? 'driver' : 'driver_opts';
      ctx.note([...keys, key], 'changed', 'the driver shares the volume across nodes: the Kubernetes claim asks for ReadWriteMany '
        + '(a storage class that supports it)', 'kubernetes');
    }
    top.volumes.set(name, { composeName: name, id, props });
  }
  if (top.volumes.size > 0) {
    ctx.note(['volumes'], 'info', 'Compose volumes have no size: Kubernetes PersistentVolumeClaims get Conductor\'s default 1Gi ' +
      'and the cluster\'s default storage class (set size / storageClass)', 'kubernetes');
  }
}

function planNetworks(ctx: Context, top: TopLevel): void {
  const doc = ctx.loaded.doc;
  for (const name of Object.keys(doc.networks ?? {}).sort()) {
    const def = (doc.networks![name] ?? {}) as Dict;
    const keys = ['networks', name];
    ignoreExtensions(ctx, 'networks', name, def);
    if (isExternal(def)) {
      top.networks.set(name, undefined);
      ctx.note(keys, 'dropped', 'an external network: Conductor attaches services to its own stack networks only ' +
        '(Ingress has swarmProxyNetwork for a reverse proxy\'s network); the services that list it are not attached to it');
      continue;
    }
    if (name === 'default') {
      top.networks.set(name, undefined);
      if (Object.keys(def).some((k) => !k.startsWith('x-'))) ctx.note(keys, 'dropped',
        'settings of the stack\'s default network are not in the model');
      continue;
    }
    const id = ctx.allocate(name, 'network', keys, (to) => `renamed to "${to}" (Swarm network <stack>_${to})`);
    top.networks.set(name, id);
    if (def.driver !== undefined && def.driver !== 'overlay') {
      ctx.note([...keys, 'driver'], 'changed',
        `Conductor's Swarm networks are overlay networks (a stack's services span nodes), not "${String(def.driver)}"`);
    }
    for (const k of ['driver_opts', 'ipam', 'labels', 'attachable', 'name'] as const) {
      if (def[k] !== undefined) ctx.note([...keys, k], 'dropped', k === 'name' ? `Swarm names Conductor's network <stack>_${id}`
        : `network ${k} is not in the model`);
    }
  }
}

function planSecrets(ctx: Context, top: TopLevel): void {
  const doc = ctx.loaded.doc;
  for (const name of Object.keys(doc.secrets ?? {}).sort()) {
    const def = doc.secrets![name] as Dict;
    const keys = ['secrets', name];
    ignoreExtensions(ctx, 'secrets', name, def);
    const external = isExternal(def);
    const existing = (isDict(def.external) && typeof def.external.name === 'string' ? def.external.name : undefined)
      ?? (typeof def.name === 'string' ? def.name : undefined) ?? name;
    const id = ctx.allocate(external ? existing : name, 'secret', keys, (to) =>
      `renamed to "${to}" (Kubernetes Secret names are DNS names): create the secret as "${to}" on both targets`);
    if (!external) {
      if (typeof def.file === 'string') {
        ctx.note([...keys, 'file'], 'changed',
          `Conductor never copies secret values into its output: "${id}" becomes a reference to an existing secret. ` +
          `Create it from the file before deploying: docker secret create ${id} ${def.file} / ` +
          `kubectl create secret generic ${id} --from-file=value=${def.file}`);
      } else if (def.driver !== undefined) {
        ctx.note([...keys, 'driver'], 'changed', `a secret from a secret driver: Conductor references an existing secret "${id}" instead`);
      }
    }
    for (const k of ['labels', 'driver_opts', 'template_driver'] as const) {
      if (def[k] !== undefined) ctx.note([...keys, k], 'dropped', `secret ${k} is not in the model`);
    }
    if (!external && def.name !== undefined) ctx.note([...keys, 'name'], 'changed', `the secret is referenced as "${id}"`);
    top.secrets.set(name, { composeName: name, id });
  }
}

function planConfigs(ctx: Context, top: TopLevel): void {
  const doc = ctx.loaded.doc;
  for (const name of Object.keys(doc.configs ?? {}).sort()) {
    const def = doc.configs![name] as Dict;
    const keys = ['configs', name];
    ignoreExtensions(ctx, 'configs', name, def);
    for (const k of ['labels', 'template_driver'] as const) {
      if (def[k] !== undefined) ctx.note([...keys, k], 'dropped', `config ${k} is not in the model`);
    }
    if (isExternal(def)) {
      top.configs.set(name, undefined);
      ctx.note([...keys, 'external'], 'dropped', 'Conductor creates its configs from content and cannot reference an existing one: ' +
        'the services that mount it do not get it (make it a file: config)');
      continue;
    }
    if (def.name !== undefined) {
      ctx.note([...keys, 'name'], 'changed', `Conductor names configs by content (<stack>_<config>-<file>-<hash>), not "${String(def.name)}"`);
    }
    if (typeof def.file !== 'string') {
      ctx.problem(keys, 'needs file: (or external: true)');
      continue;
    }
    const source = path.resolve(ctx.loaded.dir, def.file);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(source);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      ctx.problem([...keys, 'file'], `cannot read ${def.file} (${why}; relative to ${ctx.loaded.file})`);
      continue;
    }
    const content = bytes.toString('utf8');
    if (!Buffer.from(content, 'utf8').equals(bytes)) {
      ctx.problem([...keys, 'file'], `${def.file} is not UTF-8 text: Conductor configs hold text`);
      continue;
    }
    let fileName = path.basename(def.file);
    if (!FILE_NAME_PATTERN.test(fileName) || fileName === '.' || fileName === '..') {
      fileName = fileName.replace(/[^-._a-zA-Z0-9]+/g, '-').replace(/^\.+$/, 'file') || 'file';
    }
    const id = ctx.allocate(name, 'config', keys, () => undefined);
    top.configs.set(name, { composeName: name, id, files: { [fileName]: { source, content } } });
  }
}
