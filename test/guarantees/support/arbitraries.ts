/**
 * fast-check arbitraries of Conductor apps as specs (./spec.ts).
 *
 * `validApp` draws raw values from pools chosen to hit the edges (YAML 1.1
 * words, "$", unicode, names at their length budgets, ports and paths that
 * collide) and then makes them valid with `fixApp`, which encodes the
 * rules of both orchestrators, independently of Conductor's validation.
 * `mutatedApp` breaks a valid app at one to three random places.
 */
import fc from 'fast-check';
import { posix } from 'path';
import type { AppSpec, CheckSpec, IngressSpec, Kind, MountSpec, Ref, StackSpec, WorkloadSpec } from './spec';

// ------------------------------------------------------------------ pools
export const STRINGS = [
  '', ' ', 'x', 'sh', '-c', 'echo "hi" && exit 0', '$HOME', '${HOME}', '$(date)', '$$', 'a$', 'yes', 'no', 'on', 'off', 'y', 'n', 'null', '~',
  'true', '1', '1.0', '0x1F', '1e3', '010', '.inf', '-', '- x', ': x', 'a: b', '#c', '&a', '*a', '!tag', '%x', '@x', '`x`', '|', '>', "'", '"',
  '{a: 1}', '[1]', 'ünïcødé', '日本', '\t', 'line1\nline2', 'trailing\n', ' lead', 'trail ', '\\', 'C:\\x', '12:30', '2024-01-01', '1_000', '0o17', '+1', '=', 'https://x.example/?a=b&c=d',
];
const IMAGES = [
  'busybox:1.36', 'nginx', 'nginx:latest', 'ghcr.io/acme/api:1.4.2', 'localhost:5000/team/app:v1', `registry.example.com:443/a/b@sha256:${'a'.repeat(
    64,
  )}`,
  'postgres:16.4-alpine', 'a__b/c.d-e:Tag_1.x', 'docker.io/library/redis:7',
];
export const ENV_NAMES = ['A', 'B_C', '_x', 'a1', 'LOG_LEVEL', 'Y', 'N', 'yes', 'on', 'NULL', 'True', 'PATH'];
const LABEL_KEYS = [
  'a', 'tier', 'x_y.z', 'A-b', 'example.com/team', 'app.kubernetes.io/component', 'app.kubernetes.io/name', 'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by', 'on', 'y', 'com.docker.stack.namespace',
];
const LABEL_VALUES = ['', 'v1', 'front-end', 'yes', 'on', 'null', '1.0', 'a.b_c-d', 'Y', '0x1', 'x'.repeat(63)];
const PORTS = [1, 53, 80, 443, 5432, 8080, 8443, 9000, 30080, 65535];
const NODE_PORTS = [30000, 30080, 31000, 32767];
const PATHS = [
  '/data', '/data/', '/tmp', '/var/cache/nginx', '/etc/app', '/etc/app/a.conf', '/etc/app/default.conf', '/run/secrets/s1', '//srv', '/srv/./x',
  '/ü', '/a b', '/x/y/z', '/run/secrets',
];
const FILE_NAMES = ['a.conf', 'app.json', 'default.conf', '.env', 'x', 'UPPER.TXT', 'a-b_c.d', 'application.properties', 'on', 'yes', '1'];
const FILE_CONTENT = [
  '', 'x', 'a=1\n', 'server {\n  listen 8080;\n}\n', '---\nkey: value\n', '$VAR ${X} $$', ' leading', 'trailing\n\n', '\t\ttab', 'ünï\n', 'yes',
  'a'.repeat(2000), '#!/bin/sh\necho hi\n',
];
const CPUS = ['1m', '100m', '250m', '0.5', '1', '2', '1.5', '0.001', '1000m', '3.25', '.5'];
const MEMORY = ['1Mi', '4Mi', '6Mi', '64Mi', '128Mi', '256Mi', '1Gi', '2Gi', '2097152Ki', '1073741824', '1048576Ki'];
const SECONDS = ['1s', '5s', '10s', '1m', '1m30s', '2h'];
const USERS = [0, 1, 70, 10001, 65534, 2147483647];
const CAPS = ['NET_BIND_SERVICE', 'CHOWN', 'SYS_TIME', 'NET_RAW', 'MKNOD', 'ALL'];
const SCHEDULES = ['*/15 * * * *', '0 2 * * *', '30 2 * * MON-FRI', '0 0 1 JAN *', '5,10 */2 1-15 * *'];
const ZONES = ['Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'];
const KINDS: Kind[] = ['deployment', 'deployment', 'stateful', 'daemon', 'job', 'cron'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const dict = <T>(keys: readonly string[], values: fc.Arbitrary<T>, maxKeys = 3) => fc.dictionary(pick(keys), values, { maxKeys });
/** Only the keys that are set (fc.record with every key optional). */
const some = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) => fc.record(model, { requiredKeys: [] });
const strings = (max = 3) => fc.array(pick(STRINGS), { maxLength: max });
const name = fc.oneof(
  { weight: 9, arbitrary: fc.stringMatching(/^[a-z]([-a-z0-9]{0,6}[a-z0-9])?$/) },
  // Long names: cut to their budget by fixApp, so budgets are hit exactly.
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 63 }).map((n) => `l${'o'.repeat(n - 2)}n`) },
);

