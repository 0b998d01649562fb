import * as fs from 'fs';
import * as path from 'path';
import { formatDuration, parseDuration } from '../model/duration';
import { HealthCheck } from '../model/health';
import { checkImage } from '../model/image';
import { RestartCondition } from '../model/lifecycle';
import { AccessMode } from '../model/volume';
import { swarmDriverShares } from '../swarm/checks/shared-volumes';
import { checkContainerPath, checkLabelKey, checkLabelValue, ENV_NAME_PATTERN, FILE_NAME_PATTERN } from '../model/names';
import { NodeRole } from '../model/placement';
import { Exposure, PortProps, PublishMode } from '../model/ports';
import { FailureAction, RolloutOrder } from '../model/rollout';
import { splitKey, LoadedCompose } from './loader';
import { planSecurity } from './plan-security';
import { officialImageName, wellKnownPort } from './well-known-ports';
import { ComposeImportError, ComposeImportNote, ComposeNoteKind, ComposeProblem } from './problems';
import { parseEnvFile, parseGoDuration, parsePortSpec, parseVolumeSpec, ramInBytes, shellSplit, VolumeSpec } from './syntax';

/*
 * The mapping from Compose to the model, as data: an ImportPlan is what the
 * importer decided, target-neutral and model-shaped. `build.ts` turns it
 * into constructs, `codegen.ts` into TypeScript that makes the same
 * constructs, so both always agree.
 */

export type WorkloadClass = 'Workload' | 'StatefulWorkload' | 'DaemonWorkload' | 'Job';

export interface PlannedConfig {
  /** The key under `configs:`. */
  readonly composeName: string;
  readonly id: string;
  /** File name in the Config -> the file it is read from (absolute) and its content. */
  readonly files: { readonly [fileName: string]: { readonly source: string; readonly content: string } };
}

export interface PlannedSecret {
  readonly composeName: string;
  readonly id: string;
}

export interface PlannedVolume {
  readonly composeName: string;
  readonly id: string;
  readonly props: { driver?: string; driverOptions?: Record<string, string>; accessMode?: AccessMode };
}

export interface PlannedNetwork {
  readonly composeName: string;
  readonly id: string;
  readonly props: { internal?: boolean };
}

export type PlannedMount =
  | { readonly kind: 'config'; readonly config: string; readonly path: string; readonly file: string }
  | { readonly kind: 'secret'; readonly secret: string; readonly path?: string }
  | { readonly kind: 'volume'; readonly volume: string; readonly path: string; readonly readOnly: boolean }
  | { readonly kind: 'scratch'; readonly path: string; readonly sizeLimit?: string }
  | { readonly kind: 'host'; readonly path: string; readonly hostPath: string; readonly readOnly: boolean }
  | { readonly kind: 'perReplica'; readonly path: string; readonly name: string; readonly props: { driver?: string; driverOptions?: Record<string, string> } };

export interface PlannedWorkload {
  /** The Compose service name. */
  readonly service: string;
  readonly id: string;
  readonly kind: WorkloadClass;
  /** Constructor props (model values, in print order), without `networks`. */
  readonly props: Record<string, unknown>;
  /** Ids of the Networks it joins. */
  readonly networks: string[];
  readonly mounts: PlannedMount[];
  /** Comments for the generated code, by prop name. */
  readonly comments: Record<string, string>;
}

export interface ImportPlan {
  /** The compose file as given, and its directory (absolute). */
  readonly file: string;
  readonly dir: string;
  readonly stackName: string;
  readonly configs: PlannedConfig[];
  readonly secrets: PlannedSecret[];
  readonly volumes: PlannedVolume[];
  readonly networks: PlannedNetwork[];
  readonly workloads: PlannedWorkload[];
  readonly notes: ComposeImportNote[];
  /** 1-based line of a key path in the file (for notes found later). */
  readonly line: (keys: readonly (string | number)[]) => number | undefined;
}

type Keys = (string | number)[];
type Dict = Record<string, unknown>;

const isDict = (x: unknown): x is Dict => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Swarm's defaults where the stack file sets nothing (swarmkit api/defaults, engine health defaults). */
export const SWARM_DEFAULTS = {
  update: { parallelism: 1, delayMs: 0, failureAction: 'pause', monitorMs: 5000, order: 'stop-first', maxFailureRatio: 0 },
  health: { intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 },
  restart: { condition: 'any', delayMs: 5000, maxAttempts: 0, windowMs: 0 },
} as const;

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/**
 * Service keys that have no form in the model, with the reason. Every
 * other service key of the v3.13 schema is mapped below (docs/compose-import.md
 * has the whole table; a test checks that the two agree).
 */
export const DROPPED_SERVICE_KEYS: Readonly<Record<string, string>> = {
  build: 'Conductor deploys images: build and push the image in CI and set image: (docker stack deploy ignores build: too)',
  cgroupns_mode: 'docker stack deploy ignores it; Kubernetes has no form for it',
  cgroup_parent: 'docker stack deploy ignores it; Kubernetes has no form for it',
  container_name: 'Swarm and Kubernetes name containers themselves (docker stack deploy ignores it)',
  credential_spec: 'a Windows container setting; Conductor targets Linux containers',
  depends_on: 'neither Swarm nor Kubernetes orders start-up: make the service retry its dependencies (a health check keeps it out of rotation meanwhile)',
  devices: 'docker stack deploy ignores it; Kubernetes needs a device plugin',
  dns: 'not in the model (Kubernetes: pod dnsConfig); both targets resolve service names through their own DNS',
  dns_search: 'not in the model (Kubernetes: pod dnsConfig)',
  domainname: 'docker stack deploy ignores it',
  external_links: 'docker stack deploy ignores it; services of a stack reach each other by name',
  extra_hosts: 'not in the model (Kubernetes: hostAliases); add the names to DNS, or use Swarm.override / Kubernetes.addJsonPatch',
  hostname: 'not in the model: containers get the orchestrator\'s host name (use Swarm.override if the process needs a fixed one)',
  init: 'not in the model: run an init (tini) in the image',
  ipc: 'docker stack deploy ignores it',
  isolation: 'a Windows container setting',
  links: 'docker stack deploy ignores it; services of a stack reach each other by name',
  logging: 'not in the model: both targets log to their node\'s default driver (Kubernetes collects logs at the node)',
  mac_address: 'docker stack deploy ignores it',
  network_mode: 'docker stack deploy ignores it; Conductor attaches services to stack networks',
  oom_score_adj: 'not in the model',
  pid: 'docker stack deploy ignores it',
  privileged: 'docker stack deploy ignores it, and Conductor never runs privileged containers: add only the capabilities needed (cap_add)',
  security_opt: 'docker stack deploy ignores it; Conductor\'s own defaults apply (Kubernetes: no privilege escalation, seccomp RuntimeDefault)',
  shm_size: 'docker stack deploy ignores it (on Kubernetes, mount scratch space with inMemory at /dev/shm)',
  stdin_open: 'not in the model: orchestrated services have no terminal',
  sysctls: 'not in the model (Kubernetes allows only a few safe sysctls per pod)',
  tty: 'not in the model: orchestrated services have no terminal',
  ulimits: 'not in the model: set limits in the image or the node\'s container runtime',
  userns_mode: 'docker stack deploy ignores it',
};

/** Service keys mapped to the model. */
export const MAPPED_SERVICE_KEYS = [
  'image', 'entrypoint', 'command', 'working_dir', 'environment', 'env_file', 'ports', 'expose', 'healthcheck', 'user',
  'read_only', 'cap_add', 'cap_drop', 'labels', 'volumes', 'tmpfs', 'secrets', 'configs', 'networks', 'stop_grace_period',
  'stop_signal', 'restart', 'deploy',
] as const;

/** Sanitizes a Compose name into a model name (a DNS-1035 label). */
export function modelName(raw: string, prefix: string): string {
  let n = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (n === '') n = prefix;
  if (!/^[a-z]/.test(n)) n = `${prefix}-${n}`;
  return n.slice(0, 63).replace(/-+$/, '');
}

class Context {
  public readonly notes: ComposeImportNote[] = [];
  public readonly problems: ComposeProblem[] = [];
  private readonly names = new Map<string, string>();

  constructor(public readonly loaded: LoadedCompose, public readonly options: PlanOptions) {}

  public note(keys: Keys, kind: ComposeNoteKind, message: string, target?: 'kubernetes' | 'swarm'): void {
    const line = this.loaded.line(keys);
    this.notes.push({ ...splitKey(keys), kind, ...(target ? { target } : {}), message, ...(line !== undefined ? { line } : {}) });
  }

  public problem(keys: Keys, message: string): void {
    this.problems.push({ file: this.loaded.file, line: this.loaded.line(keys), ...splitKey(keys), message });
  }