// ------------------------------------------------------------ raw shapes
const check: fc.Arbitrary<CheckSpec> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('http' as const),
      path: pick(['/', '/healthz', '/a/b?x=1', '/ü', '/%20', '/$x']),
      port: pick(PORTS),
      swarmCommand: maybe(fc.oneof(pick(['wget', 'curl']), fc.constant(['sh', '-c', 'true']))),
    },
    { requiredKeys: ['kind', 'path', 'port'] },
  ),
  fc.record({ kind: fc.constant('tcp' as const), port: pick(PORTS), swarmCommand: maybe(fc.oneof(fc.constant('nc'), fc.constant(['true']))) }, {
    requiredKeys: ['kind', 'port'],
  }),
  fc.record({ kind: fc.constant('command' as const), command: fc.array(pick(STRINGS.filter((s) => s !== '')), { minLength: 1, maxLength: 3 }) }),
);
const resources = some({
  cpu: some({ request: pick(CPUS), limit: pick(CPUS) }),
  memory: some({ request: pick(MEMORY), limit: pick(MEMORY) }),
});
const security = some({
  user: pick(USERS), group: pick(USERS), readOnlyRootFilesystem: fc.boolean(), allowPrivilegeEscalation: fc.boolean(),
  addCapabilities: fc.subarray(CAPS), dropCapabilities: fc.subarray(CAPS), seccompProfile: pick(['RuntimeDefault', 'Unconfined']),
});
const helper = fc.record({
  name, image: pick(IMAGES), command: strings(), args: strings(), env: dict(ENV_NAMES, pick(STRINGS)), workingDir: pick(['/', '/srv', '/app/data']),
  resources, security,
}, { requiredKeys: ['name', 'image'] });
const port = fc.record({
  port: pick(PORTS), targetPort: pick(PORTS), protocol: pick(['tcp', 'udp']), name: pick(['http', 'https', 'db', 'metrics', 'a-1', 'dns']),
  exposure: pick(['internal', 'node-port', 'load-balancer']), nodePort: pick(NODE_PORTS), publishMode: pick(['ingress', 'host']),
}, { requiredKeys: ['port'] });
const rawMount = fc.oneof(
  fc.record({ kind: fc.constant('config' as const), idx: fc.nat(), path: pick(PATHS), file: maybe(fc.nat()) }),
  fc.record({ kind: fc.constant('secret' as const), idx: fc.nat(), path: maybe(pick(PATHS)) }),
  fc.record({ kind: fc.constant('volume' as const), idx: fc.nat(), path: pick(PATHS), readOnly: maybe(fc.boolean()) }),
  fc.record({
    kind: fc.constant('scratch' as const),
    path: pick(PATHS),
    sizeLimit: maybe(pick(['1Mi', '64Mi', '1Gi'])),
    inMemory: maybe(fc.boolean()),
  }),
  fc.record({
    kind: fc.constant('host' as const),
    path: pick(PATHS),
    hostPath: pick(['/var/log', '/etc/hostname', '/srv/data/', '/ü', '/var/run/docker.sock']),
    readOnly: maybe(fc.boolean()),
  }),
);
const rawWorkload = fc.record({
  kind: pick(KINDS),
  name,
  props: some({
    image: pick(IMAGES), command: strings(), args: strings(), workingDir: pick(['/', '/srv', '/app/ü']),
    env: dict(ENV_NAMES, pick(STRINGS)), ports: fc.array(port, { maxLength: 3 }),
    health: fc.record(
      {
        check,
        interval: pick(SECONDS),
        timeout: pick(SECONDS),
        retries: fc.integer({ min: 1, max: 200 }),
        startPeriod: pick(['0s', '5s', '30s', '1m']),
      },
      { requiredKeys: ['check'] },
    ),
    resources, security,
    labels: dict(LABEL_KEYS, pick(LABEL_VALUES)), annotations: dict(LABEL_KEYS, pick(STRINGS)),
    sidecars: fc.array(helper, { maxLength: 2 }), initContainers: fc.array(helper, { maxLength: 2 }),
    placement: some({
      nodeLabels: dict(LABEL_KEYS, pick(LABEL_VALUES)),
      nodeRole: pick(['manager', 'worker']),
      spreadBy: fc.uniqueArray(pick(LABEL_KEYS), { maxLength: 2 }),
    }),
    lifecycle: some({
      stopGracePeriod: pick(['0s', '1s', '30s', '1m', '2h']),
      stopSignal: pick(['SIGTERM', 'SIGQUIT', 'SIGUSR1', 'SIGRTMIN']),
      preStop: fc.array(pick(STRINGS), { minLength: 1, maxLength: 3 }),
    }),
    apiAccess: fc.array(fc.record({
      apiGroups: fc.subarray(['', 'apps', 'batch'], { minLength: 1 }), resources: fc.subarray(
        ['pods', 'configmaps', 'deployments', '*', 'pods/log'],
        { minLength: 1 },
      ),
      verbs: fc.subarray(['get', 'list', 'watch', 'create', 'delete', '*'], {
        minLength: 1,
      }), resourceNames: fc.subarray(['a', 'b.c', 'x-1'], { minLength: 1 }),
    }, { requiredKeys: ['resources', 'verbs'] }), { maxLength: 2 }),
    rollout: some({
      order: pick(['start-first', 'stop-first']),
      parallelism: fc.integer({ min: 1, max: 4 }),
      delay: pick(['0s', '1s', '10s', '1m']),
      failureAction: pick(['pause', 'rollback', 'continue']),
      monitor: pick(['1s', '30s', '1m', '5m']),
    }),
    restartPolicy: some({
      condition: pick(['any', 'on-failure', 'none']),
      delay: pick(['0s', '5s', '1m', '1500ms']),
      maxAttempts: fc.nat(5),
      window: pick(['0s', '1m', '100ms']),
    }),
    replicas: fc.nat(6),
    completions: fc.integer({ min: 1, max: 5 }), parallelism: fc.integer({ min: 1, max: 5 }), retries: fc.nat(6),
    activeDeadline: pick(['1s', '10m', '1h']), ttlAfterFinished: pick(['0s', '1s', '1h']),
    schedule: pick(SCHEDULES), timeZone: pick(ZONES), concurrency: pick(['Allow', 'Forbid', 'Replace']), onSwarm: pick([
      'error',
      'swarm-cronjob',
      'omit',
    ]),
    autoscaling: fc.record(
      {
        minReplicas: fc.integer({ min: 1, max: 3 }),
        maxReplicas: fc.integer({ min: 1, max: 8 }),
        cpuUtilization: fc.integer({ min: 10, max: 300 }),
        memoryUtilization: fc.integer({ min: 10, max: 300 }),
        onSwarm: pick(['warn', 'error']),
      },
      { requiredKeys: ['minReplicas', 'maxReplicas'] },
    ),
    disruptionBudget: fc.oneof(fc.record({ minAvailable: fc.nat(4) }), fc.record({ maxUnavailable: fc.nat(3) })),
  }),
  networks: fc.array(fc.nat(), { maxLength: 2 }),
  scale: maybe(fc.nat(6)),
  mounts: fc.array(rawMount, { maxLength: 4 }),
  envFromConfig: fc.array(fc.nat(), { maxLength: 2 }),
  envFromSecret: fc.array(fc.record({ name: pick(ENV_NAMES), idx: fc.nat() }), { maxLength: 2 }),
  perReplicaVolumes: fc.array(
    fc.record({
      path: pick(PATHS),
      name: fc.oneof(name, pick(['scratch-0', 'config-c', 'data-v'])),
      props: some({
        size: pick(['1', '1Gi', '10Gi', '500M']),
        storageClass: pick(['fast', 'a.b']),
        accessMode: pick(['ReadWriteOnce', 'ReadWriteMany', 'ReadWriteOncePod']),
        driver: pick(['local', 'rexray/ebs']),
        driverOptions: dict(['type', 'o', 'device'], pick(['nfs', 'addr=10.0.0.1,rw', 'yes'])),
      }),
    }),
    { maxLength: 2 },
  ),
}, { requiredKeys: ['kind', 'name', 'props'] });
const rawStack = fc.record({
  name: fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/) }, {
    weight: 1,
    arbitrary: fc.integer({ min: 10, max: 30 }).map((n) => 's'.repeat(n)),
  }),
  env: maybe(pick(['dev', 'prod'])),
  group: maybe(pick(['team', 'platform'])),
  namespace: maybe(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/)),
  labels: maybe(dict(LABEL_KEYS, pick(LABEL_VALUES))),
  configs: fc.array(fc.record({ name, files: dict(FILE_NAMES, pick(FILE_CONTENT)), env: dict(ENV_NAMES, pick(STRINGS)) }), { maxLength: 2 }),
  secrets: fc.array(
    fc.record({
      name,
      key: maybe(pick(['value', 'tls.crt', 'password', 'a-b_c.d'])),
      plaintext: fc.option(pick(['p@ss w0rd', 'ü', '$x', 'line\nbreak', 'yes', 'x']), { nil: undefined, freq: 4 }),
    }),
    { maxLength: 2 },
  ),
  networks: fc.array(fc.record({ name, internal: maybe(fc.boolean()) }), { maxLength: 2 }),
  ingresses: fc.array(fc.record({
    name,
    className: maybe(pick(['nginx', 'traefik.io'])),
    swarmCertResolver: maybe(pick(['le', 'my_resolver'])),
    labels: maybe(dict(LABEL_KEYS, pick(LABEL_VALUES))),
    annotations: maybe(dict(LABEL_KEYS, pick(STRINGS))),
    rules: fc.array(
      fc.record({
        host: pick(['shop.example.com', '*.example.com', 'a.b.c', 'x-1.example.org']),
        path: maybe(pick(['/', '/api', '/x/y/', "/a~b!$&'()*+,;=:@%"])),
        pathType: maybe(pick(['Prefix', 'Exact'])),
        workload: fc.nat(),
        port: maybe(fc.nat()),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    tls: fc.boolean(),
  }), { maxLength: 2 }),
  swarmProxyNetwork: maybe(pick(['traefik-public', 'proxy_1'])),
  volumes: fc.array(
    fc.record({
      name,
      props: some({
        size: pick(['1', '1Gi', '10Gi', '500M', '1Ti', '123456']),
        storageClass: pick(['fast', 'standard-rwo', 'a.b']),
        accessMode: pick(['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod']),
        driver: pick(['local', 'rexray/ebs']),
        driverOptions: dict(['type', 'o', 'device'], pick(['nfs', 'addr=10.0.0.1,rw', 'yes', ''])),
      }),
    }),
    { maxLength: 2 },
  ),
  workloads: fc.array(rawWorkload, { minLength: 1, maxLength: 5 }),
});
const rawApp = fc.record({
  kubernetesOnly: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  stacks: fc.array(rawStack, { minLength: 1, maxLength: 3 }),
});

type RawApp = typeof rawApp extends fc.Arbitrary<infer T> ? T : never;
type RawStack = RawApp['stacks'][number];
type RawWorkload = RawStack['workloads'][number];

// ------------------------------------------------------------------ fixApp
const DNS = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** `name` cut to `max` characters, still a DNS-1035 label ("" when nothing fits). */
function fit(name: string, max: number): string {
  if (max < 1) return '';
  return name.slice(0, max).replace(/-+$/, '');
}

/** A name not taken, at most `max` long: `name`, else `name`-2, -3, ... */
function unique(base: string, taken: (n: string) => boolean, max: number): string {
  if (max < 1) return '';
  const first = fit(base, max);
  if (first && !taken(first)) return first;
  for (let i = 2; ; i++) {
    if (max - String(i).length - 1 < 1) return '';
    const n = `${fit(base, max - String(i).length - 1) || 'x'}-${i}`;
    if (!taken(n)) return n;
  }
}

const cleanPath = (p: string) => posix.normalize(p).replace(/(?<=.)\/+$/, '');
const slug = (f: string) => f.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'file';
const memoryBytes = (m: string) => {
  const r = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(m)!;
  return Number(r[1]) * ({ Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 }[r[2] as 'Ki'] ?? 1);
};
const millicores = (c: string) => (c.endsWith('m') ? Number(c.slice(0, -1)) : Number(c) * 1000);

/** Orders two quantities so that the limit is not below the request. */
function ordered<T extends { request?: string; limit?: string }>(r: T | undefined, size: (q: string) => number): T | undefined {
  if (!r?.request || !r.limit || size(r.limit) >= size(r.request)) return r;
  return { ...r, request: r.limit, limit: r.request };
}

function fixResources(r: any): any {
  if (!r) return r;
  const out: any = { ...r };
  if (out.cpu) out.cpu = ordered(out.cpu, millicores);
  if (out.memory) {
    const m = ordered(out.memory, memoryBytes)!;
    // Docker: a memory limit of at least 6MiB; swarmkit: a reservation of at least 4MiB.
    out.memory = {
      ...(m.request !== undefined && memoryBytes(m.request) >= 4 * 2 ** 20 ? { request: m.request } : {}),
      ...(m.limit !== undefined && memoryBytes(m.limit) >= 6 * 2 ** 20 ? { limit: m.limit } : {}),
    };
  }
  return out;
}

interface StackState {
  readonly spec: RawStack;
  readonly name: string;
  readonly names: Set<string>;
  readonly configs: { name: string; props: { files: Record<string, string>; env: Record<string, string> } }[];
  readonly secrets: { name: string; key?: string; plaintext?: string }[];
  readonly volumes: { name: string; props?: any }[];
  readonly networks: { name: string; props: { internal?: boolean } }[];
}

/** Makes a raw app valid on both targets (Kubernetes only when `kubernetesOnly`). */
export function fixApp(raw: RawApp): AppSpec {
  const stacks: StackSpec[] = [];
  const stackNames = new Set<string>();
  const namespaces = new Set<string>();
  for (const rs of raw.stacks) {
    const env = rs.env ?? '';
    let stackName = unique(rs.name, (n) => stackNames.has(`${env}/${n}`) || namespaces.has(`${env}/${n}`), 30);
    let namespace = rs.namespace;
    if (namespace !== undefined && (namespaces.has(`${env}/${namespace}`) || namespace === stackName)) namespace = undefined;
    if (namespace === undefined && namespaces.has(`${env}/${stackName}`)) stackName = unique(
      stackName,
      (n) => stackNames.has(`${env}/${n}`) || namespaces.has(`${env}/${n}`),
      30,
    );
    stackNames.add(`${env}/${stackName}`);
    namespaces.add(`${env}/${namespace ?? stackName}`);
    stacks.push(fixStack(rs, stackName, namespace, raw.kubernetesOnly));
  }
  return { ...(raw.kubernetesOnly ? { targets: ['kubernetes'] as const } : {}), stacks };
}

function fixStack(rs: RawStack, stackName: string, namespace: string | undefined, kubeOnly: boolean): StackSpec {
  const s = stackName.length;
  const names = new Set<string>();
  const claim = (base: string, max: number) => {
    const n = unique(base, (x) => names.has(x), max);
    names.add(n);
    return n;
  };
  const st: StackState = { spec: rs, name: stackName, names, configs: [], secrets: [], volumes: [], networks: [] };
  for (const c of rs.configs) {
    const files = { ...c.files };
    // docker stack deploy fills an empty environment value from the deploying shell: not on Swarm.
    const env = Object.fromEntries(Object.entries(c.env).filter(([k, v]) => !(k in files) && (kubeOnly || v !== '')));
    // Swarm configs hold at least one byte.
    for (const f of Object.keys(files)) if (files[f] === '') delete files[f];
    if (Object.keys(files).length + Object.keys(env).length === 0) env.A = 'a';
    // `<stack>_<config>-<file slug>-<hash>` within 64 characters.
    const longest = Math.max(0, ...Object.keys(files).map((f) => slug(f).length));
    const cname = claim(c.name, Math.min(63, 64 - s - 1 - 1 - longest - 1 - 10));
    if (!cname) continue;
    st.configs.push({ name: cname, props: { files, env } });
  }
  for (const x of rs.secrets) {
    const n = claim(x.name, x.plaintext !== undefined ? Math.min(63, 64 - s - 1 - 11) : 63);
    if (n) st.secrets.push({
      name: n,
      ...(x.key !== undefined ? { key: x.key } : {}),
      ...(x.plaintext !== undefined ? { plaintext: x.plaintext } : {}),
    });
  }
  for (const v of rs.volumes) st.volumes.push({ name: claim(v.name, 63), ...(v.props ? { props: v.props } : {}) });
  // Swarm networks are `<stack>_<network>` within 63; "default" is the implicit one.
  for (const n of rs.networks) {
    const nn = claim(n.name, Math.min(63, 63 - s - 1));
    if (nn && nn !== 'default') st.networks.push({ name: nn, props: n.internal !== undefined ? { internal: n.internal } : {} });
  }

  const workloads: WorkloadSpec[] = [];
  // Reserve every workload's name first: sidecar services must not take one.
  const reserved = rs.workloads.map((w) => {
    const max = Math.min(63 - s - 1, w.kind === 'stateful' || w.kind === 'cron' ? 52 : 63);
    return claim(w.name, max);
  });
  const swarmServices = new Set(reserved);
  const kubeServices = new Set<string>();
  const published = new Map<string, string>();
  const nodePorts = new Set<number>();
  rs.workloads.forEach((w, i) => {
    const fixed = fixWorkload(w, reserved[i], st, kubeOnly, { swarmServices, kubeServices, published, nodePorts });
    if (fixed) workloads.push(fixed);
  });
  // Ingresses: rules to long-running workloads with a TCP port (the port given when there are
  // several), each host and path once; TLS from an existing secret of a rule's host; one proxy
  // network per stack, not one of its networks.
  const ref = (n: string): Ref => ({ stack: stackName, name: n, ...(rs.env !== undefined ? { env: rs.env } : {}) });
  const routable = workloads.filter(
    (x) => ['deployment', 'stateful', 'daemon'].includes(x.kind) && (x.props.ports ?? []).some((q: any) => (q.protocol ?? 'tcp') === 'tcp'),
  );
  const proxy = rs.swarmProxyNetwork !== undefined && !st.networks.some((n) => n.name === rs.swarmProxyNetwork) ? rs.swarmProxyNetwork : undefined;
  const ingresses: IngressSpec[] = [];
  for (const ri of routable.length ? rs.ingresses : []) {
    const seen = new Set<string>();
    const rules: IngressSpec['rules'][number][] = [];
    for (const r of ri.rules) {
      const target = routable[r.workload % routable.length];
      const tcp = target.props.ports.filter((q: any) => (q.protocol ?? 'tcp') === 'tcp');
      const port = tcp.length === 1 && r.port === undefined ? undefined : tcp[(r.port ?? 0) % tcp.length].port;
      const pathType = r.pathType ?? 'Prefix';
      const path = r.path ?? '/';
      const key = `${r.host}${pathType === 'Prefix' && path.length > 1 ? path.replace(/\/+$/, '') : path}`;
      if (seen.has(key) || seen.has(`${r.host} ${path}`)) continue;
      seen.add(key);
      seen.add(`${r.host} ${path}`);
      rules.push({
        host: r.host,
        ...(r.path !== undefined ? { path: r.path } : {}),
        ...(r.pathType !== undefined ? { pathType: r.pathType } : {}),
        workload: target.name,
        ...(port !== undefined ? { port } : {}),
      });
    }
    const iname = claim(ri.name, 63);
    const existing = st.secrets.filter((x) => x.plaintext === undefined);
    if (!iname || rules.length === 0) continue;
    ingresses.push({
      name: iname,
      props: {
        ...(ri.className !== undefined ? { className: ri.className } : {}),
        ...(ri.swarmCertResolver !== undefined ? { swarmCertResolver: ri.swarmCertResolver } : {}),
        ...(ri.labels !== undefined ? { labels: ri.labels } : {}),
        ...(ri.annotations !== undefined ? { annotations: ri.annotations } : {}),
        ...(proxy !== undefined ? { swarmProxyNetwork: proxy } : {}),
      },
      rules,
      ...(ri.tls && existing.length ? { tls: [{ secret: ref(existing[0].name), hosts: [rules[0].host] }] } : {}),
    });
  }
  // A Volume more than one replica mounts at once must really share on both targets (docs/runtime-checks.md).
  for (const v of st.volumes) {
    const users = workloads.filter((w) => (w.mounts ?? []).some((m) => m.kind === 'volume' && m.ref.name === v.name));
    const most = (w: WorkloadSpec) => {
      if (w.kind === 'daemon' || (w.kind === 'cron' && w.props.concurrency === 'Allow')) return Infinity;
      if (w.kind === 'job' || w.kind === 'cron') return w.props.parallelism ?? w.props.completions ?? 1;
      return w.props.autoscaling ? w.props.autoscaling.maxReplicas : (w.scale ?? w.props.replicas ?? 1);
    };
    if (users.length > 1 || users.some((w) => most(w) > 1)) v.props = { ...(v.props ?? {}), accessMode: 'ReadWriteMany', driver: 'rexray/ebs' };
  }
  // Per-replica volumes must not be named like a Volume (and vice versa); rename the Volume.
  for (const v of st.volumes) {
    const clash = workloads.some(
      (w) => (w.perReplicaVolumes ?? []).some((pv) => new RegExp(`^(${pv.name}-${w.name}|${w.name}-${pv.name})-\\d+$`).test(v.name)),
    );
    if (clash) v.name = unique(`v${v.name}`.slice(0, 50), (x) => names.has(x), 63);
  }
  return {
    name: stackName,
    ...(rs.env !== undefined ? { env: rs.env } : {}),
    ...(rs.group !== undefined ? { group: rs.group } : {}),
    props: { ...(namespace !== undefined ? { namespace } : {}), ...(rs.labels ? { labels: rs.labels } : {}) },
    configs: st.configs,
    secrets: st.secrets,
    volumes: st.volumes,
    ...(st.networks.length ? { networks: st.networks } : {}),
    workloads,
    ...(ingresses.length ? { ingresses } : {}),
  };
}

interface Taken {
  readonly swarmServices: Set<string>;
  readonly kubeServices: Set<string>;
  /** Published port/protocol -> publish mode (Swarm). */
  readonly published: Map<string, string>;
  readonly nodePorts: Set<number>;
}

function fixWorkload(w: RawWorkload, wname: string, st: StackState, kubeOnly: boolean, taken: Taken): WorkloadSpec | undefined {
  const s = st.name.length;
  const kind = w.kind;
  const p: any = { ...w.props, image: w.props.image ?? IMAGES[0] };
  const longRunning = kind === 'deployment' || kind === 'stateful' || kind === 'daemon';
  const replicated = kind === 'deployment' || kind === 'stateful';
  const runToCompletion = kind === 'job' || kind === 'cron';
  if (!replicated) delete p.replicas;
  if (!longRunning) { delete p.rollout; delete p.restartPolicy; }
  if (!runToCompletion) for (const f of ['completions', 'parallelism', 'retries', 'activeDeadline', 'ttlAfterFinished']) delete p[f];
  if (kind !== 'cron') for (const f of ['schedule', 'timeZone', 'concurrency', 'onSwarm']) delete p[f];
  if (kind === 'cron') {
    p.schedule ??= SCHEDULES[0];
    if (p.onSwarm === 'error' || (p.onSwarm === undefined && !kubeOnly)) p.onSwarm = kubeOnly ? 'error' : 'omit';
  }
  // A Job's parallelism may exceed its completions, a budget's minAvailable the replicas, a rollout's parallelism the
  // replicas, a health timeout the interval: all valid on both targets (issue 14), so generated as they come.
  if (!kubeOnly) {
    delete p.initContainers;
    delete p.apiAccess;
    const noEmpty = (env: Record<string, string> | undefined) => env && Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
    if (p.env) p.env = noEmpty(p.env);
    if (p.sidecars) p.sidecars = p.sidecars.map((h: any) => (h.env ? { ...h, env: noEmpty(h.env) } : h));
    // swarmkit constraints: no "/" in the key, a value.
    if (p.placement?.nodeLabels) p.placement = {
      ...p.placement,
      nodeLabels: Object.fromEntries(
        Object.entries(p.placement.nodeLabels as Record<string, string>).filter(([k, v]) => !k.includes('/') && v !== ''),
      ),
    };
  }
  // Autoscaling and disruption budgets: replicated kinds only; autoscaling owns the replica count.
  if (!replicated) { delete p.autoscaling; delete p.disruptionBudget; }
  if (p.autoscaling) {
    const a = { ...p.autoscaling };
    if (a.maxReplicas < a.minReplicas) [a.minReplicas, a.maxReplicas] = [a.maxReplicas, a.minReplicas];
    if (a.cpuUtilization === undefined && a.memoryUtilization === undefined) a.cpuUtilization = 80;
    if (a.onSwarm === 'error' && !kubeOnly) a.onSwarm = 'warn';
    p.autoscaling = a;
    delete p.replicas;
  }
  if (p.rollout) {
    p.rollout = { ...p.rollout };
    if (kind === 'stateful' && p.rollout.order === 'start-first') p.rollout.order = 'stop-first';
  }

  // Networks: each once; a workload on internal networks only has no host-mode ports (Swarm cannot
  // bind them) and no API access (its egress would not reach the API server).
  const ref = (n: string): Ref => ({ stack: st.name, name: n, ...(st.spec.env !== undefined ? { env: st.spec.env } : {}) });
  const networks: Ref[] = [];
  for (const i of w.networks ?? []) {
    const n = st.networks[i % Math.max(1, st.networks.length)];
    if (n && !networks.some((r) => r.name === n.name)) networks.push(ref(n.name));
  }
  const internalOnly = networks.length > 0 && networks.every((r) => st.networks.find((n) => n.name === r.name)?.props.internal === true);
  if (internalOnly && p.apiAccess?.length) networks.length = 0;
  const hostModeAllowed = networks.length === 0 || !internalOnly;
  // Ports: unique names, numbers and targets per protocol; jobs expose nothing; published ports free in the stack.
  const ports: any[] = [];
  const used = { names: new Set<string>(), fronts: new Set<string>(), targets: new Set<string>(), own: new Set<string>() };
  for (const raw of p.ports ?? []) {
    const q: any = { ...raw };
    if (!hostModeAllowed && q.publishMode === 'host') q.publishMode = 'ingress';
    const protocol = q.protocol ?? 'tcp';
    if (runToCompletion) { q.exposure = 'internal'; }
    const exposed = q.exposure === 'node-port' || q.exposure === 'load-balancer';
    if (q.exposure !== 'node-port') delete q.nodePort;
    if (!exposed) delete q.publishMode;
    const portName = q.name ?? `${protocol}-${q.port}`;
    const target = q.targetPort ?? q.port;
    if (used.names.has(portName) || used.fronts.has(`${q.port}/${protocol}`) || used.targets.has(`${target}/${protocol}`)) continue;
    if (exposed) {
      const mode = q.publishMode ?? 'ingress';
      const swarmPublished = q.exposure === 'node-port' && mode !== 'host' ? q.nodePort : q.nodePort ?? q.port;
      const key = swarmPublished !== undefined ? `${swarmPublished}/${protocol}` : undefined;
      if (key !== undefined) {
        const other = taken.published.get(key);
        if (used.own.has(key) || (other !== undefined && (other === 'ingress' || mode === 'ingress'))) continue;
      }
      if (q.nodePort !== undefined && taken.nodePorts.has(q.nodePort)) continue;
      if (key !== undefined) {
        used.own.add(key);
        if (taken.published.get(key) !== 'ingress') taken.published.set(key, mode);
      }
      if (q.nodePort !== undefined) taken.nodePorts.add(q.nodePort);
    }
    used.names.add(portName);
    used.fronts.add(`${q.port}/${protocol}`);
    used.targets.add(`${target}/${protocol}`);
    ports.push(q);
  }
  if (kind === 'stateful' && ports.length === 0) {
    const free = PORTS.find((n) => !used.fronts.has(`${n}/tcp`) && !used.targets.has(`${n}/tcp`))!;
    ports.push({ port: free });
  }
  p.ports = ports;
  const exposures = new Set(ports.map((q) => q.exposure ?? 'internal'));
  let name = wname;
  if (exposures.size > 1 && name.length > 54) name = fit(name, 54);
  // Kubernetes Services: `<name>`, and `<name>-lb` / `<name>-nodeport` beside it.
  const suffixes = [...exposures].filter((e) => e !== 'internal').map((e) => (e === 'node-port' ? '-nodeport' : '-lb'));
  const services = [
    ...(ports.length && kind !== 'job' && kind !== 'cron' ? [name] : []),
    ...(kind === 'stateful' || exposures.size > 1 ? suffixes.map((x) => `${name}${x}`) : []),
  ];
  if (services.some((x) => taken.kubeServices.has(x) || (x !== name && taken.swarmServices.has(x)))) {
    // Keep it simple: such a workload keeps its internal ports only.
    p.ports = ports.filter((q) => (q.exposure ?? 'internal') === 'internal');
    if (kind === 'stateful' && p.ports.length === 0) p.ports = [
      { port: ports[0].port, ...(ports[0].targetPort ? { targetPort: ports[0].targetPort } : {}) },
    ];
  }
  for (const x of [...(p.ports.length && kind !== 'job' && kind !== 'cron' ? [name] : [])]) taken.kubeServices.add(x);
  if (kind === 'stateful' || new Set(p.ports.map((q: any) => q.exposure ?? 'internal')).size > 1) {
    for (const e of new Set(p.ports.map((q: any) => q.exposure ?? 'internal'))) if (e !== 'internal') taken.kubeServices.add(
      `${name}${e === 'node-port' ? '-nodeport' : '-lb'}`,
    );
  }

  // Health: an http/tcp check on a port the container listens on.
  if (p.health) {
    const h: any = { ...p.health };
    const c = h.check as CheckSpec;
    if (c.kind !== 'command') {
      const servicePort = p.ports.find((q: any) => q.port === c.port && !p.ports.some((r: any) => (r.targetPort ?? r.port) === c.port));
      if (servicePort) h.check = { ...c, port: servicePort.targetPort ?? servicePort.port };
    }
    p.health = h;
  }
  p.resources = fixResources(p.resources);

  // Sidecars and init containers: unique names, not "main"; Swarm services `<stack>_<workload>-<sidecar>` within 63 and free.
  const containers = new Set(['main']);
  const fixHelpers = (list: any[] | undefined, sidecar: boolean) => (list ?? []).flatMap((h) => {
    const max = sidecar ? 63 - s - 1 - name.length - 1 : 63;
    const n = unique(h.name, (x) => containers.has(x) || (sidecar && taken.swarmServices.has(`${name}-${x}`)), Math.min(63, max));
    if (!n || !DNS.test(n)) return [];
    containers.add(n);
    if (sidecar) taken.swarmServices.add(`${name}-${n}`);
    return [{ ...h, name: n, resources: fixResources(h.resources) }];
  });
  p.sidecars = fixHelpers(p.sidecars, true);
  p.initContainers = fixHelpers(p.initContainers, false);
  if (p.autoscaling) {
    // Utilization is a percentage of the request: every container needs one, and the limit must leave room.
    const fixUtilization = (field: 'cpuUtilization' | 'memoryUtilization', what: 'cpu' | 'memory', size: (q: string) => number, fallback: string) => {
      if (p.autoscaling[field] === undefined) return;
      for (const holder of [p, ...(p.sidecars ?? [])]) {
        const r = { ...(holder.resources ?? {}) };
        const q = { ...(r[what] ?? {}) };
        q.request ??= q.limit !== undefined && size(q.limit) < size(fallback) ? q.limit : fallback;
        r[what] = q;
        holder.resources = r;
      }
      const q = p.resources[what];
      if (q.limit !== undefined) p.autoscaling = {
        ...p.autoscaling,
        [field]: Math.max(1, Math.min(p.autoscaling[field], Math.floor((size(q.limit) / size(q.request)) * 100))),
      };
    };
    fixUtilization('cpuUtilization', 'cpu', millicores, '100m');
    fixUtilization('memoryUtilization', 'memory', memoryBytes, '64Mi');
  }
  for (const f of ['sidecars', 'initContainers', 'ports']) if (p[f]?.length === 0) delete p[f];

  // Mounts: unique paths (as Docker compares them, config files of a directory mount included), refs of this stack.
  const paths = new Set<string>();
  const free = (...ps: string[]) => ps.every((x) => !paths.has(cleanPath(x))) && new Set(ps.map(cleanPath)).size === ps.length;
  const take = (...ps: string[]) => ps.forEach((x) => paths.add(cleanPath(x)));
  const mounts: MountSpec[] = [];
  const mountedSecrets = new Set<string>();
  for (const m of w.mounts ?? []) {
    if (m.kind === 'scratch') {
      if (!free(m.path)) continue;
      take(m.path);
      mounts.push({
        kind: 'scratch',
        path: m.path,
        ...(m.sizeLimit !== undefined ? { sizeLimit: m.sizeLimit } : {}),
        ...(m.inMemory !== undefined ? { inMemory: m.inMemory } : {}),
      });
    } else if (m.kind === 'volume') {
      const v = st.volumes[m.idx % Math.max(1, st.volumes.length)];
      if (!v || !free(m.path)) continue;
      take(m.path);
      mounts.push({ kind: 'volume', ref: ref(v.name), path: m.path, ...(m.readOnly !== undefined ? { readOnly: m.readOnly } : {}) });
    } else if (m.kind === 'secret') {
      const x = st.secrets[m.idx % Math.max(1, st.secrets.length)];
      if (!x) continue;
      const path = m.path ?? `/run/secrets/${x.name}`;
      if (!free(path)) continue;
      take(path);
      mountedSecrets.add(x.name);
      mounts.push({ kind: 'secret', ref: ref(x.name), ...(m.path !== undefined ? { path: m.path } : {}) });
    } else if (m.kind === 'host') {
      if (!free(m.path)) continue;
      take(m.path);
      mounts.push({
        kind: 'host',
        path: m.path,
        hostPath: m.hostPath,
        allowHostAccess: true,
        ...(m.readOnly !== undefined ? { readOnly: m.readOnly } : {}),
      });
    } else {
      const c = st.configs[m.idx % Math.max(1, st.configs.length)];
      const files = c ? Object.keys(c.props.files).sort() : [];
      if (!c || files.length === 0) continue;
      const file = m.file !== undefined ? files[m.file % files.length] : undefined;
      const targets = file !== undefined ? [m.path] : files.map((f) => `${m.path.replace(/\/+$/, '')}/${f}`);
      // The directory itself is the Kubernetes mount point.
      if (!free(m.path, ...(file === undefined ? targets : []))) continue;
      take(m.path, ...(file === undefined ? targets : []));
      mounts.push({ kind: 'config', ref: ref(c.name), path: m.path, ...(file !== undefined ? { file } : {}) });
    }
  }
  const envNames = new Set(Object.keys(p.env ?? {}));
  const envFromConfig: Ref[] = [];
  for (const i of w.envFromConfig ?? []) {
    const c = st.configs[i % Math.max(1, st.configs.length)];
    if (!c || Object.keys(c.props.env).length === 0 || envFromConfig.some((r) => r.name === c.name)) continue;
    envFromConfig.push(ref(c.name));
    Object.keys(c.props.env).forEach((k) => envNames.add(k));
  }
  const envFromSecret: { name: string; secret: Ref }[] = [];
  for (const e of w.envFromSecret ?? []) {
    const x = st.secrets[e.idx % Math.max(1, st.secrets.length)];
    if (!x || envNames.has(e.name)) continue;
    if (!mountedSecrets.has(x.name)) {
      const path = `/run/secrets/${x.name}`;
      if (!free(path)) continue;
      take(path);
      mountedSecrets.add(x.name);
    }
    envNames.add(e.name);
    envFromSecret.push({ name: e.name, secret: ref(x.name) });
  }
  const perReplicaVolumes: any[] = [];
  if (kind === 'stateful') {
    // Not the name Kubernetes gives a mount's pod volume: config-<c>, secret-<s>, data-<v>, scratch-<n>.
    let scratch = 0;
    let host = 0;
    const vnames = new Set<string>([
      ...mounts.map(
        (m) => (m.kind === 'scratch' ? `scratch-${scratch++}` : m.kind === 'host' ? `host-${host++}` : `${{
          config: 'config',
          secret: 'secret',
          volume: 'data',
        }[m.kind]}-${m.ref.name}`),
      ),
      ...[...mountedSecrets].map((x) => `secret-${x}`),
    ]);
    for (const v of w.perReplicaVolumes ?? []) {
      const n = unique(v.name, (x) => vnames.has(x), Math.min(63, 64 - s - 1 - name.length - 1 - 5));
      if (!n || !DNS.test(n) || !free(v.path)) continue;
      take(v.path);
      vnames.add(n);
      perReplicaVolumes.push({ path: v.path, name: n, ...(v.props ? { props: v.props } : {}) });
    }
  }
  return {
    kind, name, props: p,
    ...(w.scale !== undefined && replicated && !p.autoscaling ? { scale: w.scale } : {}),
    ...(mounts.length ? { mounts } : {}),
    ...(envFromConfig.length ? { envFromConfig } : {}),
    ...(envFromSecret.length ? { envFromSecret } : {}),
    ...(perReplicaVolumes.length ? { perReplicaVolumes } : {}),
    ...(networks.length ? { networks } : {}),
  };
}

/** Valid apps: every model renders on its targets, and its output is valid. */
export const validApp: fc.Arbitrary<AppSpec> = rawApp.map(fixApp);

// --------------------------------------------------------------- mutations
export const BAD_VALUES: unknown[] = [
  -1, 0, 1.5, NaN, Infinity, 2 ** 31, 1e21, '', ' ', 'UPPER', 'a b', '-x', 'x-', '1abc', 'x'.repeat(
    70,
  ), '$(X)', 'ü', '/', '..', '/..', '10Qi', '1.5 GB', '-1',
  '0s', '1.5s', '500ms', 'CAP_X', 'sctp', null, undefined, true, false, '3', '80', 'Never',
];
const BAD_KEYS = ['', ' ', '1X', 'a-b', 'a/b', 'A'.repeat(70), 'ü', '.', '..', '=x', 'x=y', 'on', '-a', 'a_', 'Example.COM/x', 'a/b/c'];
/** Nodes whose change would only break the test's own builder (or what it renders), not the model. */
const STRUCTURAL = new Set(['kind', 'targets', 'strict', 'group']);

type Path = (string | number)[];

function nodes(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!STRUCTURAL.has(k)) nodes(v, [...path, k], out);
  return out;
}