  /** A unique model name for a Compose name; construct ids share one namespace per stack. */
  public allocate(raw: string, kind: string, keys: Keys, renamed: (to: string) => string | undefined): string {
    let name = modelName(raw, kind);
    if (this.names.has(name)) {
      const base = modelName(`${name}-${kind}`, kind);
      name = base;
      for (let i = 2; this.names.has(name); i++) name = `${base}-${i}`;
    }
    this.names.set(name, raw);
    if (name !== raw) {
      const why = renamed(name);
      if (why) this.note(keys, 'changed', why);
    }
    return name;
  }
}

interface TopLevel {
  readonly configs: Map<string, PlannedConfig | undefined>;
  readonly secrets: Map<string, PlannedSecret>;
  readonly volumes: Map<string, PlannedVolume | { perReplica: true; name: string; props: PlannedVolume['props'] }>;
  /** Compose network name -> Network id, or undefined for an external network. */
  readonly networks: Map<string, string | undefined>;
}

export interface PlanOptions {
  /**
   * Apply Conductor's restricted defaults (uid 10001, read-only root, all
   * capabilities dropped) where the file sets no `user`, `read_only` or
   * `cap_drop`, instead of the image's and Docker's own.
   * @default false
   */
  readonly harden?: boolean;
}

/**
 * Maps a loaded Compose file to an ImportPlan. Throws ComposeImportError
 * listing every problem.
 */
export function planImport(loaded: LoadedCompose, stackName: string, options: PlanOptions = {}): ImportPlan {
  const ctx = new Context(loaded, options);
  const doc = loaded.doc;
  const services = doc.services ?? {};
  const serviceNames = Object.keys(services).sort();
  if (serviceNames.length === 0) ctx.problem(['services'], 'the file defines no services: a stack needs at least one');

  for (const key of Object.keys(doc)) {
    if (key.startsWith('x-')) ctx.note([key], 'info', 'extension field ignored (YAML anchors defined in it were resolved where they are used)');
  }
  if (loaded.format === 'spec') {
    ctx.note(['version'], 'info', 'none: a Compose Specification file (docker compose), read as the v3.13 subset docker stack deploy reads; ' +
      'each key converted or dropped is noted, and the Swarm output is a stack file docker stack deploy accepts');
  }
  for (const n of loaded.specNotes) ctx.note(n.keys, n.kind, n.message);

  // Workload names first: they are DNS names other services use.
  const ids = new Map<string, string>();
  // A service whose name is already a valid model name keeps it: clients reach it by that name.
  const exactFirst = [...serviceNames.filter((n) => modelName(n, 'service') === n), ...serviceNames.filter((n) => modelName(n, 'service') !== n)];
  for (const name of exactFirst) {
    ids.set(name, ctx.allocate(name, 'service', ['services', name], (to) =>
      `renamed to "${to}" (Conductor names are DNS labels on both targets); clients that reach it as "${name}" must use "${to}"`));
  }
  const top = planTopLevel(ctx);

  // Networks that some service lists together with the implicit `default` need an explicit stand-in.
  const usesDefaultExplicitly = serviceNames.some((s) => {
    const nets = serviceNetworks(services[s]);
    return nets.includes('default') && nets.some((n) => n !== 'default');
  });
  let defaultNetwork: PlannedNetwork | undefined;
  if (usesDefaultExplicitly) {
    const id = ctx.allocate('default-net', 'network', ['networks'], () => undefined);
    defaultNetwork = { composeName: 'default', id, props: {} };
    ctx.note(['networks', 'default'], 'changed', `a service joins "default" besides other networks, which a Conductor workload cannot (it is on the implicit default network only when it joins none): every service on "default" joins the Network "${id}" instead (Swarm network <stack>_${id})`);
  }

  const workloads: PlannedWorkload[] = [];
  for (const name of serviceNames) {
    const w = planService(ctx, top, name, ids.get(name)!, services[name], defaultNetwork);
    if (w) workloads.push(w);
  }
  // A per-replica volume is per workload too: services that share one get one each.
  const perReplicaUsers = new Map<string, string[]>();
  for (const w of workloads) {
    for (const m of w.mounts) if (m.kind === 'perReplica') perReplicaUsers.set(m.name, [...(perReplicaUsers.get(m.name) ?? []), w.service]);
  }
  for (const [volume, users] of perReplicaUsers) {
    const composeName = [...top.volumes.entries()].find(([, v]) => 'perReplica' in v && v.name === volume)?.[0] ?? volume;
    if (users.length > 1) ctx.note(['volumes', composeName], 'changed', `${users.join(', ')} share this per-replica volume in the file; Conductor gives each workload its own set (<stack>_<service>-${volume}-{{.Task.Slot}})`);
  }

  for (const use of loaded.variables) {
    if (use.defaulted) {
      const unset = `variable ${use.name} is not set in ${envFileName(ctx)} (the importer never reads its own environment)`;
      ctx.note(splitKeyPath(use.path), 'info', use.value === '' ? `${unset}: interpolated as "" (as docker stack deploy does); set it in the env file, or use a Secret for a secret value` : `${unset}: its default "${use.value}" was used`);
    }
  }
  for (const name of loaded.fromEnvironment) {
    const use = loaded.variables.find((u) => u.name === name);
    ctx.note(use ? splitKeyPath(use.path) : ['services'], 'info', `variable ${name} was taken from the import environment (an explicit opt-in): its value is now in the generated code and the output`);
  }

  if (ctx.problems.length) throw new ComposeImportError(ctx.problems);
  const networks = [...(defaultNetwork ? [defaultNetwork] : []), ...[...top.networks.entries()].flatMap(([composeName, id]) => {
    if (id === undefined) return [];
    const n = (doc.networks?.[composeName] ?? {}) as Dict;
    return [{ composeName, id, props: n.internal === true ? { internal: true } : {} }];
  })];
  return {
    file: loaded.file,
    dir: loaded.dir,
    stackName,
    configs: [...top.configs.values()].filter((c): c is PlannedConfig => c !== undefined),
    secrets: [...top.secrets.values()],
    volumes: [...top.volumes.values()].filter((v): v is PlannedVolume => !('perReplica' in v)),
    networks: networks.sort((a, b) => (a.id < b.id ? -1 : 1)),
    workloads,
    notes: ctx.notes,
    line: loaded.line,
  };
}

/** The env file of the import, for messages. */
function envFileName(ctx: Context): string {
  return ctx.loaded.envFile !== undefined ? path.basename(ctx.loaded.envFile) : 'the file, a .env beside it or --env-file';
}