function get(root: any, path: Path): any {
  return path.reduce((o, k) => o?.[k], root);
}

/** A deep copy of `root` with `fn` applied to the node at `path` (returning undefined deletes a key). */
function update(root: any, path: Path, fn: (node: any) => any): any {
  if (path.length === 0) return fn(root);
  const [k, ...rest] = path;
  const copy: any = Array.isArray(root) ? [...root] : { ...root };
  const next = update(root?.[k], rest, fn);
  if (next === DELETE) {
    if (Array.isArray(copy)) copy.splice(k as number, 1);
    else delete copy[k];
  } else copy[k] = next;
  return copy;
}
const DELETE = Symbol('delete');

export interface Mutation {
  readonly at: number;
  readonly op: number;
  readonly value: number;
}

/** Applies one mutation; which node and what to do are picked by numbers, so that they shrink. */
export function mutate(spec: AppSpec, m: Mutation): AppSpec {
  const all = nodes(spec).filter((p) => p.length > 0);
  const path = all[m.at % all.length];
  const node = get(spec, path);
  const stacks = spec.stacks.map((s) => s.name);
  const isRef = node && typeof node === 'object' && !Array.isArray(node) && 'stack' in node && 'name' in node;
  if (isRef) {
    // A reference to another stack's construct, or to a name that is not defined.
    return update(
      spec,
      path,
      (r: Ref) => (m.op % 2 === 0 && stacks.length > 1 ? {
        ...r,
        stack: stacks[(stacks.indexOf(r.stack) + 1) % stacks.length],
      } : { ...r, name: `${r.name}-missing` }),
    );
  }
  if (Array.isArray(node)) {
    switch (m.op % 4) {
      case 0: return node.length ? update(spec, path, (a: unknown[]) => [...a, a[m.value % a.length]]) : spec; // duplicate an entry
      case 1: return update(spec, path, () => []);
      case 2: return node.every((x) => typeof x === 'string') ? update(
        spec,
        path,
        (a: string[]) => a.join(' '),
      ) : update(spec, path, (a: unknown[]) => a.slice(1));
      default: return node.length ? update(spec, path, (a: unknown[]) => a.filter((_, i) => i !== m.value % a.length)) : spec;
    }
  }
  if (node && typeof node === 'object') {
    const keys = Object.keys(node);
    if (m.op % 2 === 0 || keys.every((k) => STRUCTURAL.has(k))) {
      return update(
        spec,
        path,
        (o: object) => ({
          ...o,
          [BAD_KEYS[m.value % BAD_KEYS.length]]: m.value % 3 === 0 ? BAD_VALUES[m.value % BAD_VALUES.length] : STRINGS[m.value % STRINGS.length],
        }),
      );
    }
    const deletable = keys.filter((k) => !STRUCTURAL.has(k));
    return deletable.length ? update(spec, [...path, deletable[m.value % deletable.length]], () => DELETE) : spec;
  }
  return update(spec, path, () => BAD_VALUES[m.value % BAD_VALUES.length]);
}