/** `services.web.ports[0]` -> keys. */
function splitKeyPath(text: string): Keys {
  const out: Keys = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

function serviceNetworks(svc: Dict): string[] {
  const n = svc.networks;
  if (Array.isArray(n)) return n.map(String);
  if (isDict(n)) return Object.keys(n);
  return [];
}

function planTopLevel(ctx: Context): TopLevel {
  const doc = ctx.loaded.doc;
  const top: TopLevel = { configs: new Map(), secrets: new Map(), volumes: new Map(), networks: new Map() };
  const ignoreExtensions = (section: string, name: string, def: Dict) => {
    for (const k of Object.keys(def)) if (k.startsWith('x-')) ctx.note([section, name, k], 'info', 'extension field ignored');
  };

  for (const name of Object.keys(doc.volumes ?? {}).sort()) {
    const def = (doc.volumes![name] ?? {}) as Dict;
    const keys = ['volumes', name];
    ignoreExtensions('volumes', name, def);
    const props: PlannedVolume['props'] = {};
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
      ctx.note([...keys, 'name'], 'changed', `"${given}" gives each replica its own volume: mapped to mountPerReplicaVolume, which Swarm names <stack>_<service>-${volName}-{{.Task.Slot}} (Kubernetes: a volumeClaimTemplate). Existing volumes named "${given.replace('{{.Task.Slot}}', 'N')}" are not reused`);
      if (def.external !== undefined && def.external !== false) ctx.problem([...keys, 'external'], 'an external volume cannot be per-replica ({{.Task.Slot}} in its name)');
      continue;
    }
    const id = ctx.allocate(name, 'volume', keys, (to) => `renamed to "${to}": Swarm names the volume <stack>_${to}, so an existing volume <stack>_${name} is not reused`);
    if (def.external !== undefined && def.external !== false) {
      ctx.note([...keys, 'external'], 'changed', `Conductor creates its volumes (Swarm: <stack>_${id}; Kubernetes: a PersistentVolumeClaim) and cannot reference an existing one: copy the data of "${given ?? (isDict(def.external) && def.external.name) ?? name}" into it`);
    } else if (given !== undefined) {
      ctx.note([...keys, 'name'], 'changed', `Swarm names Conductor's volume <stack>_${id}, not "${given}": an existing volume "${given}" is not reused${given.includes('{{') ? ' (only {{.Task.Slot}} has a mapping: per-replica volumes)' : ''}`);
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
    ctx.note(['volumes'], 'info', 'Compose volumes have no size: Kubernetes PersistentVolumeClaims get Conductor\'s default 1Gi and the cluster\'s default storage class (set size / storageClass)', 'kubernetes');
  }

  for (const name of Object.keys(doc.networks ?? {}).sort()) {
    const def = (doc.networks![name] ?? {}) as Dict;
    const keys = ['networks', name];
    ignoreExtensions('networks', name, def);
    if (def.external !== undefined && def.external !== false) {
      top.networks.set(name, undefined);
      ctx.note(keys, 'dropped', 'an external network: Conductor attaches services to its own stack networks only (Ingress has swarmProxyNetwork for a reverse proxy\'s network); the services that list it are not attached to it');
      continue;
    }
    if (name === 'default') {
      top.networks.set(name, undefined);
      if (Object.keys(def).some((k) => !k.startsWith('x-'))) ctx.note(keys, 'dropped', 'settings of the stack\'s default network are not in the model');
      continue;
    }
    const id = ctx.allocate(name, 'network', keys, (to) => `renamed to "${to}" (Swarm network <stack>_${to})`);
    top.networks.set(name, id);
    if (def.driver !== undefined && def.driver !== 'overlay') ctx.note([...keys, 'driver'], 'changed', `Conductor's Swarm networks are overlay networks (a stack's services span nodes), not "${String(def.driver)}"`);
    for (const k of ['driver_opts', 'ipam', 'labels', 'attachable', 'name'] as const) {
      if (def[k] !== undefined) ctx.note([...keys, k], 'dropped', k === 'name' ? `Swarm names Conductor's network <stack>_${id}` : `network ${k} is not in the model`);
    }
  }

  for (const name of Object.keys(doc.secrets ?? {}).sort()) {
    const def = doc.secrets![name] as Dict;
    const keys = ['secrets', name];
    ignoreExtensions('secrets', name, def);
    const external = def.external !== undefined && def.external !== false;
    const existing = (isDict(def.external) && typeof def.external.name === 'string' ? def.external.name : undefined) ?? (typeof def.name === 'string' ? def.name : undefined) ?? name;
    const id = ctx.allocate(external ? existing : name, 'secret', keys, (to) => `renamed to "${to}" (Kubernetes Secret names are DNS names): create the secret as "${to}" on both targets`);
    if (!external) {
      if (typeof def.file === 'string') {
        ctx.note([...keys, 'file'], 'changed', `Conductor never copies secret values into its output: "${id}" becomes a reference to an existing secret. Create it from the file before deploying: docker secret create ${id} ${def.file} / kubectl create secret generic ${id} --from-file=value=${def.file}`);
      } else if (def.driver !== undefined) {
        ctx.note([...keys, 'driver'], 'changed', `a secret from a secret driver: Conductor references an existing secret "${id}" instead`);
      }
    }
    for (const k of ['labels', 'driver_opts', 'template_driver'] as const) if (def[k] !== undefined) ctx.note([...keys, k], 'dropped', `secret ${k} is not in the model`);
    if (!external && def.name !== undefined) ctx.note([...keys, 'name'], 'changed', `the secret is referenced as "${id}"`);
    top.secrets.set(name, { composeName: name, id });
  }

  for (const name of Object.keys(doc.configs ?? {}).sort()) {
    const def = doc.configs![name] as Dict;
    const keys = ['configs', name];
    ignoreExtensions('configs', name, def);
    for (const k of ['labels', 'template_driver'] as const) if (def[k] !== undefined) ctx.note([...keys, k], 'dropped', `config ${k} is not in the model`);
    if (def.external !== undefined && def.external !== false) {
      top.configs.set(name, undefined);
      ctx.note([...keys, 'external'], 'dropped', 'Conductor creates its configs from content and cannot reference an existing one: the services that mount it do not get it (make it a file: config)');
      continue;
    }
    if (def.name !== undefined) ctx.note([...keys, 'name'], 'changed', `Conductor names configs by content (<stack>_<config>-<file>-<hash>), not "${String(def.name)}"`);
    if (typeof def.file !== 'string') {
      ctx.problem(keys, 'needs file: (or external: true)');
      continue;
    }
    const source = path.resolve(ctx.loaded.dir, def.file);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(source);
    } catch (e) {
      ctx.problem([...keys, 'file'], `cannot read ${def.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; relative to ${ctx.loaded.file})`);
      continue;
    }
    const content = bytes.toString('utf8');
    if (!Buffer.from(content, 'utf8').equals(bytes)) {
      ctx.problem([...keys, 'file'], `${def.file} is not UTF-8 text: Conductor configs hold text`);
      continue;
    }
    let fileName = path.basename(def.file);
    if (!FILE_NAME_PATTERN.test(fileName) || fileName === '.' || fileName === '..') fileName = fileName.replace(/[^-._a-zA-Z0-9]+/g, '-').replace(/^\.+$/, 'file') || 'file';
    const id = ctx.allocate(name, 'config', keys, () => undefined);
    top.configs.set(name, { composeName: name, id, files: { [fileName]: { source, content } } });
  }
  return top;
}

/** Go duration text -> model duration text; undefined (and a problem) when invalid. */
function duration(ctx: Context, keys: Keys, value: unknown, opts: { wholeSeconds?: boolean; minMs?: number; why?: string } = {}): string | undefined {
  const ns = parseGoDuration(value);
  if (ns === undefined || ns < 0) {
    ctx.problem(keys, 'must be a duration such as "10s", "1m30s" or "500ms"');
    return undefined;
  }
  let ms = ns / 1e6;
  const changes: string[] = [];
  if (!Number.isInteger(ms)) {
    ms = Math.ceil(ms);
    changes.push('to whole milliseconds');
  }
  if (opts.wholeSeconds && ms % 1000 !== 0) {
    ms = Math.ceil(ms / 1000) * 1000;
    changes.push(`to whole seconds (${opts.why ?? 'Kubernetes counts it in seconds'})`);
  }
  if (opts.minMs !== undefined && ms < opts.minMs) {
    ms = opts.minMs;
    changes.push(`to the least allowed, ${formatDuration(opts.minMs)}`);
  }
  if (changes.length) ctx.note(keys, 'changed', `${String(value)} rounded up ${changes.join(', ')}: ${formatDuration(ms)}`);
  return formatDuration(ms);
}

/** Bytes -> a Kubernetes quantity in whole mebibytes (the model's unit). */
function quantity(ctx: Context, keys: Keys, bytes: number, given: unknown): string {
  if (bytes % GIB === 0) return `${bytes / GIB}Gi`;
  if (bytes % MIB === 0) return `${bytes / MIB}Mi`;
  const mib = Math.ceil(bytes / MIB);
  ctx.note(keys, 'changed', `${String(given)} (${bytes} bytes) rounded up to ${mib}Mi: Conductor sizes memory in whole mebibytes`);
  return `${mib}Mi`;
}

function cpu(ctx: Context, keys: Keys, value: unknown): string | undefined {
  const cores = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(cores) || cores < 0) {
    ctx.problem(keys, 'must be a number of CPUs as a string, e.g. "0.5"');
    return undefined;
  }
  if (cores === 0) return undefined;
  let millicores = cores * 1000;
  if (Math.abs(millicores - Math.round(millicores)) > 1e-6) {
    const rounded = Math.max(1, Math.round(millicores));
    ctx.note(keys, 'changed', `${value} rounded to ${rounded}m: Conductor counts CPU in millicores`);
    millicores = rounded;
  }
  return String(Math.round(millicores) / 1000);
}

/** Fills `out` in a fixed order, for readable generated code. */
const PROP_ORDER = [
  'image', 'replicas', 'completions', 'retries', 'command', 'args', 'workingDir', 'env', 'ports', 'health', 'resources',
  'security', 'rollout', 'restartPolicy', 'placement', 'lifecycle', 'labels', 'annotations',
];

function planService(ctx: Context, top: TopLevel, name: string, id: string, svc: Dict, defaultNetwork: PlannedNetwork | undefined): PlannedWorkload | undefined {
  const at = (...k: Keys): Keys => ['services', name, ...k];
  const props: Record<string, unknown> = {};
  const comments: Record<string, string> = {};
  const mounts: PlannedMount[] = [];
  const deploy = (isDict(svc.deploy) ? svc.deploy : {}) as Dict;

  for (const key of Object.keys(svc)) {
    if (key.startsWith('x-')) ctx.note(at(key), 'info', 'extension field ignored');
    else if (key in DROPPED_SERVICE_KEYS) ctx.note(at(key), 'dropped', DROPPED_SERVICE_KEYS[key]);
    else if (!(MAPPED_SERVICE_KEYS as readonly string[]).includes(key)) throw new Error(`internal: service key ${key} has no handling`);
  }

  // Kind.
  const mode = typeof deploy.mode === 'string' ? deploy.mode : 'replicated';
  const volumeEntries = (Array.isArray(svc.volumes) ? svc.volumes : []).map((v, i) => readVolume(ctx, at('volumes', i), v));
  const perReplica = volumeEntries.some((v) => v && v.type === 'volume' && v.source !== undefined && (top.volumes.get(v.source) as { perReplica?: boolean } | undefined)?.perReplica);
  let kind: WorkloadClass;
  switch (mode) {
    case 'replicated':
      kind = perReplica ? 'StatefulWorkload' : 'Workload';
      break;
    case 'global':
      kind = 'DaemonWorkload';
      break;
    case 'replicated-job':
      kind = 'Job';
      break;
    case 'global-job':
      ctx.problem(at('deploy', 'mode'), 'global-job (one run to completion per node) has no Conductor workload: use replicated-job, or a global service');
      return undefined;
    default:
      ctx.problem(at('deploy', 'mode'), `must be replicated, global or replicated-job (got "${mode}")`);
      return undefined;
  }
  if (perReplica && kind !== 'StatefulWorkload') ctx.problem(at('volumes'), `a per-replica volume ({{.Task.Slot}}) needs deploy.mode replicated (got ${mode})`);

  // Image and process.
  if (typeof svc.image !== 'string') {
    ctx.problem(at('image'), `needs an image: Conductor deploys images${svc.build !== undefined ? ' (build: is not supported: build and push it, then set image:)' : ''}`);
  } else {
    const rule = checkImage(svc.image);
    if (rule) ctx.problem(at('image'), `${rule} (got "${svc.image}")`);
    props.image = svc.image;
  }
  for (const [key, prop] of [['entrypoint', 'command'], ['command', 'args']] as const) {
    const v = svc[key];
    if (v === undefined || v === null) continue;
    let words: string[];
    if (typeof v === 'string') {
      try {
        words = shellSplit(v);
      } catch (e) {
        ctx.problem(at(key), `cannot split it into words like the docker CLI does: ${(e as Error).message}`);
        continue;
      }
    } else words = (v as unknown[]).map(String);
    // An empty list keeps the image's own, on both targets.
    if (words.length) props[prop] = words;
  }
  if (typeof svc.working_dir === 'string') {
    const rule = checkContainerPath(svc.working_dir);
    if (rule) ctx.problem(at('working_dir'), `${rule} (got "${svc.working_dir}")`);
    else props.workingDir = svc.working_dir;
  }

  const env = planEnvironment(ctx, name, svc);
  if (Object.keys(env).length) props.env = env;

  const ports = planPorts(ctx, name, svc, kind);
  if (ports.length === 0 && kind !== 'Job' && typeof svc.image === 'string') ports.push(...inferPorts(ctx, name, id, svc.image));
  if (ports.length) props.ports = ports;
  if (kind === 'StatefulWorkload' && ports.length === 0) {
    ctx.problem(at('volumes'), 'a service with a per-replica volume ({{.Task.Slot}}) becomes a StatefulWorkload, which needs a port (its headless Service names each replica): add expose: [PORT]');
  }

  const health = planHealth(ctx, name, svc, comments);
  if (health) props.health = health;

  planDeploy(ctx, name, deploy, kind, props, comments, svc);
  planLifecycle(ctx, name, svc, props);
  planLabels(ctx, name, svc, deploy, props);

  // Mounts: volumes (in order), tmpfs, configs, secrets.
  volumeEntries.forEach((v, i) => {
    if (v) planVolumeMount(ctx, top, at('volumes', i), v, mounts);
  });
  const tmpfs = typeof svc.tmpfs === 'string' ? [svc.tmpfs] : Array.isArray(svc.tmpfs) ? svc.tmpfs.map(String) : [];
  tmpfs.forEach((t, i) => {
    const keys = Array.isArray(svc.tmpfs) ? at('tmpfs', i) : at('tmpfs');
    const [target, options] = [t.split(':')[0], t.split(':').slice(1).join(':')];
    const rule = checkContainerPath(target);
    if (rule) return ctx.problem(keys, `${rule} (got "${target}")`);
    let sizeLimit: string | undefined;
    for (const opt of options ? options.split(',') : []) {
      const m = /^size=(.+)$/.exec(opt);
      const bytes = m ? ramInBytes(m[1]) : undefined;
      if (m && bytes !== undefined && bytes > 0) sizeLimit = quantity(ctx, keys, bytes, m[1]);
      else ctx.note(keys, 'dropped', `tmpfs option "${opt}" is not in the model (scratch space is mounted rw, nosuid, nodev)`);
    }
    ctx.note(keys, 'info', 'docker stack deploy drops a service-level tmpfs without a word; Conductor mounts it (Swarm: a tmpfs mount, Kubernetes: an emptyDir)', 'swarm');
    mounts.push({ kind: 'scratch', path: target, ...(sizeLimit ? { sizeLimit } : {}) });
  });
  planFileMounts(ctx, top, name, svc, mounts);
  planSecurity({ note: (keys, kind, message) => ctx.note(keys, kind, message), harden: ctx.options.harden === true }, name, svc, { props, comments, mounts });

  // Networks.
  const networks: string[] = [];
  const listed = serviceNetworks(svc);
  if (isDict(svc.networks)) {
    for (const [net, opts] of Object.entries(svc.networks)) {
      if (isDict(opts)) for (const k of Object.keys(opts)) ctx.note(at('networks', net, k), 'dropped', k === 'aliases' ? `network aliases are not in the model: other services reach it as "${id}"` : `${k} is not in the model`);
    }
  }
  listed.forEach((net, i) => {
    const keys = Array.isArray(svc.networks) ? at('networks', i) : at('networks', net);
    if (net === 'default') {
      if (defaultNetwork) networks.push(defaultNetwork.id);
      return;
    }
    if (!top.networks.has(net) && !(ctx.loaded.doc.networks && net in ctx.loaded.doc.networks)) {
      ctx.problem(keys, `undefined network "${net}": declare it under the top-level networks:`);
      return;
    }
    const nid = top.networks.get(net);
    if (nid !== undefined) networks.push(nid);
    else ctx.note(keys, 'dropped', `"${net}" is an external network: the service is not attached to it`);
  });
  if (defaultNetwork && listed.length === 0) networks.push(defaultNetwork.id);

  const ordered: Record<string, unknown> = {};
  for (const k of PROP_ORDER) if (props[k] !== undefined) ordered[k] = props[k];
  return { service: name, id, kind, props: ordered, networks: [...new Set(networks)], mounts, comments };
}

function planEnvironment(ctx: Context, name: string, svc: Dict): Record<string, string> {
  const at = (...k: Keys): Keys => ['services', name, ...k];
  const lookup = ctx.loaded.lookup;
  // As the loader: env files first (in order), then `environment`; an entry without a value
  // (or with an empty one) takes the variable from the environment when it is set there.
  const entries = new Map<string, { value: string | null; keys: Keys }>();
  const update = (k: string, v: string | null, keys: Keys) => {
    const fromEnv = lookup(k);
    entries.set(k, { value: (v === null || v === '') && fromEnv !== undefined ? fromEnv : v, keys });
  };
  const envFiles = typeof svc.env_file === 'string' ? [svc.env_file] : Array.isArray(svc.env_file) ? svc.env_file.map(String) : [];
  envFiles.forEach((f, i) => {
    const keys = Array.isArray(svc.env_file) ? at('env_file', i) : at('env_file');
    const file = path.resolve(ctx.loaded.dir, f);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      ctx.problem(keys, `cannot read ${f} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; relative to ${ctx.loaded.file})`);
      return;
    }
    try {
      const vars = parseEnvFile(text, lookup);
      for (const [k, v] of vars) update(k, v, keys);
      ctx.note(keys, 'info', `its ${vars.length} entr${vars.length === 1 ? 'y is' : 'ies are'} copied into env: the file is read at import, not at synth`);
    } catch (e) {
      ctx.problem(keys, `${f}: ${(e as Error).message}`);
    }
  });
  const environment = svc.environment;
  if (Array.isArray(environment)) {
    environment.forEach((item, i) => {
      const text = String(item);
      const eq = text.indexOf('=');
      update(eq >= 0 ? text.slice(0, eq) : text, eq >= 0 ? text.slice(eq + 1) : null, at('environment', i));
    });
  } else if (isDict(environment)) {
    for (const [k, v] of Object.entries(environment)) update(k, v === null || v === undefined ? null : String(v), at('environment', k));
  }
  const env: Record<string, string> = {};
  for (const k of [...entries.keys()].sort()) {
    const { value, keys } = entries.get(k)!;
    if (value === null) {
      ctx.note(keys, 'dropped', `${k} has no value here, nor in ${envFileName(ctx)}; Swarm would take it from the shell that deploys, but the importer never copies its own environment (a CI secret would land in the code and dist/): for a secret, use a Secret (Secret.fromExisting) and envFromSecret; else give it a literal value here or in the env file (or pass --use-env to take the environment's on purpose)`);
    } else if (!ENV_NAME_PATTERN.test(k)) {
      ctx.note(keys, 'dropped', `"${k}" is not an env name Conductor accepts (letters, digits and "_", not starting with a digit)`);
    } else if (value === '') {
      ctx.note(keys, 'dropped', `${k} is empty: a stack file cannot set "" (docker stack deploy fills an empty value from the shell that deploys), so Conductor leaves it out on both targets: give it a value if the process needs it set`);
    } else {
      // Swarm expanded Go templates in env values (swarmkit template/expand.go); Conductor's are literal (lib/swarm/templates.ts).
      if (value.includes('{{')) {
        ctx.note(keys, 'changed', `${k}: Swarm expanded the Go template in this value per task; Conductor's values are literal on both targets, so the container gets the text as written (for a per-task value on Swarm, use Swarm.override(workload, { environment: { ${k}: ... } }))`);
      }
      env[k] = value;
    }
  }
  return env;
}