const mutation = fc.record({ at: fc.nat(), op: fc.nat(), value: fc.nat() });

/** A valid app broken at one to three places (often invalid; sometimes still valid, which is fine). */
export const mutatedApp: fc.Arbitrary<{ spec: AppSpec; mutations: Mutation[] }> = fc
  .tuple(validApp, fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([spec, mutations]) => ({ spec: mutations.reduce(mutate, spec), mutations }));

/** A deterministic shuffle of a spec's declaration order where order means nothing. */
export function permute(spec: AppSpec, seed: number): AppSpec {
  let x = seed >>> 0 || 1;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const shuffle = <T>(a: readonly T[]): T[] => {
    const b = [...a];
    for (let i = b.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [b[i], b[j]] = [b[j], b[i]];
    }
    return b;
  };
  const keys = (o: any): any => (o && typeof o === 'object' && !Array.isArray(o) ? Object.fromEntries(shuffle(Object.entries(o))) : o);
  const maps = ['env', 'labels', 'annotations', 'nodeLabels', 'files', 'driverOptions'];
  const deepKeys = (o: any): any => {
    if (Array.isArray(o)) return o.map(deepKeys);
    if (!o || typeof o !== 'object') return o;
    const out: any = {};
    for (const [k, v] of shuffle(Object.entries(o))) out[k] = maps.includes(k) ? keys(deepKeys(v)) : deepKeys(v);
    if (Array.isArray(out.addCapabilities)) out.addCapabilities = shuffle(out.addCapabilities);
    if (Array.isArray(out.dropCapabilities)) out.dropCapabilities = shuffle(out.dropCapabilities);
    return out;
  };
  return {
    ...spec,
    stacks: shuffle(spec.stacks).map((s) => deepKeys({
      ...s,
      configs: shuffle(s.configs ?? []),
      secrets: shuffle(s.secrets ?? []),
      volumes: shuffle(s.volumes ?? []),
      networks: shuffle(s.networks ?? []),
      workloads: shuffle(s.workloads),
      ingresses: shuffle(s.ingresses ?? []),
    })),
  };
}