function planPorts(ctx: Context, name: string, svc: Dict, kind: WorkloadClass): PortProps[] {
  const at = (...k: Keys): Keys => ['services', name, ...k];
  const out: PortProps[] = [];
  const fronts = new Set<string>();
  const targets = new Set<string>();
  (Array.isArray(svc.ports) ? svc.ports : []).forEach((entry, i) => {
    const keys = at('ports', i);
    let specs: { target: number; published?: number; protocol: string; mode: string; hostIp?: string }[];
    if (isDict(entry)) {
      if (typeof entry.target !== 'number') return ctx.problem(keys, 'needs target: the container port');
      specs = [{ target: entry.target, ...(typeof entry.published === 'number' && entry.published > 0 ? { published: entry.published } : {}), protocol: String(entry.protocol ?? 'tcp'), mode: String(entry.mode ?? 'ingress') }];
    } else {
      try {
        specs = parsePortSpec(String(entry)).map((s) => ({ ...s, mode: 'ingress' }));
      } catch (e) {
        return ctx.problem(keys, `${(e as Error).message} (got "${String(entry)}")`);
      }
    }
    for (const s of specs) {
      if (s.mode !== 'ingress' && s.mode !== 'host') return ctx.problem(at('ports', i, 'mode'), `must be ingress or host (got "${s.mode}")`);
      if (s.protocol !== 'tcp' && s.protocol !== 'udp') {
        ctx.note(keys, 'dropped', `protocol ${s.protocol} is not in the model (tcp and udp only)`);
        continue;
      }
      if (s.target < 1 || s.target > 65535) return ctx.problem(keys, `container port ${s.target} must be from 1 to 65535`);
      if (s.published !== undefined && s.published > 65535) return ctx.problem(keys, `published port ${s.published} must be from 1 to 65535`);
      if (s.hostIp) ctx.note(keys, 'info', `the host address ${s.hostIp} is dropped: Swarm publishes on every address (docker stack deploy ignores it too)`);
      if (kind === 'Job') {
        ctx.note(keys, 'dropped', 'a job publishes no ports (Conductor Jobs run to completion)');
        continue;
      }
      const front = `${s.published ?? s.target}/${s.protocol}`;
      const back = `${s.target}/${s.protocol}`;
      if (fronts.has(front) || targets.has(back)) {
        ctx.note(keys, 'dropped', `${targets.has(back) ? `container port ${back} is already published` : `port ${front} is already taken`}: Conductor gives each container port one published port`);
        continue;
      }
      fronts.add(front);
      targets.add(back);
      const p: Record<string, unknown> = {};
      if (s.published !== undefined) {
        p.port = s.published;
        if (s.target !== s.published) p.targetPort = s.target;
        if (s.protocol !== 'tcp') p.protocol = s.protocol;
        p.exposure = Exposure.LOAD_BALANCER;
      } else {
        // Swarm picks the published port, like a Kubernetes NodePort.
        p.port = s.target;
        if (s.protocol !== 'tcp') p.protocol = s.protocol;
        p.exposure = Exposure.NODE_PORT;
        if (s.mode === 'host') ctx.note(keys, 'changed', `published at ${s.target} on the node (host mode without a published port would take a random one)`);
      }
      if (s.mode === 'host') p.publishMode = PublishMode.HOST;
      out.push(p as unknown as PortProps);
    }
  });
  const expose = Array.isArray(svc.expose) ? svc.expose : [];
  expose.forEach((entry, i) => {
    const keys = at('expose', i);
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(String(entry));
    if (!m) return ctx.problem(keys, `must be a port or range such as "3000" or "3000-3005/udp" (got "${String(entry)}")`);
    const protocol = m[3] ?? 'tcp';
    if (protocol === 'sctp') return ctx.note(keys, 'dropped', 'protocol sctp is not in the model');
    const [start, end] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (start < 1 || end > 65535 || end < start) return ctx.problem(keys, `ports must be from 1 to 65535 (got "${String(entry)}")`);
    for (let port = start; port <= end; port++) {
      // Published for this container port already: reachable inside the stack too.
      if (targets.has(`${port}/${protocol}`)) continue;
      if (fronts.has(`${port}/${protocol}`)) {
        ctx.note(keys, 'dropped', `port ${port}/${protocol} is also published for another container port: Conductor gives a port number one meaning per workload`);
        continue;
      }
      fronts.add(`${port}/${protocol}`);
      targets.add(`${port}/${protocol}`);
      out.push((protocol === 'tcp' ? { port } : { port, protocol }) as PortProps);
    }
  });
  if (expose.length) ctx.note(at('expose'), 'info', 'internal ports: a ClusterIP Service on Kubernetes; Swarm needs none (services of a stack reach each other on any port)', 'kubernetes');
  return out;
}

/**
 * A service with neither `ports` nor `expose`: Swarm resolves its name on its
 * networks whatever the port, Kubernetes only through a Service, which needs
 * a port. Declared as internal (no published port on Swarm).
 */
function inferPorts(ctx: Context, name: string, id: string, image: string): PortProps[] {
  const port = wellKnownPort(image);
  if (port !== undefined) {
    ctx.note(['services', name], 'changed', `port ${port} inferred from the official ${officialImageName(image)} image (neither ports nor expose is set): ` +
      `declared as an internal port, so clients reach "${id}:${port}" by name on Kubernetes too (a Service); nothing is published`);
    return [{ port } as PortProps];
  }
  const users = referrers(ctx.loaded.doc.services ?? {}, name);
  const add = 'add the port it listens on: expose: ["PORT"] in the file, or ports: [{ port: PORT }] in the app';
  if (users.length) {
    ctx.note(['services', name], 'warning', `neither ports nor expose is set, so on Kubernetes "${id}" gets no Service and ${users.join(', ')} cannot reach it by name ` +
      `(on Swarm they can): ${add}`, 'kubernetes');
  } else {
    ctx.note(['services', name], 'info', `neither ports nor expose is set: no Kubernetes Service, so nothing can reach "${id}" by name there (nothing in the file does); ` +
      `if clients connect to it, ${add}`, 'kubernetes');
  }
  return [];
}

/**
 * The other services that name `name` as a host (in `depends_on`, or as
 * `name:PORT`, `//name`, `@name` or the whole value in env, command or
 * entrypoint), by name.
 */
function referrers(services: Record<string, Dict>, name: string): string[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const host = new RegExp(`^${escaped}$|(^|//|@|[\\s=,;])${escaped}(:\\d|/|$|[\\s,;])`);
  const strings = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : isDict(v) ? Object.values(v).flatMap(strings) : [];
  return Object.keys(services).filter((other) => {
    if (other === name) return false;
    const svc = services[other] ?? {};
    const dependsOn = Array.isArray(svc.depends_on) ? svc.depends_on.map(String) : isDict(svc.depends_on) ? Object.keys(svc.depends_on) : [];
    return dependsOn.includes(name) || [svc.environment, svc.command, svc.entrypoint].flatMap(strings).some((t) => host.test(t));
  }).sort();
}

function planHealth(ctx: Context, name: string, svc: Dict, comments: Record<string, string>): Record<string, unknown> | undefined {
  const at = (...k: Keys): Keys => ['services', name, 'healthcheck', ...k];
  if (!isDict(svc.healthcheck)) return undefined;
  const h = svc.healthcheck;
  const test = typeof h.test === 'string' ? ['CMD-SHELL', h.test] : Array.isArray(h.test) ? h.test.map(String) : undefined;
  if (h.disable === true || test?.[0] === 'NONE') {
    if (h.disable === true && test && test[0] !== 'NONE' && test.length) return (ctx.problem(at(), 'test and disable: true are both set'), undefined);
    ctx.note(at(), 'dropped', 'turning off the image\'s HEALTHCHECK has no form in the model: with no health check, Swarm runs the image\'s own, if it has one (Kubernetes ignores it); use Swarm.override(workload, { healthcheck: { test: [\'NONE\'] } }) if needed', 'swarm');
    return undefined;
  }
  if (!test || test.length === 0) {
    ctx.note(at(), 'dropped', 'a health check without test: (the image\'s own, with other timing) has no form in the model: the image\'s HEALTHCHECK keeps its own timing on Swarm');
    return undefined;
  }
  let command: string[];
  if (test[0] === 'CMD') command = test.slice(1);
  else if (test[0] === 'CMD-SHELL') {
    // What the engine runs for CMD-SHELL on Linux.
    command = ['/bin/sh', '-c', test.slice(1).join(' ')];
  } else return (ctx.problem(at('test'), `must start with CMD, CMD-SHELL or NONE, or be a string (got ${JSON.stringify(test[0])})`), undefined);
  if (command.length === 0 || command.some((c) => c === '')) return (ctx.problem(at('test'), 'needs a command after CMD'), undefined);
  const out: Record<string, unknown> = { check: HealthCheck.command(command) };
  const filled: string[] = [];
  const time = (key: 'interval' | 'timeout' | 'start_period', prop: string, fallback: number) => {
    const given = h[key] !== undefined ? duration(ctx, at(key), h[key], { wholeSeconds: true, minMs: key === 'start_period' ? 0 : 1000, why: 'Kubernetes probes count in seconds' }) : undefined;
    const value = given ?? (fallback > 0 ? formatDuration(fallback) : undefined);
    if (given === undefined && value !== undefined) filled.push(key);
    if (value !== undefined && value !== '0s') out[prop] = value;
  };
  time('interval', 'interval', SWARM_DEFAULTS.health.intervalMs);
  time('timeout', 'timeout', SWARM_DEFAULTS.health.timeoutMs);
  if (typeof h.retries === 'number' && h.retries !== 0) {
    let r = h.retries;
    if (!Number.isInteger(r) || r < 1 || r > 100) {
      r = Math.min(100, Math.max(1, Math.round(r)));
      ctx.note(at('retries'), 'changed', `${h.retries} became ${r}: Conductor takes a whole number of retries from 1 to 100`);
    }
    if (r !== 3) out.retries = r;
  }
  time('start_period', 'startPeriod', 0);
  if (h.start_interval !== undefined) ctx.note(at('start_interval'), 'dropped', 'not in the model (Kubernetes probes have one period)');
  if (out.timeout !== undefined && out.interval !== undefined && parseDuration(out.timeout)! > parseDuration(out.interval)!) {
    ctx.note(at('timeout'), 'changed', `${String(out.timeout)} is longer than the interval: shortened to ${String(out.interval)} (a check must end before the next starts)`);
    out.timeout = out.interval;
  }
  if (filled.length) comments.health = `Docker's default ${filled.join(' and ')}, 30s (not set in the file)`;
  return out;
}

function planDeploy(ctx: Context, name: string, deploy: Dict, kind: WorkloadClass, props: Record<string, unknown>, comments: Record<string, string>, svc: Dict): void {
  const at = (...k: Keys): Keys => ['services', name, 'deploy', ...k];
  const known = ['mode', 'endpoint_mode', 'replicas', 'labels', 'rollback_config', 'update_config', 'resources', 'restart_policy', 'placement'];
  for (const k of Object.keys(deploy)) if (!known.includes(k)) throw new Error(`internal: deploy key ${k} has no handling`);

  const replicas = typeof deploy.replicas === 'number' ? deploy.replicas : undefined;
  if (replicas !== undefined) {
    if (kind === 'DaemonWorkload') ctx.note(at('replicas'), 'dropped', 'a global service runs one task per node: replicas does not apply');
    else if (kind === 'Job') {
      if (replicas < 1) ctx.problem(at('replicas'), `a replicated-job needs at least 1 completion (got ${replicas})`);
      else if (replicas !== 1) props.completions = replicas;
    } else if (replicas < 0) ctx.problem(at('replicas'), `must not be negative (got ${replicas})`);
    else if (replicas !== 1) props.replicas = replicas;
  }
  if (deploy.endpoint_mode !== undefined && deploy.endpoint_mode !== 'vip') {
    ctx.note(at('endpoint_mode'), 'dropped', `endpoint_mode ${String(deploy.endpoint_mode)} is not in the model: the service gets a virtual IP (Kubernetes: a ClusterIP Service)`);
  }

  // Resources.
  if (isDict(deploy.resources)) {
    const r = deploy.resources;
    const resources: { cpu?: Record<string, string>; memory?: Record<string, string> } = {};
    for (const [side, field] of [['limits', 'limit'], ['reservations', 'request']] as const) {
      const part = r[side];
      if (!isDict(part)) continue;
      if (part.cpus !== undefined) {
        const c = cpu(ctx, at('resources', side, 'cpus'), part.cpus);
        if (c !== undefined) (resources.cpu ??= {})[field] = c;
      }
      if (part.memory !== undefined) {
        const bytes = ramInBytes(part.memory);
        if (bytes === undefined) ctx.problem(at('resources', side, 'memory'), `must be a size such as "512M" or "1G" (got ${JSON.stringify(part.memory)})`);
        else if (bytes > 0) (resources.memory ??= {})[field] = quantity(ctx, at('resources', side, 'memory'), bytes, part.memory);
      }
      if (part.pids !== undefined) ctx.note(at('resources', side, 'pids'), 'dropped', 'a pids limit is not in the model');
      if (part.generic_resources !== undefined) ctx.note(at('resources', side, 'generic_resources'), 'dropped', 'generic resources (GPUs, ...) are not in the model');
    }
    if (resources.cpu || resources.memory) props.resources = resources;
  }

  // Restart policy: deploy.restart_policy, else the legacy restart: key (docker stack deploy reads it then).
  const rp = isDict(deploy.restart_policy) ? deploy.restart_policy : undefined;
  let condition: string | undefined;
  let maxAttempts: number | undefined;
  let delay: string | undefined;
  let window: string | undefined;
  if (rp) {
    if (svc.restart !== undefined) ctx.note(['services', name, 'restart'], 'dropped', 'docker stack deploy ignores restart: when deploy.restart_policy is set');
    if (rp.condition !== undefined) {
      condition = String(rp.condition);
      if (!['none', 'on-failure', 'any'].includes(condition)) ctx.problem(at('restart_policy', 'condition'), `must be none, on-failure or any (got "${condition}")`);
    }
    if (typeof rp.max_attempts === 'number') maxAttempts = rp.max_attempts;
    if (rp.delay !== undefined) delay = duration(ctx, at('restart_policy', 'delay'), rp.delay);
    if (rp.window !== undefined) window = duration(ctx, at('restart_policy', 'window'), rp.window);
  } else if (typeof svc.restart === 'string') {
    const m = /^(no|always|unless-stopped|on-failure(?::(\d+))?)$/.exec(svc.restart);
    if (!m) ctx.problem(['services', name, 'restart'], `must be no, always, unless-stopped or on-failure[:N] (got "${svc.restart}")`);
    else if (m[1] === 'no') {
      ctx.note(['services', name, 'restart'], 'info', 'docker stack deploy reads restart: "no" as no restart policy, and Swarm then restarts always: mapped to that (use deploy.restart_policy.condition: none to stop restarts)', 'swarm');
    } else if (m[1].startsWith('on-failure')) {
      condition = 'on-failure';
      maxAttempts = m[2] !== undefined ? Number(m[2]) : 0;
    }
  }
  if (kind === 'Job') {
    if (condition === 'none') props.retries = 0;
    else if (maxAttempts !== undefined && maxAttempts > 0) {
      if (maxAttempts !== 3) props.retries = maxAttempts;
    } else {
      ctx.note(rp ? at('restart_policy', 'max_attempts') : ['services', name, 'deploy', 'restart_policy'], 'changed', 'Swarm retries a failed job without limit; Conductor retries it 3 times (Kubernetes backoffLimit): set retries');
    }
    if (delay !== undefined) ctx.note(at('restart_policy', 'delay'), 'dropped', 'a job\'s retry delay is not in the model (Kubernetes backs off on its own)');
    if (window !== undefined) ctx.note(at('restart_policy', 'window'), 'dropped', 'a job\'s restart window is not in the model');
  } else {
    const restart: Record<string, unknown> = {};
    if (condition !== undefined && condition !== 'any') restart.condition = condition === 'none' ? RestartCondition.NONE : RestartCondition.ON_FAILURE;
    if (delay !== undefined) restart.delay = delay;
    if (maxAttempts !== undefined) restart.maxAttempts = maxAttempts;
    if (window !== undefined) restart.window = window;
    if (Object.keys(restart).length) props.restartPolicy = restart;
  }

  // Rollout: the file's update_config, with Swarm's defaults where the model's differ.
  const uc = isDict(deploy.update_config) ? deploy.update_config : undefined;
  const rc = isDict(deploy.rollback_config) ? deploy.rollback_config : undefined;
  if (kind === 'Job') {
    if (uc) ctx.note(at('update_config'), 'dropped', 'a job is not updated in place: update_config does not apply');
    if (rc) ctx.note(at('rollback_config'), 'dropped', 'a job is not rolled back: rollback_config does not apply');
  } else {
    const rollout: Record<string, unknown> = {};
    const filled: string[] = [];
    const count = kind === 'DaemonWorkload' ? undefined : ((props.replicas as number | undefined) ?? 1);
    let parallelism = SWARM_DEFAULTS.update.parallelism as number;
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
    if (parallelism !== 1) rollout.parallelism = parallelism;
    const delayMs = uc?.delay !== undefined ? duration(ctx, at('update_config', 'delay'), uc.delay, { wholeSeconds: true, why: 'Kubernetes minReadySeconds' }) : undefined;
    if (delayMs !== undefined && delayMs !== '0s') rollout.delay = delayMs;
    if (uc?.failure_action !== undefined) {
      const fa = String(uc.failure_action);
      if (!['pause', 'continue', 'rollback'].includes(fa)) ctx.problem(at('update_config', 'failure_action'), `must be pause, continue or rollback (got "${fa}")`);
      else if (fa !== 'pause') rollout.failureAction = fa === 'rollback' ? FailureAction.ROLLBACK : FailureAction.CONTINUE;
    }
    const monitor = uc?.monitor !== undefined ? duration(ctx, at('update_config', 'monitor'), uc.monitor, { wholeSeconds: true, minMs: 1000, why: 'Conductor counts it in seconds' }) : undefined;
    if (monitor === undefined) filled.push('monitor 5s');
    rollout.monitor = monitor ?? formatDuration(SWARM_DEFAULTS.update.monitorMs);
    let order = uc?.order !== undefined ? String(uc.order) : undefined;
    // Written only where the model's default differs (a Workload starts first).
    if (order === undefined && kind === 'Workload') filled.push('order stop-first');
    order ??= SWARM_DEFAULTS.update.order;
    if (kind === 'StatefulWorkload' && order === 'start-first') {
      ctx.note(at('update_config', 'order'), 'changed', 'start-first became stop-first: a replica\'s new and old task would share its per-replica volume (and a StatefulSet cannot start first)');
      order = 'stop-first';
    }
    // The model's default order: start-first for a Workload, stop-first for the others.
    if (order !== (kind === 'Workload' ? 'start-first' : 'stop-first')) rollout.order = order === 'start-first' ? RolloutOrder.START_FIRST : RolloutOrder.STOP_FIRST;
    if (typeof uc?.max_failure_ratio === 'number' && uc.max_failure_ratio !== 0) {
      ctx.note(at('update_config', 'max_failure_ratio'), 'dropped', 'not in the model: any failed task counts as a failed update');
    }
    props.rollout = sortKeys(rollout, ['order', 'parallelism', 'delay', 'failureAction', 'monitor']);
    if (filled.length) comments.rollout = `Swarm's default ${filled.join(' and ')} (not set in the file)`;

    // Conductor rolls back with the update's settings: compare the file's rollback with that.
    const mirror: Record<string, string | number> = { parallelism, delay: delayMs ?? '0s', monitor: String(rollout.monitor), order, failure_action: 'pause' };
    const rollback: Record<string, string | number> = {
      parallelism: typeof rc?.parallelism === 'number' ? rc.parallelism : SWARM_DEFAULTS.update.parallelism,
      delay: rc?.delay !== undefined ? formatDuration(Math.round((parseGoDuration(rc.delay) ?? 0) / 1e6)) : '0s',
      monitor: rc?.monitor !== undefined ? formatDuration(Math.round((parseGoDuration(rc.monitor) ?? 0) / 1e6)) : formatDuration(SWARM_DEFAULTS.update.monitorMs),
      order: rc?.order !== undefined ? String(rc.order) : SWARM_DEFAULTS.update.order,
      failure_action: rc?.failure_action !== undefined ? String(rc.failure_action) : 'pause',
    };
    if (rollback.parallelism === 0 && count !== undefined) rollback.parallelism = count;
    const differ = Object.keys(mirror).filter((k) => String(mirror[k]) !== String(rollback[k]));
    if (differ.length) {
      const what = differ.map((k) => `${k} ${mirror[k]}`).join(', ');
      ctx.note(at('rollback_config'), 'changed', rc
        ? `Conductor rolls back with the update's settings (${what}), not the file's rollback_config (${differ.map((k) => `${k} ${rollback[k]}`).join(', ')})`
        : `Conductor rolls back with the update's settings (${what}) where Swarm's default rollback goes one task at a time, stop-first`, 'swarm');
    }
    if (typeof rc?.max_failure_ratio === 'number' && rc.max_failure_ratio !== 0) ctx.note(at('rollback_config', 'max_failure_ratio'), 'dropped', 'not in the model');
  }

  // Placement.
  if (isDict(deploy.placement)) planPlacement(ctx, name, deploy.placement, props, kind);
}

function sortKeys(o: Record<string, unknown>, order: string[]): Record<string, unknown> {
  return Object.fromEntries(order.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

function planPlacement(ctx: Context, name: string, p: Dict, props: Record<string, unknown>, kind: WorkloadClass): void {
  const at = (...k: Keys): Keys => ['services', name, 'deploy', 'placement', ...k];
  const placement: { nodeLabels?: Record<string, string>; nodeRole?: NodeRole; spreadBy?: string[] } = {};
  (Array.isArray(p.constraints) ? p.constraints : []).forEach((raw, i) => {
    const text = String(raw);
    const keys = at('constraints', i);
    const label = /^\s*node\.labels\.(.+?)\s*(==|!=)\s*(.*?)\s*$/.exec(text);
    const role = /^\s*node\.role\s*(==|!=)\s*(manager|worker)\s*$/.exec(text);
    if (label && label[2] === '==') {
      const [, key, , value] = label;
      const bad = checkLabelKey(key) ?? checkLabelValue(value);
      if (bad) return ctx.note(keys, 'dropped', `"${text}": node label ${bad} (Kubernetes node labels)`);
      const labels = (placement.nodeLabels ??= {});
      if (key in labels && labels[key] !== value) return ctx.note(keys, 'dropped', `contradicts node.labels.${key} == ${labels[key]}`);
      labels[key] = value;
    } else if (role) {
      const isManager = (role[1] === '==') === (role[2] === 'manager');
      const r = isManager ? NodeRole.MANAGER : NodeRole.WORKER;
      if (placement.nodeRole !== undefined && placement.nodeRole !== r) return ctx.note(keys, 'dropped', 'contradicts another node.role constraint');
      placement.nodeRole = r;
      if (role[1] === '!=') ctx.note(keys, 'info', `"${text}" is the same as node.role == ${r}`);
    } else {
      ctx.note(keys, 'dropped', `"${text}": Conductor places by node labels (==) and node role only${label ? ' (no != on labels: it has no Kubernetes node-affinity form in the model)' : ''}`);
    }
  });
  (Array.isArray(p.preferences) ? p.preferences : []).forEach((pref, i) => {
    const spread = isDict(pref) && typeof pref.spread === 'string' ? pref.spread : '';
    const m = /^node\.labels\.(.+)$/.exec(spread.trim());
    if (!m || checkLabelKey(m[1])) return ctx.note(at('preferences', i), 'dropped', `spread over "${spread}": Conductor spreads over node labels only`);
    (placement.spreadBy ??= []).push(m[1]);
  });
  if (p.max_replicas_per_node !== undefined) {
    ctx.note(at('max_replicas_per_node'), 'dropped', kind === 'DaemonWorkload' ? 'a global service runs one task per node anyway' : 'not in the model (Kubernetes: pod anti-affinity / topology spread)');
  }
  if (placement.nodeLabels || placement.nodeRole || placement.spreadBy) props.placement = placement;
}

function planLifecycle(ctx: Context, name: string, svc: Dict, props: Record<string, unknown>): void {
  const at = (...k: Keys): Keys => ['services', name, ...k];
  const lifecycle: Record<string, unknown> = {};
  if (svc.stop_grace_period !== undefined) {
    const d = duration(ctx, at('stop_grace_period'), svc.stop_grace_period, { wholeSeconds: true, why: 'Kubernetes terminationGracePeriodSeconds' });
    if (d !== undefined) lifecycle.stopGracePeriod = d;
  }
  if (typeof svc.stop_signal === 'string') {
    const s = svc.stop_signal.trim().toUpperCase();
    const signal = /^SIG[A-Z0-9]+$/.test(s) ? s : /^[A-Z][A-Z0-9]*$/.test(s) ? `SIG${s}` : undefined;
    if (signal) lifecycle.stopSignal = signal;
    else ctx.note(at('stop_signal'), 'dropped', `"${svc.stop_signal}": Conductor takes signal names such as SIGQUIT`);
  }
  if (Object.keys(lifecycle).length) props.lifecycle = lifecycle;
}

function planLabels(ctx: Context, name: string, svc: Dict, deploy: Dict, props: Record<string, unknown>): void {
  const at = (...k: Keys): Keys => ['services', name, ...k];
  const toMap = (v: unknown): Record<string, string> => {
    if (Array.isArray(v)) {
      return Object.fromEntries(v.map(String).map((s) => (s.includes('=') ? [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] : [s, ''])));
    }
    return isDict(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === null || x === undefined ? '' : String(x)])) : {};
  };
  const container = toMap(svc.labels);
  const service = toMap(deploy.labels);
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  const keyOf = (list: unknown, k: string, ...base: Keys): Keys => (Array.isArray(list) ? at(...base, (list as string[]).findIndex((s) => String(s).split('=')[0] === k)) : at(...base, k));
  for (const [k, v] of Object.entries(service)) {
    if (checkLabelKey(k)) ctx.note(keyOf(deploy.labels, k, 'deploy', 'labels'), 'dropped', `"${k}": ${checkLabelKey(k)} (a Kubernetes annotation key)`);
    else annotations[k] = v;
  }
  for (const [k, v] of Object.entries(container)) {
    const keys = keyOf(svc.labels, k, 'labels');
    if (checkLabelKey(k)) {
      ctx.note(keys, 'dropped', `"${k}": ${checkLabelKey(k)} (a Kubernetes label key)`);
    } else if (!checkLabelValue(v)) {
      if (k in annotations && annotations[k] !== v) ctx.note(keys, 'changed', `deploy.labels sets "${k}" too: Conductor puts a workload's labels on the service as well, so the service gets "${v}"`);
      labels[k] = v;
    } else if (k in annotations) {
      ctx.note(keys, 'dropped', `the value is not a Kubernetes label value, and deploy.labels sets "${k}" too`);
    } else {
      annotations[k] = v;
      ctx.note(keys, 'changed', 'the value is not a Kubernetes label value: an annotation (Kubernetes) and a service label (Swarm deploy.labels), not a container label');
    }
  }
  if (Object.keys(labels).length) props.labels = labels;
  if (Object.keys(annotations).length) props.annotations = annotations;
}

type VolumeEntry = Omit<VolumeSpec, 'type'> & { type: string; tmpfs?: { size?: number }; consistency?: string };

function readVolume(ctx: Context, keys: Keys, v: unknown): VolumeEntry | undefined {
  if (typeof v === 'string') {
    try {
      return parseVolumeSpec(v);
    } catch (e) {
      ctx.problem(keys, (e as Error).message);
      return undefined;
    }
  }
  return v as VolumeEntry;
}

function planVolumeMount(ctx: Context, top: TopLevel, keys: Keys, v: VolumeEntry, mounts: PlannedMount[]): void {
  const target = v.target;
  if (typeof target !== 'string') return ctx.problem(keys, 'needs target: the path in the container');
  const rule = checkContainerPath(target);
  if (rule) return ctx.problem(keys, `target ${rule} (got "${target}")`);
  if (v.consistency !== undefined) ctx.note([...keys, 'consistency'], 'dropped', 'a Docker Desktop setting; no effect on Linux nodes');
  switch (v.type) {
    case 'volume': {
      if (v.source === undefined || v.source === '') {
        ctx.note(keys, 'changed', 'an anonymous volume becomes scratch space (Swarm tmpfs, Kubernetes emptyDir): it lives as long as the container; declare a named volume to keep data');
        mounts.push({ kind: 'scratch', path: target });
        return;
      }
      const vol = top.volumes.get(v.source);
      if (!vol) return ctx.problem(keys, `undefined volume "${v.source}": declare it under the top-level volumes:`);
      if (v.volume?.nocopy) ctx.note([...keys, 'volume', 'nocopy'], 'dropped', 'not in the model (a new Kubernetes volume starts empty anyway)');
      if ('perReplica' in vol) {
        if (v.read_only) ctx.note([...keys, 'read_only'], 'dropped', 'a per-replica volume is mounted read-write');
        mounts.push({ kind: 'perReplica', path: target, name: vol.name, props: vol.props });
        return;
      }
      mounts.push({ kind: 'volume', volume: vol.id, path: target, readOnly: v.read_only === true });
      return;
    }
    case 'bind': {
      let source = v.source ?? '';
      if (source === '') return ctx.problem(keys, 'a bind mount needs source:');
      if (source.startsWith('~')) {
        const home = ctx.loaded.lookup('HOME');
        if (home !== undefined) source = home + source.slice(1);
      }
      const given = source;
      if (!source.startsWith('/')) source = path.resolve(ctx.loaded.dir, source);
      if (v.bind?.propagation !== undefined) ctx.note([...keys, 'bind', 'propagation'], 'dropped', 'mount propagation is not in the model');
      ctx.note(keys, 'info', `a bind mount of ${source}${given !== source ? ` (${given}, resolved as docker stack deploy does)` : ''}: mapped to mountHostPath with allowHostAccess: true, which synth reports as a security risk; the path must exist on every node that may run the service`);
      mounts.push({ kind: 'host', path: target, hostPath: source, readOnly: v.read_only === true });
      return;
    }
    case 'tmpfs': {
      let sizeLimit: string | undefined;
      if (typeof v.tmpfs?.size === 'number' && v.tmpfs.size > 0) sizeLimit = quantity(ctx, [...keys, 'tmpfs', 'size'], v.tmpfs.size, v.tmpfs.size);
      mounts.push({ kind: 'scratch', path: target, ...(sizeLimit ? { sizeLimit } : {}) });
      return;
    }
    default:
      ctx.note(keys, 'dropped', `a ${v.type} mount is not in the model`);
  }
}

function planFileMounts(ctx: Context, top: TopLevel, name: string, svc: Dict, mounts: PlannedMount[]): void {
  for (const kind of ['configs', 'secrets'] as const) {
    const list = Array.isArray(svc[kind]) ? (svc[kind] as unknown[]) : [];
    list.forEach((entry, i) => {
      const keys: Keys = ['services', name, kind, i];
      const ref = typeof entry === 'string' ? { source: entry } : (entry as Dict);
      const source = typeof ref.source === 'string' ? ref.source : undefined;
      if (source === undefined) return ctx.problem(keys, 'needs source:');
      for (const k of ['uid', 'gid', 'mode'] as const) {
        if (ref[k] !== undefined) ctx.note([...keys, k], 'dropped', `the file's ${k} is not in the model: Conductor mounts ${kind} owned by root, mode 0444, on both targets`);
      }
      const target = typeof ref.target === 'string' && ref.target !== '' ? ref.target : undefined;
      if (kind === 'configs') {
        if (!top.configs.has(source)) return ctx.problem(keys, `undefined config "${source}": declare it under the top-level configs:`);
        const config = top.configs.get(source);
        if (!config) return ctx.note(keys, 'dropped', `config "${source}" is external: not mounted`);
        // Swarm: a relative target is relative to /; none is /<config name>.
        const p = target === undefined ? `/${source}` : target.startsWith('/') ? target : `/${target}`;
        const rule = checkContainerPath(p);
        if (rule) return ctx.problem([...keys, 'target'], `${rule} (got "${p}")`);
        mounts.push({ kind: 'config', config: config.id, path: p, file: Object.keys(config.files)[0] });
      } else {
        const secret = top.secrets.get(source);
        if (!secret) return ctx.problem(keys, `undefined secret "${source}": declare it under the top-level secrets:`);
        // Swarm: a relative target is relative to /run/secrets/; none is /run/secrets/<secret key>.
        const p = target === undefined ? `/run/secrets/${source}` : target.startsWith('/') ? target : `/run/secrets/${target}`;
        const rule = checkContainerPath(p);
        if (rule) return ctx.problem([...keys, 'target'], `${rule} (got "${p}")`);
        mounts.push({ kind: 'secret', secret: secret.id, ...(p !== `/run/secrets/${secret.id}` ? { path: p } : {}) });
      }
    });
  }
}
