/**
 * The bad-input corpus: one entry per invalid definition, each with the
 * construct code that makes it and EVERY problem synth must report for it
 * (construct path, field, a fragment of the rule, the offending value).
 * bad-input.test.ts runs each entry through `App.synth()` over a previous
 * output directory and asserts the ValidationError, the exact problem list
 * and that the directory (and its parent) are untouched.
 *
 * Add an entry when you add a rule or a construct: the coverage test fails
 * for a construct exported from lib/ that no entry covers.
 */
import { Construct } from 'constructs';
import {
  AccessMode, App, ConcurrencyPolicy, Config, CronJob, CronJobOnSwarm, DaemonWorkload, Environment, Exposure,
  FailureAction, HealthCheck, Ingress, Job, Network, NodeRole, PublishMode, RestartCondition, RolloutOrder, Secret, Stack,
  StatefulWorkload, Volume, Workload,
} from '../../lib';
import type { HostPathOptions } from '../../lib';
import type { PortProps, SynthOptions, WorkloadProps } from '../../lib';
import type { ExpectedProblem } from '../support/oracle';

/** What an entry exercises: a construct, or a feature of workloads. */
export type Covered =
  | 'App' | 'Environment' | 'Stack' | 'Workload' | 'StatefulWorkload' | 'DaemonWorkload' | 'Job' | 'CronJob'
  | 'Config' | 'Secret' | 'Volume' | 'Network' | 'Ingress'
  | 'ports' | 'health' | 'resources' | 'rollout' | 'security' | 'placement' | 'lifecycle' | 'restartPolicy'
  | 'sidecars' | 'initContainers' | 'apiAccess' | 'mounts' | 'env' | 'image' | 'labels' | 'names' | 'strict'
  | 'target-error' | 'references' | 'duplicates' | 'runtime';

export interface BadInput {
  /** What is wrong, in words. */
  readonly name: string;
  readonly covers: readonly Covered[];
  /** `new App({ strict })`. @default false */
  readonly strict?: boolean;
  /** Options of the synth. @default - everything */
  readonly synth?: SynthOptions;
  /**
   * Builds the definitions. `s` is a Stack named "s" in `app`, empty:
   * add at least one valid workload unless the case is about that. When
   * the build adds nothing to `s`, the runner removes it again.
   */
  readonly build: (s: Stack, app: App) => void;
  /** Every problem of the synth, no more, no less (in any order). */
  readonly problems: readonly ExpectedProblem[];
}

/** A value of the wrong type, as a JavaScript caller (or JSON config) can pass. */
const bad = <T>(x: unknown) => x as T;
const BUSYBOX = 'busybox:1.36';
const ok = (s: Construct, id = 'w', props: Partial<WorkloadProps> = {}) => new Workload(s, id, { image: BUSYBOX, ...props });
const other = (s: Stack, name = 'other') => {
  const o = new Stack(s.node.scope as Construct, name);
  ok(o, 'x');
  return o;
};
const p = (path: string, field: string, rule: string, ...value: [unknown?]): ExpectedProblem =>
  (value.length ? { path, field, rule, value: value[0] } : { path, field, rule });

// Rule texts (fragments), as the model words them.
const NAME = 'must be lower case letters, digits and "-", start with a letter and end with a letter or digit (DNS-1035 label)';
const EMPTY = 'must be a non-empty string';
const MEMORY = 'must be a whole number with a Kubernetes suffix (Ki, Mi, Gi, Ti, k, M, G, T)';
const CPU = 'must be cores ("0.5", "2") or millicores ("500m"), positive, in steps of 1m';
const PORT = 'must be an integer from 1 to 65535';
const IMAGE = 'must be an image reference such as "ghcr.io/acme/api:1.4.2"';
const ENV = 'must be letters, digits and "_", not starting with a digit';
const DURATION = 'must be a duration such as "500ms", "10s", "1m30s" or "1h"';
const SAME_STACK = 'must belong to the same stack (s); each stack deploys on its own';
const LABEL = 'must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
const STRICT = 'strict mode forbids target gaps: ';
const RUNTIME = 'strict mode forbids run-time warnings: ';
const MULTI_ATTACH = 'a ReadWriteOnce claim attaches to one node at a time';
const PER_NODE = 'Swarm\'s local driver creates the volume on each node a task runs on';
const SEC = 'must be whole seconds';
const A30 = 'a'.repeat(30);
const B33 = 'b'.repeat(33);

export const CORPUS: readonly BadInput[] = [
  // ---------------------------------------------------------------- names
  { name: 'stack name in upper case', covers: ['Stack', 'names'], build: (_, app) => ok(new Stack(app, 'Shop')),
    problems: [p('Shop', 'name', NAME, 'Shop')] },
  { name: 'stack name starting with a digit', covers: ['Stack', 'names'], build: (_, app) => ok(new Stack(app, '1shop')),
    problems: [p('1shop', 'name', NAME, '1shop')] },
  { name: 'stack name of 64 characters (a namespace is at most 63)', covers: ['Stack', 'names'], build: (_, app) => ok(
    new Stack(app, 'x'.repeat(64)),
  ),
    problems: [p('x'.repeat(64), 'name', 'must be at most 63 characters', 'x'.repeat(64)), p(`${'x'.repeat(64)}/w`, 'name', 'Swarm service', 'w')] },
  { name: 'namespace empty', covers: ['Stack', 'names'], build: (_, app) => ok(new Stack(app, 'shop', { namespace: '' })),
    problems: [p('shop', 'namespace', EMPTY, '')] },
  { name: 'namespace with an underscore', covers: ['Stack', 'names'], build: (_, app) => ok(new Stack(app, 'shop', { namespace: 'shop_prod' })),
    problems: [p('shop', 'namespace', NAME, 'shop_prod')] },
  { name: 'stack label value with a space', covers: ['Stack', 'labels'], build: (_, app) => ok(
    new Stack(app, 'shop', { labels: { team: 'core team' } }),
  ),
    problems: [p('shop', 'labels["team"]', `value ${LABEL}`, 'core team')] },
  { name: 'Swarm budget: <stack>_<workload> is 64 characters', covers: [
    'Stack',
    'Workload',
    'names',
  ], build: (_, app) => ok(new Stack(app, A30), B33),
    problems: [p(`${A30}/${B33}`, 'name', `Swarm service "${A30}_${B33}" must be at most 63 characters`, B33)] },
  { name: 'workload name in upper case', covers: ['Workload', 'names'], build: (s) => ok(s, 'Api'),
    problems: [p('s/Api', 'name', NAME, 'Api')] },
  { name: 'workload name starting with a digit', covers: ['Workload', 'names'], build: (s) => ok(s, '9api'),
    problems: [p('s/9api', 'name', NAME, '9api')] },
  { name: 'workload name with a dot (a Swarm service key cannot have one)', covers: ['Workload', 'names'], build: (s) => ok(s, 'web.v2'),
    problems: [p('s/web.v2', 'name', NAME, 'web.v2')] },
  { name: 'workload name with "/" (shown as written, not as the tree\'s "--")', covers: ['Workload', 'names'], build: (s) => ok(s, 'web/v2'),
    problems: [p('s/web/v2', 'name', NAME, 'web/v2')] },
  { name: 'StatefulWorkload name of 53 characters', covers: ['StatefulWorkload', 'names'],
    build: (s) => new StatefulWorkload(s, 'd'.repeat(53), { image: BUSYBOX, ports: [{ port: 5432 }] }),
    problems: [p(`s/${'d'.repeat(53)}`, 'name', 'must be at most 52 characters', 'd'.repeat(53))] },
  { name: 'CronJob name of 53 characters', covers: ['CronJob', 'names'],
    build: (s) => new CronJob(s, 'c'.repeat(53), { image: BUSYBOX, schedule: '0 * * * *', onSwarm: CronJobOnSwarm.OMIT }),
    problems: [p(`s/${'c'.repeat(53)}`, 'name', 'must be at most 52 characters', 'c'.repeat(53))] },
  { name: 'mixed exposures leave no room for "<name>-nodeport"', covers: ['Workload', 'ports', 'names'],
    build: (s) => ok(s, 'w'.repeat(55), { ports: [{ port: 80 }, { port: 81, exposure: Exposure.NODE_PORT }] }),
    problems: [p(`s/${'w'.repeat(55)}`, 'name', 'must be at most 54 characters when ports mix exposures', 'w'.repeat(55))] },
  { name: 'config name with a dot', covers: ['Config', 'names'], build: (s) => { ok(s); new Config(s, 'app.conf', { env: { A: 'b' } }); },
    problems: [p('s/app.conf', 'name', NAME, 'app.conf')] },
  { name: 'secret name in upper case', covers: ['Secret', 'names'], build: (s) => { ok(s); Secret.fromExisting(s, 'DB_PASSWORD'); },
    problems: [p('s/DB_PASSWORD', 'name', NAME, 'DB_PASSWORD')] },
  { name: 'volume name starting with a digit', covers: ['Volume', 'names'], build: (s) => { ok(s); new Volume(s, '9data'); },
    problems: [p('s/9data', 'name', NAME, '9data')] },
  { name: 'Swarm budget: config file object name over 64 characters', covers: ['Config', 'names'],
    build: (_, app) => { const st = new Stack(app, 'c'.repeat(20)); ok(st); new Config(st, 'cfg'.repeat(6), {
      files: { 'application.properties': 'a=1' },
    }); },
    problems: [
      p(
        `${'c'.repeat(20)}/${'cfg'.repeat(6)}`,
        'files["application.properties"]',
        'stack, config and file names are too long: Swarm config',
        'application.properties',
      ),
    ] },
  { name: 'Swarm budget: plaintext secret name over 64 characters', covers: ['Secret', 'names'],
    build: (s) => { ok(s); Secret.unsafePlaintext(s, 'k'.repeat(52), { value: 'v', acknowledge: 'the value is written to dist in plaintext' }); },
    problems: [p(`s/${'k'.repeat(52)}`, 'name', 'must be at most 64 characters', 'k'.repeat(52))] },
  { name: 'Swarm budget: per-replica volume name over 64 characters', covers: ['StatefulWorkload', 'names'],
    build: (s) => new StatefulWorkload(s, 'db', { image: BUSYBOX, ports: [{ port: 5432 }] }).mountPerReplicaVolume('/data', 'v'.repeat(55)),
    problems: [p('s/db', 'perReplicaVolumes[0].name', 'stack, workload and volume names are too long: Swarm volume', 'v'.repeat(55))] },
  { name: 'per-replica volume name empty', covers: ['StatefulWorkload', 'names'],
    build: (s) => new StatefulWorkload(s, 'db', { image: BUSYBOX, ports: [{ port: 5432 }] }).mountPerReplicaVolume('/data', ''),
    problems: [p('s/db', 'perReplicaVolumes[0].name', EMPTY, '')] },
  { name: 'environment name reserved by the output layout', covers: ['Environment', 'names'],
    build: (_, app) => ok(new Stack(new Environment(app, 'kubernetes'), 'shop')),
    problems: [p('kubernetes', 'name', 'must not be "kubernetes" (a directory of the output layout)', 'kubernetes')] },
  { name: 'environment name in upper case', covers: ['Environment', 'names'], build: (_, app) => ok(new Stack(new Environment(app, 'Prod'), 'shop')),
    problems: [p('Prod', 'name', NAME, 'Prod')] },

  // ---------------------------------------------------------- duplicates
  // The same id twice in ONE scope is refused by the construct tree when the second is
  // constructed (see bad-input.test.ts). What the tree cannot see, the library collects:
  { name: 'the same workload name twice in one stack (different scopes)', covers: ['Workload', 'duplicates'],
    build: (s) => { ok(s, 'api'); ok(new Construct(s, 'group'), 'api'); },
    problems: [p('s/group/api', 'name', 'must be unique in stack s (also s/api)', 'api')] },
  { name: 'a config and a volume with one name in one stack (different scopes)', covers: ['Config', 'Volume', 'duplicates'],
    build: (s) => { ok(s); new Config(s, 'data', { env: { A: 'b' } }); new Volume(new Construct(s, 'storage'), 'data'); },
    problems: [p('s/storage/data', 'name', 'must be unique in stack s (also s/data)', 'data')] },
  { name: 'a sidecar service with the name of another workload (Swarm "<workload>-<sidecar>")', covers: ['sidecars', 'duplicates'],
    build: (s) => { ok(s, 'api', { sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0' }] }); ok(s, 'api-proxy'); },
    problems: [p('s/api', 'sidecars[0].name', 'Swarm service "api-proxy" is also the workload s/api-proxy', 'proxy')] },
  { name: 'an extra Service "<name>-lb" with the name of another workload\'s Service', covers: ['ports', 'duplicates'],
    build: (s) => { ok(s, 'api', {
      ports: [{ port: 80 }, { port: 443, exposure: Exposure.LOAD_BALANCER }],
    }); ok(s, 'api-lb', { ports: [{ port: 80 }] }); },
    problems: [p('s/api-lb', 'name', 'Kubernetes Service "api-lb" is also made for s/api', 'api-lb')] },
  { name: 'the same stack name twice in one environment (different scopes)', covers: ['Stack', 'duplicates'],
    build: (s, app) => { ok(s, 'a'); ok(new Stack(new Construct(app, 'team'), 's'), 'b'); },
    problems: [p('team/s', 'name', 'must be unique among the stacks of the app (also s)', 's')] },
  { name: 'a Stack inside another Stack', covers: ['Stack', 'duplicates'],
    build: (s) => { ok(s); ok(new Stack(s, 'inner')); },
    problems: [p('s/inner', 'scope', 'a Stack must not be inside another Stack (s)')] },
  { name: 'two stacks sharing one namespace in one environment', covers: ['Stack', 'duplicates'],
    build: (s, app) => { ok(s); ok(new Stack(app, 't', { namespace: 's' })); },
    problems: [p('t', 'namespace', 'must not be the namespace of another stack of the same environment (s)', 's')] },
  { name: 'a sidecar and an init container with one name', covers: ['sidecars', 'initContainers', 'duplicates'],
    synth: { targets: ['kubernetes'] },
    build: (s) => ok(s, 'w', { sidecars: [{ name: 'helper', image: BUSYBOX }], initContainers: [{ name: 'helper', image: BUSYBOX }] }),
    problems: [p('s/w', 'initContainers[0].name', 'must not repeat a container name', 'helper')] },

  // --------------------------------------------------------------- ports
  { name: 'port 0', covers: ['ports'], build: (s) => ok(s, 'w', { ports: [{ port: 0 }] }), problems: [p('s/w', 'ports[0].port', PORT, 0)] },
  {
    name: 'port 65536',
    covers: ['ports'],
    build: (s) => ok(s, 'w', { ports: [{ port: 65536 }] }),
    problems: [p('s/w', 'ports[0].port', PORT, 65536)],
  },
  {
    name: 'port negative',
    covers: ['ports'],
    build: (s) => ok(s, 'w', { ports: [{ port: -80 }] }),
    problems: [p('s/w', 'ports[0].port', PORT, -80)],
  },
  { name: 'targetPort 70000', covers: ['ports'], build: (s) => ok(s, 'w', { ports: [{ port: 80, targetPort: 70000 }] }),
    problems: [p('s/w', 'ports[0].targetPort', PORT, 70000)] },
  { name: 'a target port without a port (no Service port, no published port)', covers: ['ports'],
    build: (s) => ok(s, 'w', { ports: [bad<PortProps>({ targetPort: 8080 })] }),
    problems: [p('s/w', 'ports[0].port', PORT, undefined)] },
  { name: 'a health check on the Service port while the container listens on the targetPort', covers: ['ports', 'health'],
    build: (s) => ok(s, 'w', { ports: [{ port: 80, targetPort: 8080 }], health: { check: HealthCheck.tcp(80, { swarmCommand: 'nc' }) } }),
    problems: [
      p(
        's/w',
        'health.check.port',
        'must be a port the container listens on (a targetPort): 80 is the Service port of ports[0], whose container port is 8080',
        80,
      ),
    ] },
  { name: 'the same port number twice', covers: ['ports'], build: (s) => ok(s, 'w', {
    ports: [{ port: 80, targetPort: 8080 }, { port: 80, targetPort: 8081 }],
  }),
    // The second port's default name (tcp-80) repeats the first's too.
    problems: [
      p('s/w', 'ports[1]', 'must not repeat a port number and protocol', 80),
      p('s/w', 'ports[1]', 'must not repeat a port name', 'tcp-80'),
    ] },
  { name: 'the same targetPort twice', covers: ['ports'], build: (s) => ok(s, 'w', {
    ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 8080 }],
  }),
    problems: [p('s/w', 'ports[1]', 'must not repeat a targetPort and protocol', 8080)] },
  { name: 'the same published port on two workloads of a stack (Swarm routing mesh)', covers: ['ports', 'duplicates'],
    build: (s) => { ok(s, 'a', {
      ports: [{ port: 80, exposure: Exposure.LOAD_BALANCER }],
    }); ok(s, 'b', { ports: [{ port: 80, exposure: Exposure.LOAD_BALANCER }] }); },
    problems: [p('s/b', 'ports[0]', 'must not publish port 80/tcp, which s/a publishes (Swarm publishes an ingress-mode port on every node)', 80)] },
  { name: 'nodePort outside 30000-32767', covers: ['ports'], build: (s) => ok(s, 'w', {
    ports: [{ port: 80, exposure: Exposure.NODE_PORT, nodePort: 8080 }],
  }),
    problems: [p('s/w', 'ports[0].nodePort', 'must be an integer from 30000 to 32767', 8080)] },
  { name: 'nodePort on an internal port', covers: ['ports'], build: (s) => ok(s, 'w', { ports: [{ port: 80, nodePort: 30080 }] }),
    problems: [p('s/w', 'ports[0].nodePort', 'is only allowed with exposure NODE_PORT', 30080)] },
  { name: 'protocol sctp', covers: ['ports'], build: (s) => ok(s, 'w', { ports: [{ port: 80, protocol: bad<'tcp'>('sctp') }] }),
    problems: [p('s/w', 'ports[0].protocol', 'must be "tcp" or "udp"', 'sctp')] },
  { name: 'port name empty', covers: ['ports', 'names'], build: (s) => ok(s, 'w', { ports: [{ port: 80, name: '' }] }),
    problems: [p('s/w', 'ports[0].name', 'IANA service name', '')] },
  { name: 'publishMode on an internal port', covers: ['ports'], build: (s) => ok(s, 'w', { ports: [{ port: 80, publishMode: PublishMode.HOST }] }),
    problems: [p('s/w', 'ports[0].publishMode', 'is only allowed on an exposed port', 'host')] },
  { name: 'a Job exposing a port', covers: ['Job', 'ports'], build: (s) => new Job(s, 'j', {
    image: BUSYBOX,
    ports: [{ port: 80, exposure: Exposure.LOAD_BALANCER }],
  }),
    problems: [p('s/j', 'ports', 'a job cannot expose ports', [80])] },
  { name: 'a StatefulWorkload without ports', covers: ['StatefulWorkload', 'ports'], build: (s) => new StatefulWorkload(s, 'db', { image: BUSYBOX }),
    problems: [p('s/db', 'ports', 'a StatefulWorkload needs at least one port')] },

  // ---------------------------------------------------------- quantities
  { name: 'memory "1.5 GB"', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { memory: { limit: '1.5 GB' } } }),
    problems: [p('s/w', 'resources.memory.limit', MEMORY, '1.5 GB')] },
  { name: 'memory "-1"', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { memory: { request: '-1' } } }),
    problems: [p('s/w', 'resources.memory.request', MEMORY, '-1')] },
  { name: 'memory "10Qi"', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { memory: { limit: '10Qi' } } }),
    problems: [p('s/w', 'resources.memory.limit', MEMORY, '10Qi')] },
  { name: 'memory "512MB"', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { memory: { limit: '512MB' } } }),
    problems: [p('s/w', 'resources.memory.limit', MEMORY, '512MB')] },
  { name: 'memory not whole mebibytes', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { memory: { request: '4500k' } } }),
    problems: [p('s/w', 'resources.memory.request', 'must be a whole number of mebibytes', '4500k')] },
  { name: 'cpu "-1"', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { cpu: { request: '-1' } } }),
    problems: [p('s/w', 'resources.cpu.request', CPU, '-1')] },
  { name: 'cpu "0.5 cores"', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { cpu: { limit: '0.5 cores' } } }),
    problems: [p('s/w', 'resources.cpu.limit', CPU, '0.5 cores')] },
  { name: 'cpu "0.0001" (below 1m)', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { cpu: { limit: '0.0001' } } }),
    problems: [p('s/w', 'resources.cpu.limit', CPU, '0.0001')] },
  { name: 'memory limit below the request', covers: ['resources'], build: (s) => ok(s, 'w', {
    resources: { memory: { request: '256Mi', limit: '128Mi' } },
  }),
    problems: [p('s/w', 'resources.memory.limit', 'must not be below resources.memory.request (256Mi)', '128Mi')] },
  { name: 'cpu limit below the request', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { cpu: { request: '1', limit: '500m' } } }),
    problems: [p('s/w', 'resources.cpu.limit', 'must not be below resources.cpu.request (1)', '500m')] },
  { name: 'memory limit below what Docker accepts', covers: ['resources'], build: (s) => ok(s, 'w', { resources: { memory: { limit: '4Mi' } } }),
    problems: [p('s/w', 'resources.memory.limit', 'must be at least 6Mi', '4Mi')] },
  { name: 'volume size "10 GB"', covers: ['Volume'], build: (s) => { ok(s).mountVolume('/data', new Volume(s, 'data', { size: '10 GB' })); },
    problems: [p('s/data', 'size', MEMORY, '10 GB')] },
  { name: 'per-replica volume size "-1"', covers: ['StatefulWorkload'],
    build: (s) => new StatefulWorkload(s, 'db', { image: BUSYBOX, ports: [{ port: 5432 }] }).mountPerReplicaVolume('/data', 'data', { size: '-1' }),
    problems: [p('s/db', 'perReplicaVolumes[0].size', MEMORY, '-1')] },
  { name: 'scratch sizeLimit "1.5Gi"', covers: ['mounts'], build: (s) => ok(s).mountScratch('/tmp', { sizeLimit: '1.5Gi' }),
    problems: [p('s/w', 'mounts[0].sizeLimit', MEMORY, '1.5Gi')] },
  { name: 'sidecar cpu limit below its request', covers: ['sidecars', 'resources'],
    build: (s) => ok(s, 'w', { sidecars: [{ name: 'proxy', image: BUSYBOX, resources: { cpu: { request: '200m', limit: '100m' } } }] }),
    problems: [p('s/w', 'sidecars[0].resources.cpu.limit', 'must not be below sidecars[0].resources.cpu.request (200m)', '100m')] },

  // ------------------------------------------------------------ replicas
  {
    name: 'replicas negative',
    covers: ['Workload'],
    build: (s) => ok(s, 'w', { replicas: -1 }),
    problems: [p('s/w', 'replicas', 'must be a non-negative integer', -1)],
  },
  {
    name: 'replicas fractional',
    covers: ['Workload'],
    build: (s) => ok(s, 'w', { replicas: 2.5 }),
    problems: [p('s/w', 'replicas', 'must be a non-negative integer', 2.5)],
  },
  { name: 'replicas a string (e.g. from process.env)', covers: ['Workload'], build: (s) => ok(s, 'w', { replicas: bad<number>('3') }),
    problems: [p('s/w', 'replicas', 'must be a non-negative integer', '3')] },
  { name: 'replicas NaN (Number(process.env.UNSET))', covers: ['Workload'], build: (s) => ok(s, 'w', { replicas: NaN }),
    problems: [p('s/w', 'replicas', 'must be a non-negative integer', NaN)] },
  { name: 'scale(-2)', covers: ['Workload'], build: (s) => ok(s).scale(-2), problems: [p('s/w', 'replicas', 'must be a non-negative integer', -2)] },
  { name: 'StatefulWorkload replicas fractional', covers: ['StatefulWorkload'],
    build: (s) => new StatefulWorkload(s, 'db', { image: BUSYBOX, replicas: 0.5, ports: [{ port: 5432 }] }),
    problems: [p('s/db', 'replicas', 'must be a non-negative integer', 0.5)] },
  { name: 'Job completions 0', covers: ['Job'], build: (s) => new Job(s, 'j', { image: BUSYBOX, completions: 0 }),
    problems: [p('s/j', 'completions', 'must be an integer of at least 1', 0)] },
  { name: 'Job parallelism 0', covers: ['Job'], build: (s) => new Job(s, 'j', { image: BUSYBOX, completions: 2, parallelism: 0 }),
    problems: [p('s/j', 'parallelism', 'must be an integer of at least 1', 0)] },
  { name: 'Job retries negative', covers: ['Job'], build: (s) => new Job(s, 'j', { image: BUSYBOX, retries: -1 }),
    problems: [p('s/j', 'retries', 'must be a non-negative integer', -1)] },
  { name: 'Job activeDeadline of 1.5s', covers: ['Job'], build: (s) => new Job(s, 'j', { image: BUSYBOX, activeDeadline: '1500ms' }),
    problems: [p('s/j', 'activeDeadline', 'must be whole seconds, at least 1s', '1500ms')] },

  // --------------------------------------------------------------- images
  {
    name: 'image with spaces',
    covers: ['image'],
    build: (s) => ok(s, 'w', { image: 'Not An Image' }),
    problems: [p('s/w', 'image', IMAGE, 'Not An Image')],
  },
  {
    name: 'image empty',
    covers: ['image'],
    build: (s) => ok(s, 'w', { image: '' }),
    problems: [p('s/w', 'image', 'must be a non-empty image reference', '')],
  },
  { name: 'image with an upper-case repository', covers: ['image'], build: (s) => ok(s, 'w', { image: 'ghcr.io/Acme/api:1' }),
    problems: [p('s/w', 'image', IMAGE, 'ghcr.io/Acme/api:1')] },
  {
    name: 'image with an empty tag',
    covers: ['image'],
    build: (s) => ok(s, 'w', { image: 'nginx:' }),
    problems: [p('s/w', 'image', IMAGE, 'nginx:')],
  },
  { name: 'image a URL', covers: ['image'], build: (s) => ok(s, 'w', { image: 'https://ghcr.io/acme/api:1' }),
    problems: [p('s/w', 'image', IMAGE, 'https://ghcr.io/acme/api:1')] },
  { name: 'image of a DaemonWorkload with a short digest', covers: ['DaemonWorkload', 'image'], build: (s) => new DaemonWorkload(s, 'agent', {
    image: 'fluent-bit@sha256:abc',
  }),
    problems: [p('s/agent', 'image', IMAGE, 'fluent-bit@sha256:abc')] },
  { name: 'sidecar image missing', covers: ['sidecars', 'image'], build: (s) => ok(s, 'w', {
    sidecars: [{ name: 'proxy', image: bad<string>(undefined) }],
  }),
    problems: [p('s/w', 'sidecars[0].image', 'must be a non-empty image reference', undefined)] },

  // ------------------------------------------------------------------ env
  {
    name: 'env name with "-"',
    covers: ['env'],
    build: (s) => ok(s, 'w', { env: { 'LOG-LEVEL': 'x' } }),
    problems: [p('s/w', 'env["LOG-LEVEL"]', ENV, 'LOG-LEVEL')],
  },
  {
    name: 'env name starting with a digit',
    covers: ['env'],
    build: (s) => ok(s, 'w', { env: { '1X': 'x' } }),
    problems: [p('s/w', 'env["1X"]', ENV, '1X')],
  },
  { name: 'env name empty', covers: ['env', 'names'], build: (s) => ok(s).addEnv('', 'x'), problems: [p('s/w', 'env[""]', ENV, '')] },
  {
    name: 'env value a number',
    covers: ['env'],
    build: (s) => ok(s, 'w', { env: { PORT: bad<string>(8080) } }),
    problems: [p('s/w', 'env["PORT"]', 'value must be a string', 8080)],
  },
  { name: 'envFromSecret with an env name that is not one', covers: ['env', 'Secret'], build: (s) => ok(s).envFromSecret(
    'db password',
    Secret.fromExisting(s, 'db'),
  ),
    problems: [p('s/w', 'envFromSecret', ENV, 'db password')] },
  { name: 'config env name with "."', covers: ['Config', 'env'], build: (s) => { ok(s).envFromConfig(
    new Config(s, 'cfg', { env: { 'log.level': 'info' } }),
  ); },
    problems: [p('s/cfg', 'env["log.level"]', ENV, 'log.level')] },
  { name: 'sidecar env name with a space', covers: ['sidecars', 'env'], build: (s) => ok(s, 'w', {
    sidecars: [{ name: 'proxy', image: BUSYBOX, env: { 'A B': 'x' } }],
  }),
    problems: [p('s/w', 'sidecars[0].env["A B"]', ENV, 'A B')] },

  // --------------------------------------------------------------- mounts
  { name: 'the same mount path twice', covers: ['mounts'], build: (s) => ok(s).mountScratch('/data').mountVolume('/data/', new Volume(s, 'data')),
    problems: [p('s/w', 'mounts[1].path', 'must not mount two things at the same path', '/data/')] },
  { name: 'a per-replica volume at the path of a mount', covers: ['StatefulWorkload', 'mounts'],
    build: (s) => new StatefulWorkload(s, 'db', { image: BUSYBOX, ports: [{ port: 5432 }] }).mountScratch('/data').mountPerReplicaVolume(
      '/data/',
      'data',
    ),
    problems: [p('s/db', 'perReplicaVolumes[0].path', 'must not mount two things at the same path', '/data/')] },
  { name: 'a mount at "/"', covers: ['mounts'], build: (s) => ok(s).mountScratch('/'),
    problems: [p('s/w', 'mounts[0].path', 'must not be "/"', '/')] },
  {
    name: 'a relative mount path',
    covers: ['mounts'],
    build: (s) => ok(s).mountScratch('tmp'),
    problems: [p('s/w', 'mounts[0].path', 'must be an absolute path', 'tmp')],
  },
  { name: 'a mount path with ".."', covers: ['mounts'], build: (s) => ok(s).mountVolume('/data/../etc', new Volume(s, 'data')),
    problems: [p('s/w', 'mounts[0].path', 'must not contain ".." segments', '/data/../etc')] },
  { name: 'a mount of a volume from another stack', covers: ['mounts', 'Volume', 'references'], build: (s) => ok(s).mountVolume(
    '/data',
    new Volume(other(s), 'data'),
  ),
    problems: [p('s/w', 'mounts[0].volume', SAME_STACK, 'other/data')] },
  { name: 'a secret defined in another stack', covers: ['mounts', 'Secret', 'references'], build: (s) => ok(s).mountSecret(
    Secret.fromExisting(other(s), 'pw'),
  ),
    problems: [p('s/w', 'mounts[0].secret', SAME_STACK, 'other/pw')] },
  { name: 'an env secret defined in another stack', covers: ['env', 'Secret', 'references'], build: (s) => ok(s).envFromSecret(
    'PW',
    Secret.fromExisting(other(s), 'pw'),
  ),
    problems: [p('s/w', 'mounts[0].secret', SAME_STACK, 'other/pw')] },
  { name: 'a config defined in another stack', covers: ['mounts', 'Config', 'references'],
    build: (s) => ok(s).mountConfig(new Config(other(s), 'cfg', { files: { 'a.conf': 'a' } }), '/etc/app'),
    problems: [p('s/w', 'mounts[0].config', SAME_STACK, 'other/cfg')] },
  { name: 'a secret referenced by name, not defined', covers: ['mounts', 'Secret', 'references'], build: (s) => ok(s).mountSecret(
    bad<Secret>('db-password'),
  ),
    problems: [
      p(
        's/w',
        'mounts[0].secret',
        'must be a Secret defined in stack s (Secret.fromExisting or Secret.unsafePlaintext); a name alone defines nothing',
        'db-password',
      ),
    ] },
  { name: 'an env secret referenced by name, not defined', covers: ['env', 'Secret', 'references'], build: (s) => ok(s).envFromSecret(
    'PW',
    bad<Secret>('db-password'),
  ),
    problems: [p('s/w', 'mounts[0].secret', 'must be a Secret defined in stack s', 'db-password')] },
  { name: 'a config referenced by name, not defined', covers: ['mounts', 'Config', 'references'], build: (s) => ok(s).mountConfig(
    bad<Config>('app-config'),
    '/etc/app',
  ),
    problems: [
      p('s/w', 'mounts[0].config', 'must be a Config defined in stack s (new Config(stack, name, ...)); a name alone defines nothing', 'app-config'),
    ] },
  { name: 'an env config referenced by name, not defined', covers: ['env', 'Config', 'references'], build: (s) => ok(s).envFromConfig(
    bad<Config>('app-config'),
  ),
    problems: [p('s/w', 'envFromConfig', 'must be a Config defined in stack s', 'app-config')] },
  { name: 'a volume referenced by name, not defined', covers: ['mounts', 'Volume', 'references'], build: (s) => ok(s).mountVolume(
    '/data',
    bad<Volume>('data'),
  ),
    problems: [
      p('s/w', 'mounts[0].volume', 'must be a Volume defined in stack s (new Volume(stack, name, ...)); a name alone defines nothing', 'data'),
    ] },
  { name: 'a config file that the config does not have', covers: ['mounts', 'Config'],
    build: (s) => ok(s).mountConfig(new Config(s, 'cfg', { files: { 'a.conf': 'a' } }), '/etc/b.conf', { file: 'b.conf' }),
    problems: [p('s/w', 'mounts[0].file', 'must be a file of config cfg (a.conf)', 'b.conf')] },

  // ------------------------------------------------------------ Config, Secret, Volume
  { name: 'a Config with nothing in it', covers: ['Config'], build: (s) => { ok(s); new Config(s, 'cfg'); },
    problems: [p('s/cfg', 'files', 'a Config needs at least one file or env entry')] },
  { name: 'a config file name with "/"', covers: ['Config'], build: (s) => { ok(s); new Config(s, 'cfg', { files: { 'conf.d/app.conf': 'x' } }); },
    problems: [p('s/cfg', 'files["conf.d/app.conf"]', 'must be one path segment', 'conf.d/app.conf')] },
  { name: 'a config file that is not text', covers: ['Config'], build: (s) => { ok(s); new Config(s, 'cfg', {
    files: { 'a.json': bad<string>({ a: 1 }) },
  }); },
    problems: [p('s/cfg', 'files["a.json"]', 'content must be a string', { a: 1 })] },
  { name: 'a config file of 1,024,000 bytes (Swarm) in a ConfigMap of more than 1MiB (Kubernetes)', covers: ['Config'],
    build: (s) => { ok(s); new Config(s, 'cfg', { files: { big: 'x'.repeat(1_024_000), more: 'y'.repeat(100 * 1024) } }); },
    problems: [
      p('s/cfg', 'files', 'files and env values together must be at most 1048576 bytes (one ConfigMap', '1126400 bytes'),
      p('s/cfg', 'files["big"]', 'must be less than 1024000 bytes (each file is one Swarm config', '1024000 bytes'),
    ] },
  { name: 'a plaintext secret of 512,000 bytes (Swarm refuses it)', covers: ['Secret'], build: (s) => { ok(s).mountSecret(
    Secret.unsafePlaintext(s, 'blob', { value: 'x'.repeat(512_000), acknowledge: 'the value is written to dist in plaintext' }),
  ); },
    problems: [p('s/blob', 'value', 'must be less than 512000 bytes (swarmkit refuses', '512000 bytes')] },
  { name: 'an existing secret with a key that is not one', covers: ['Secret'], build: (s) => { ok(s).mountSecret(
    Secret.fromExisting(s, 'tls', { key: 'tls/crt' }),
  ); },
    problems: [p('s/tls', 'key', 'a Secret key', 'tls/crt')] },
  { name: 'a plaintext secret without the acknowledgement', covers: ['Secret'],
    build: (s) => { ok(s).mountSecret(
      Secret.unsafePlaintext(s, 'token', { value: 'v', acknowledge: bad<'the value is written to dist in plaintext'>('yes') }),
    ); },
    problems: [p('s/token', 'acknowledge', 'must be exactly "the value is written to dist in plaintext"', 'yes')] },
  // The value goes into a YAML string (Kubernetes stringData) and a UTF-8 file (Swarm): a lone surrogate would become U+FFFD,
  // a silently different secret. The message names the character and its index, never the value.
  { name: 'a lone surrogate and a C1 control in a plaintext secret\'s value', covers: ['Secret'],
    build: (s) => {
      const w = ok(s);
      w.mountSecret(Secret.unsafePlaintext(s, 'token', { value: 'pw\udc00', acknowledge: 'the value is written to dist in plaintext' }));
      w.envFromSecret('K', Secret.unsafePlaintext(s, 'key', { value: 'k\u0090', acknowledge: 'the value is written to dist in plaintext' }));
    },
    problems: [
      p('s/key', 'value', 'must not contain U+0090 (at index 1): a character kubectl and docker refuse in YAML'),
      p('s/token', 'value', 'must not contain U+DC00 (at index 2): a lone UTF-16 surrogate, which UTF-8 cannot hold'),
    ] },
  { name: 'a volume access mode that is not one', covers: ['Volume'], build: (s) => { ok(s).mountVolume(
    '/data',
    new Volume(s, 'data', { accessMode: bad<AccessMode>('RWO') }),
  ); },
    problems: [p('s/data', 'accessMode', 'must be one of ReadWriteOnce', 'RWO')] },
  { name: 'a storage class with "_"', covers: ['Volume'], build: (s) => { ok(s).mountVolume(
    '/data',
    new Volume(s, 'data', { storageClass: 'fast_ssd' }),
  ); },
    problems: [p('s/data', 'storageClass', 'must be a DNS subdomain name', 'fast_ssd')] },

  // --------------------------------------------------------------- health
  { name: 'health interval 0s', covers: ['health'], build: (s) => ok(s, 'w', {
    health: { check: HealthCheck.command(['true']), interval: '0s', timeout: '0s' },
  }),
    problems: [p('s/w', 'health.interval', `${SEC}, at least 1s`, '0s'), p('s/w', 'health.timeout', `${SEC}, at least 1s`, '0s')] },
  { name: 'health interval not whole seconds', covers: ['health'], build: (s) => ok(s, 'w', {
    health: { check: HealthCheck.command(['true']), interval: '7500ms' },
  }),
    problems: [p('s/w', 'health.interval', `${SEC}, at least 1s`, '7500ms')] },
  { name: 'health start period not a duration', covers: ['health'], build: (s) => ok(s, 'w', {
    health: { check: HealthCheck.command(['true']), startPeriod: 'soon' },
  }),
    problems: [p('s/w', 'health.startPeriod', DURATION, 'soon')] },
  { name: 'health retries 0', covers: ['health'], build: (s) => ok(s, 'w', { health: { check: HealthCheck.command(['true']), retries: 0 } }),
    problems: [p('s/w', 'health.retries', 'must be a positive integer', 0)] },
  { name: 'http check path without "/"', covers: ['health'], build: (s) => ok(s, 'w', {
    health: { check: HealthCheck.http('healthz', { port: 8080, swarmCommand: 'wget' }) },
  }),
    problems: [p('s/w', 'health.check.path', 'must start with "/"', 'healthz')] },
  { name: 'tcp check on port 0', covers: ['health'], build: (s) => ok(s, 'w', { health: { check: HealthCheck.tcp(0, { swarmCommand: 'nc' }) } }),
    problems: [p('s/w', 'health.check.port', PORT, 0)] },
  { name: 'command check with no command', covers: ['health'], build: (s) => ok(s, 'w', { health: { check: HealthCheck.command([]) } }),
    problems: [p('s/w', 'health.check.command', 'must be a non-empty list of non-empty strings', [])] },
  { name: 'health check that is not a HealthCheck', covers: ['health'], build: (s) => ok(s, 'w', {
    health: { check: bad<HealthCheck>({ http: '/healthz' }) },
  }),
    problems: [p('s/w', 'health.check', 'must be made with HealthCheck.http(), .tcp() or .command()', { http: '/healthz' })] },

  // -------------------------------------------------------------- rollout
  { name: 'rollout parallelism 0', covers: ['rollout'], build: (s) => ok(s, 'w', { rollout: { parallelism: 0 } }),
    problems: [p('s/w', 'rollout.parallelism', 'must be an integer of at least 1', 0)] },
  { name: 'rollout delay not whole seconds', covers: ['rollout'], build: (s) => ok(s, 'w', { rollout: { delay: '500ms' } }),
    problems: [p('s/w', 'rollout.delay', 'must be whole seconds (Kubernetes minReadySeconds)', '500ms')] },
  { name: 'rollout order that is not one', covers: ['rollout'], build: (s) => ok(s, 'w', { rollout: { order: bad<RolloutOrder>('blue-green') } }),
    problems: [p('s/w', 'rollout.order', 'must be one of start-first, stop-first', 'blue-green')] },
  { name: 'a StatefulWorkload that starts first', covers: ['StatefulWorkload', 'rollout'],
    build: (s) => new StatefulWorkload(s, 'db', { image: BUSYBOX, ports: [{ port: 5432 }], rollout: { order: RolloutOrder.START_FIRST } }),
    problems: [p('s/db', 'rollout.order', 'must be STOP_FIRST for a StatefulWorkload', 'start-first')] },
  { name: 'DaemonWorkload rollout monitor 0s', covers: ['DaemonWorkload', 'rollout'], build: (s) => new DaemonWorkload(s, 'agent', {
    image: BUSYBOX,
    rollout: { monitor: '0s' },
  }),
    problems: [p('s/agent', 'rollout.monitor', 'must be whole seconds, at least 1s', '0s')] },

  // ------------------------------------------------------------- security
  { name: 'user negative', covers: ['security'], build: (s) => ok(s, 'w', { security: { user: -1 } }),
    problems: [p('s/w', 'security.user', 'must be an integer from 0 to 2147483647', -1)] },
  { name: 'group fractional', covers: ['security'], build: (s) => ok(s, 'w', { security: { group: 10.5 } }),
    problems: [p('s/w', 'security.group', 'must be an integer from 0 to 2147483647', 10.5)] },
  { name: 'capability with CAP_ prefix', covers: ['security'], build: (s) => ok(s, 'w', { security: { addCapabilities: ['CAP_NET_ADMIN'] } }),
    problems: [p('s/w', 'security.addCapabilities', 'must be capability names without "CAP_"', 'CAP_NET_ADMIN')] },
  { name: 'seccomp profile Localhost', covers: ['security'], build: (s) => ok(s, 'w', {
    security: { seccompProfile: bad<'Unconfined'>('Localhost') },
  }),
    problems: [p('s/w', 'security.seccompProfile', 'must be "RuntimeDefault" or "Unconfined"', 'Localhost')] },
  { name: 'sidecar user negative', covers: ['sidecars', 'security'], build: (s) => ok(s, 'w', {
    sidecars: [{ name: 'proxy', image: BUSYBOX, security: { user: -5 } }],
  }),
    problems: [p('s/w', 'sidecars[0].security.user', 'must be an integer from 0 to 2147483647', -5)] },

  // ------------------------------------------------------------ placement
  { name: 'node label key with a space', covers: ['placement'], build: (s) => ok(s, 'w', { placement: { nodeLabels: { 'disk type': 'ssd' } } }),
    problems: [p('s/w', 'placement.nodeLabels["disk type"]', `key ${LABEL}`, 'disk type')] },
  { name: 'node label value with "/"', covers: ['placement'], build: (s) => ok(s, 'w', { placement: { nodeLabels: { disk: 'ssd/nvme' } } }),
    problems: [p('s/w', 'placement.nodeLabels["disk"]', `value ${LABEL}`, 'ssd/nvme')] },
  { name: 'node role "master"', covers: ['placement'], build: (s) => ok(s, 'w', { placement: { nodeRole: bad<NodeRole>('master') } }),
    problems: [p('s/w', 'placement.nodeRole', 'must be NodeRole.MANAGER or NodeRole.WORKER', 'master')] },
  { name: 'spreadBy twice the same key', covers: ['placement'], build: (s) => ok(s, 'w', { placement: { spreadBy: ['zone', 'zone'] } }),
    problems: [p('s/w', 'placement.spreadBy', 'must not repeat a key', 'zone')] },
  { name: 'spreadBy a string instead of a list', covers: ['placement'], build: (s) => ok(s, 'w', { placement: { spreadBy: bad<string[]>('zone') } }),
    problems: [p('s/w', 'placement.spreadBy', 'must be a list of node label keys', 'zone')] },

  // ------------------------------------------------------------ lifecycle
  { name: 'stop grace period not whole seconds', covers: ['lifecycle'], build: (s) => ok(s, 'w', { lifecycle: { stopGracePeriod: '2500ms' } }),
    problems: [p('s/w', 'lifecycle.stopGracePeriod', 'must be whole seconds', '2500ms')] },
  { name: 'stop signal without SIG', covers: ['lifecycle'], build: (s) => ok(s, 'w', { lifecycle: { stopSignal: 'TERM' } }),
    problems: [p('s/w', 'lifecycle.stopSignal', 'must be a signal name such as "SIGTERM"', 'TERM')] },
  { name: 'preStop empty', covers: ['lifecycle'], build: (s) => ok(s, 'w', { lifecycle: { preStop: [] } }),
    problems: [p('s/w', 'lifecycle.preStop', 'must be a non-empty list of strings', [])] },
  { name: 'restart condition "always"', covers: ['restartPolicy'], build: (s) => ok(s, 'w', {
    restartPolicy: { condition: bad<RestartCondition>('always') },
  }),
    problems: [p('s/w', 'restartPolicy.condition', 'must be one of any, on-failure, none', 'always')] },
  { name: 'restart maxAttempts negative', covers: ['restartPolicy'], build: (s) => ok(s, 'w', { restartPolicy: { maxAttempts: -1 } }),
    problems: [p('s/w', 'restartPolicy.maxAttempts', 'must be a non-negative integer', -1)] },

  // ------------------------------------------------------- sidecars, init
  { name: 'sidecar named "main"', covers: ['sidecars', 'names'], build: (s) => ok(s, 'w', { sidecars: [{ name: 'main', image: BUSYBOX }] }),
    problems: [p('s/w', 'sidecars[0].name', 'must not be "main"', 'main')] },
  { name: 'sidecar name in upper case', covers: ['sidecars', 'names'], build: (s) => ok(s, 'w', { sidecars: [{ name: 'Proxy', image: BUSYBOX }] }),
    problems: [p('s/w', 'sidecars[0].name', NAME, 'Proxy')] },
  { name: 'Swarm budget: <stack>_<workload>-<sidecar> over 63 characters', covers: ['sidecars', 'names'],
    build: (s) => ok(s, 'w'.repeat(30), { sidecars: [{ name: 'p'.repeat(31), image: BUSYBOX }] }),
    problems: [p(`s/${'w'.repeat(30)}`, 'sidecars.name', 'stack, workload and sidecar names are too long', 'p'.repeat(31))] },
  { name: 'init container with a relative working dir (Kubernetes only)', covers: ['initContainers'], synth: { targets: ['kubernetes'] },
    build: (s) => ok(s, 'w', { initContainers: [{ name: 'migrate', image: BUSYBOX, workingDir: 'srv' }] }),
    problems: [p('s/w', 'initContainers[0].workingDir', 'must be an absolute path', 'srv')] },

  // ----------------------------------------------------------- API access
  { name: 'apiAccess with an unknown verb (Kubernetes only)', covers: ['apiAccess'], synth: { targets: ['kubernetes'] },
    build: (s) => ok(s, 'w', { apiAccess: [{ resources: ['pods'], verbs: ['fly'] }] }),
    problems: [p('s/w', 'apiAccess[0].verbs', 'must be a non-empty list of get, list, watch', ['fly'])] },
  { name: 'apiAccess with no resources (Kubernetes only)', covers: ['apiAccess'], synth: { targets: ['kubernetes'] },
    build: (s) => ok(s, 'w', { apiAccess: [{ resources: [], verbs: ['get'] }] }),
    problems: [p('s/w', 'apiAccess[0].resources', 'must be a non-empty list of lower-case resource types', [])] },

  // ------------------------------------------------------- Job, CronJob
  { name: 'CronJob schedule of three fields', covers: ['CronJob'], build: (s) => new CronJob(s, 'report', {
    image: BUSYBOX,
    schedule: '* * *',
    onSwarm: CronJobOnSwarm.SWARM_CRONJOB,
  }),
    problems: [p('s/report', 'schedule', 'must be a five-field cron expression', '* * *')] },
  { name: 'CronJob time zone with a space', covers: ['CronJob'],
    build: (s) => new CronJob(s, 'report', {
      image: BUSYBOX,
      schedule: '0 2 * * *',
      timeZone: 'Europe Berlin',
      onSwarm: CronJobOnSwarm.SWARM_CRONJOB,
    }),
    problems: [p('s/report', 'timeZone', 'must be an IANA time zone', 'Europe Berlin')] },
  { name: 'CronJob concurrency "Sometimes"', covers: ['CronJob'],
    build: (s) => new CronJob(s, 'report', {
      image: BUSYBOX,
      schedule: '0 2 * * *',
      concurrency: bad<ConcurrencyPolicy>('Sometimes'),
      onSwarm: CronJobOnSwarm.SWARM_CRONJOB,
    }),
    problems: [p('s/report', 'concurrency', 'must be one of Allow, Forbid, Replace', 'Sometimes')] },

  // -------------------------------------------------------- target errors
  { name: 'CronJob without onSwarm (Swarm has no scheduler)', covers: ['CronJob', 'target-error'],
    build: (s) => new CronJob(s, 'report', { image: BUSYBOX, schedule: '0 2 * * *' }),
    problems: [p('s/report', 'schedule', 'has no swarm form: Swarm has no scheduler; set onSwarm')] },
  { name: 'init containers on Swarm', covers: ['initContainers', 'target-error'],
    build: (s) => ok(s, 'w', { initContainers: [{ name: 'migrate', image: BUSYBOX }] }),
    problems: [p('s/w', 'initContainers', 'has no swarm form: Swarm has no init containers')] },
  { name: 'apiAccess on Swarm', covers: ['apiAccess', 'target-error'],
    build: (s) => ok(s, 'w', { apiAccess: [{ resources: ['pods'], verbs: ['get'] }] }),
    problems: [p('s/w', 'apiAccess', 'has no swarm form: Kubernetes API access')] },

  // ------------------------------------------------------- strict: gaps
  { name: 'strict: an http check without a Swarm command', covers: ['strict', 'health'], strict: true,
    build: (s) => ok(s, 'w', { ports: [{ port: 8080 }], health: { check: HealthCheck.http('/healthz', { port: 8080 }) } }),
    problems: [p('s/w', 'health.check', `${STRICT}[swarm] Swarm health checks run a command inside the container`)] },
  { name: 'strict: failureAction ROLLBACK', covers: ['strict', 'rollout'], strict: true,
    build: (s) => ok(s, 'w', { rollout: { failureAction: FailureAction.ROLLBACK } }),
    problems: [p('s/w', 'rollout.failureAction', `${STRICT}[kubernetes] Kubernetes has no automatic "rollback"`)] },
  { name: 'strict: sidecars', covers: ['strict', 'sidecars'], strict: true,
    build: (s) => ok(s, 'w', { sidecars: [{ name: 'proxy', image: BUSYBOX }] }),
    problems: [p('s/w', 'sidecars', `${STRICT}[swarm] Swarm has no pods`)] },
  { name: 'strict: stop signal and preStop', covers: ['strict', 'lifecycle'], strict: true,
    build: (s) => ok(s, 'w', { lifecycle: { stopSignal: 'SIGQUIT', preStop: ['sleep', '5'] } }),
    problems: [p('s/w', 'lifecycle.stopSignal', `${STRICT}[kubernetes]`), p('s/w', 'lifecycle.preStop', `${STRICT}[swarm]`)] },
  { name: 'strict: a Job with parallelism below completions and a deadline', covers: ['strict', 'Job'], strict: true,
    build: (s) => new Job(s, 'j', { image: BUSYBOX, completions: 4, parallelism: 2, activeDeadline: '10m' }),
    problems: [p('s/j', 'parallelism', `${STRICT}[swarm]`), p('s/j', 'activeDeadline', `${STRICT}[swarm] Swarm jobs have no deadline`)] },
  { name: 'strict: a StatefulWorkload updating two at a time', covers: ['strict', 'StatefulWorkload'], strict: true,
    build: (s) => new StatefulWorkload(s, 'db', { image: BUSYBOX, replicas: 3, ports: [{ port: 5432 }], rollout: { parallelism: 2 } }),
    problems: [p('s/db', 'rollout.parallelism', `${STRICT}[kubernetes] a StatefulSet updates one replica at a time`)] },
  { name: 'strict: restart on failure only', covers: ['strict', 'restartPolicy'], strict: true,
    build: (s) => ok(s, 'w', { restartPolicy: { condition: RestartCondition.ON_FAILURE } }),
    problems: [p('s/w', 'restartPolicy.condition', `${STRICT}[kubernetes] pods of long-running Kubernetes workloads always restart`)] },
  { name: 'strict: a CronJob left out of Swarm', covers: ['strict', 'CronJob'], strict: true,
    build: (s) => { ok(s); new CronJob(s, 'report', { image: BUSYBOX, schedule: '0 2 * * *', onSwarm: CronJobOnSwarm.OMIT }); },
    problems: [p('s/report', 'onSwarm', `${STRICT}[swarm] this CronJob is left out`)] },

  // ------------------------------------------------------------ app level
  { name: 'an app without stacks', covers: ['App'], build: () => undefined,
    problems: [p('(app)', 'stacks', 'an app needs at least one Stack')] },
  {
    name: 'a stack without workloads',
    covers: ['Stack'],
    build: (s) => { new Volume(s, 'data'); },
    problems: [p('s', 'workloads', 'a stack needs at least one workload')],
  },
  { name: 'synth of a stack that does not exist', covers: ['App'], synth: { stacks: ['nope'] }, build: (s) => { ok(s); },
    problems: [p('(app)', 'stacks', 'no stack named "nope" (stacks: s)', 'nope')] },
  { name: 'synth of an environment that does not exist', covers: ['App', 'Environment'], synth: { environments: ['prod'] },
    build: (_, app) => ok(new Stack(new Environment(app, 'dev'), 'shop')),
    problems: [p('(app)', 'environments', 'no environment named "prod" (environments: dev)', 'prod')] },

  // ------------------------------------------------------ networks, ingress, scaling, host paths (issue 4)
  { name: 'a Network named "default" (the implicit network of the workloads that join none)', covers: ['Network', 'names'],
    build: (s) => { new Network(s, 'default'); ok(s); },
    problems: [p('s/default', 'name', 'it is the implicit network of the workloads that join none', 'default')] },
  { name: 'a workload joins a Network of another stack', covers: ['Network', 'references'],
    build: (s) => { ok(s, 'w', { networks: [new Network(other(s), 'n')] }); },
    problems: [p('s/w', 'networks[0]', SAME_STACK, 'other/n')] },
  { name: 'a host-mode published port on internal networks only has no Swarm form', covers: ['Network', 'ports', 'target-error'],
    build: (s) => { ok(s, 'w', {
      networks: [new Network(s, 'n', { internal: true })],
      ports: [{ port: 80, exposure: Exposure.LOAD_BALANCER, publishMode: PublishMode.HOST }],
    }); },
    problems: [p('s/w', 'ports[0].publishMode', 'has no swarm form: Docker binds a host-mode port through docker_gwbridge')] },
  { name: 'an Ingress rule with an upper-case host, to a port the workload does not have', covers: ['Ingress', 'ports'],
    build: (s) => { new Ingress(s, 'ing', { rules: [{ host: 'Shop.example.com', workload: ok(s, 'w', { ports: [{ port: 80 }] }), port: 8080 }] }); },
    problems: [
      p('s/ing', 'rules[0].host', 'must be a lower-case DNS name', 'Shop.example.com'),
      p('s/ing', 'rules[0].port', 'must be a TCP port of w (80)', 8080),
    ] },
  { name: 'strict: an Ingress is only Traefik labels on Swarm', covers: ['Ingress', 'strict'], strict: true,
    build: (s) => { new Ingress(s, 'ing', { rules: [{ host: 'shop.example.com', workload: ok(s, 'w', { ports: [{ port: 80 }] }) }] }); },
    problems: [p('s/ing', 'rules', `${STRICT}[swarm] Swarm has no Ingress`)] },
  { name: 'autoscaling: minReplicas above maxReplicas, a CPU target without a CPU request', covers: ['Workload', 'resources'],
    build: (s) => { ok(s, 'w', { autoscaling: { minReplicas: 5, maxReplicas: 3, cpuUtilization: 50 } }); },
    problems: [
      p('s/w', 'autoscaling.maxReplicas', 'must not be below autoscaling.minReplicas (5)', 3),
      p('s/w', 'autoscaling.cpuUtilization', 'needs resources.cpu.request on every container', 50),
    ] },
  { name: 'a disruption budget with both minAvailable and maxUnavailable', covers: ['StatefulWorkload'],
    build: (s) => { new StatefulWorkload(s, 'db', {
      image: BUSYBOX,
      ports: [{ port: 5432 }],
      disruptionBudget: bad({ minAvailable: 1, maxUnavailable: 1 }),
    }); },
    problems: [p('s/db', 'disruptionBudget', 'must set exactly one of minAvailable and maxUnavailable', { minAvailable: 1, maxUnavailable: 1 })] },
  { name: 'a host path mount without the allowHostAccess opt-in', covers: ['mounts'],
    build: (s) => { ok(s).mountHostPath('/logs', 'var/log', bad<HostPathOptions>({})); },
    problems: [
      p('s/w', 'mounts[0].allowHostAccess', 'must be true: a host path mount gives the container access', undefined),
      p('s/w', 'mounts[0].hostPath', 'must be an absolute path', 'var/log'),
    ] },
  { name: 'Swarm budget: <stack>_<network> over 63 characters', covers: ['Network', 'names'],
    build: (_, app) => { const st = new Stack(app, A30); ok(st, 'w', { networks: [new Network(st, B33)] }); },
    problems: [p(`${A30}/${B33}`, 'name', `Swarm network "${A30}_${B33}" must be at most 63 characters`, B33)] },
  { name: 'joining a network by name, not defined', covers: ['Network', 'references'], build: (s) => { ok(s, 'w', {
    networks: [bad<Network>('backend')],
  }); },
    problems: [p('s/w', 'networks[0]', 'must be a Network defined in stack s (new Network(stack, name)); a name alone defines nothing', 'backend')] },
  { name: 'joining a network twice', covers: ['Network', 'duplicates'], build: (s) => { const n = new Network(s, 'backend'); ok(s, 'w', {
    networks: [n],
  }).joinNetwork(
    n,
  ); },
    problems: [p('s/w', 'networks[1]', 'must not join a network twice', 'backend')] },
  { name: 'an Ingress to a Job (no Service)', covers: ['Ingress', 'Job'],
    build: (s) => { ok(s); new Ingress(s, 'public', { rules: [{ host: 'shop.example.com', workload: new Job(s, 'j', { image: BUSYBOX }) }] }); },
    problems: [p('s/public', 'rules[0].workload', 'must be a long-running workload (a Job or CronJob has no Service)', 's/j')] },
  { name: 'an Ingress to a workload of another stack', covers: ['Ingress', 'references'],
    build: (s) => { ok(s); new Ingress(s, 'public', {
      rules: [{ host: 'shop.example.com', workload: ok(other(s), 'web', { ports: [{ port: 80 }] }) }],
    }); },
    problems: [p('s/public', 'rules[0].workload', SAME_STACK, 'other/web')] },
  { name: 'autoscaling and a fixed replica count', covers: ['Workload', 'resources'],
    build: (s) => { ok(s, 'w', {
      replicas: 3,
      resources: { cpu: { request: '100m' } },
      autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 },
    }); },
    problems: [p('s/w', 'replicas', 'must not be set with autoscaling', 3)] },
  { name: 'a disruption budget with a negative minAvailable', covers: ['Workload'],
    build: (s) => { ok(s, 'w', { replicas: 2, disruptionBudget: { minAvailable: -1 } }); },
    problems: [p('s/w', 'disruptionBudget.minAvailable', 'must be a non-negative integer', -1)] },
  { name: 'a host path of "/"', covers: ['mounts'], build: (s) => { ok(s).mountHostPath('/host', '/', { allowHostAccess: true }); },
    problems: [p('s/w', 'mounts[0].hostPath', 'must not be "/"', '/')] },

  // ------------------------------------------------------ run-time failures (docs/runtime-checks.md)
  { name: 'a ReadWriteOnce volume mounted by 3 replicas', covers: ['runtime', 'Volume', 'mounts'],
    build: (s) => { ok(s, 'writer', { replicas: 3 }).mountVolume('/data', new Volume(s, 'data')); },
    problems: [
      p('s/data', 'accessMode', `[kubernetes] volume data (ReadWriteOnce) is mounted by writer (3 replicas): ${MULTI_ATTACH}`),
      p('s/data', 'driver', `[swarm] volume data is mounted by writer (3 replicas): ${PER_NODE}`),
    ] },
  { name: 'a volume mounted read-only by a second workload', covers: ['runtime', 'Volume', 'mounts'],
    build: (s) => {
      const v = new Volume(s, 'data');
      ok(s, 'writer', { rollout: { order: RolloutOrder.STOP_FIRST } }).mountVolume('/data', v);
      ok(s, 'reader', { rollout: { order: RolloutOrder.STOP_FIRST } }).mountVolume('/data', v, { readOnly: true });
    },
    problems: [
      p('s/data', 'accessMode', 'mounted by reader (1 replica, read-only) and writer (1 replica): a ReadWriteOnce claim'),
      p('s/data', 'driver', `mounted by reader (1 replica, read-only) and writer (1 replica): ${PER_NODE}`),
    ] },
  { name: 'a ReadWriteMany volume on the local driver, autoscaled, rendered for Swarm', covers: ['runtime', 'Volume'], synth: { targets: ['swarm'] },
    build: (s) => {
      const autoscaling = { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 };
      ok(s, 'api', { resources: { cpu: { request: '100m' } }, autoscaling }).mountVolume(
        '/data',
        new Volume(s, 'data', { accessMode: AccessMode.READ_WRITE_MANY }),
      );
    },
    problems: [p('s/data', 'driver', `[swarm] volume data is mounted by api (up to 5 replicas (autoscaling)): ${PER_NODE}`)] },
  { name: 'a volume plugin with a ReadWriteOnce claim, on a DaemonWorkload, rendered for Kubernetes', covers: ['runtime', 'DaemonWorkload'],
    synth: { targets: ['kubernetes'] },
    build: (s) => { new DaemonWorkload(s, 'agent', { image: BUSYBOX }).mountVolume('/data', new Volume(s, 'data', { driver: 'rexray/ebs' })); },
    problems: [p('s/data', 'accessMode', `[kubernetes] volume data (ReadWriteOnce) is mounted by agent (one replica per node): ${MULTI_ATTACH}`)] },
  { name: 'sharedDriver that is not a boolean', covers: ['runtime', 'Volume'],
    build: (s) => { ok(s, 'w').mountVolume('/data', new Volume(s, 'data', { sharedDriver: bad<boolean>('yes') })); },
    problems: [p('s/data', 'sharedDriver', 'must be true or false', 'yes')] },
  { name: 'strict: one replica with start-first rollout on a volume', covers: ['runtime', 'strict', 'rollout'], strict: true,
    build: (s) => { ok(s, 'db').mountVolume('/data', new Volume(s, 'data')); },
    problems: [
      p('s/db', 'rollout.order', `${RUNTIME}[kubernetes] start-first: each update starts a second pod beside the first`),
      p('s/db', 'rollout.order', `${RUNTIME}[swarm] start-first: each update starts a second task beside the first`),
    ] },
  { name: 'strict: a disruption budget of 1 of 1', covers: ['runtime', 'strict', 'Workload'], strict: true,
    build: (s) => { ok(s, 'w', { disruptionBudget: { minAvailable: 1 } }); },
    problems: [
      p('s/w', 'disruptionBudget.minAvailable', `${RUNTIME}[kubernetes] 1 is not below the fewest replicas the workload can have (1 replica)`),
      p('s/w', 'disruptionBudget', `${STRICT}[swarm] Swarm has no disruption budget`),
    ] },
  { name: 'strict: maxUnavailable 0, rendered for Kubernetes', covers: ['runtime', 'strict'], strict: true, synth: { targets: ['kubernetes'] },
    build: (s) => { ok(s, 'w', { replicas: 2, disruptionBudget: { maxUnavailable: 0 } }); },
    problems: [p('s/w', 'disruptionBudget.maxUnavailable', `${RUNTIME}[kubernetes] 0 allows no voluntary eviction`)] },
  { name: 'strict: minAvailable above an autoscaled workload\'s minReplicas', covers: ['runtime', 'strict'], strict: true, synth: {
    targets: ['kubernetes'],
  },
    build: (s) => {
      ok(s, 'w', {
        resources: { cpu: { request: '100m' } },
        autoscaling: { minReplicas: 2, maxReplicas: 8, cpuUtilization: 70 },
        disruptionBudget: { minAvailable: 3 },
      });
    },
    problems: [
      p(
        's/w',
        'disruptionBudget.minAvailable',
        `${RUNTIME}[kubernetes] 3 is not below the fewest replicas the workload can have (autoscaling.minReplicas 2)`,
      ),
    ] },
  { name: 'strict: a client naming a workload without ports', covers: ['runtime', 'strict', 'env'], strict: true,
    build: (s) => { ok(s, 'db'); ok(s, 'api', { env: { DATABASE_URL: 'postgres://app@db/app' } }); },
    problems: [
      p('s/api', 'env["DATABASE_URL"]', `${RUNTIME}[kubernetes] names db ("postgres://app@db"), but db declares no port, so it has no Service`),
    ] },
  { name: 'strict: a client naming the Service port of a mapped port, rendered for Swarm', covers: ['runtime', 'strict', 'ports'], strict: true,
    synth: { targets: ['swarm'] },
    build: (s) => { ok(s, 'web', { ports: [{ port: 80, targetPort: 8080 }] }); ok(s, 'api', { args: ['--upstream', 'http://web:80/'] }); },
    problems: [p('s/api', 'args[1]', `${RUNTIME}[swarm] names web ("http://web:80"): port 80 is not a container port of web on Swarm`)] },
  { name: 'strict: a config file naming a port its server does not declare', covers: ['runtime', 'strict', 'Config'], strict: true,
    synth: { targets: ['kubernetes'] },
    build: (s) => {
      ok(s, 'api', { ports: [{ port: 8080 }] });
      ok(s, 'web').mountConfig(new Config(s, 'nginx', { files: { 'default.conf': 'proxy_pass http://api:9090/;' } }), '/etc/nginx/conf.d');
    },
    problems: [p('s/web', 'configs["nginx"].files["default.conf"]', `${RUNTIME}[kubernetes] names api ("http://api:9090"): port 9090 is not declared on Kubernetes`)] },
  { name: 'strict: a client naming a workload on no common Network', covers: ['runtime', 'strict', 'Network'], strict: true,
    build: (s) => {
      ok(s, 'db', { ports: [{ port: 5432 }], networks: [new Network(s, 'back')] });
      ok(s, 'web', { env: { DB: 'db:5432' }, networks: [new Network(s, 'front')] });
    },
    problems: [p('s/web', 'env["DB"]', `${RUNTIME}names db ("db:5432"), but web (networks front) and db (networks back) share no Network`)] },
  { name: 'strict: a health check of an undeclared port', covers: ['runtime', 'strict', 'health'], strict: true,
    build: (s) => { ok(s, 'w', { ports: [{ port: 8081 }], health: { check: HealthCheck.tcp(8080, { swarmCommand: 'nc' }) } }); },
    problems: [p('s/w', 'health.check.port', `${RUNTIME}tcp check of port 8080, which the workload does not declare (it declares 8081)`)] },
  { name: 'strict: an image without a tag, a sidecar tagged latest', covers: [
    'runtime',
    'strict',
    'image',
  ], strict: true, synth: { targets: ['kubernetes'] },
    build: (s) => { ok(s, 'w', { image: 'ghcr.io/acme/api', sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:latest' }] }); },
    problems: [
      p('s/w', 'image', `${RUNTIME}"ghcr.io/acme/api" has no tag or digest`),
      p('s/w', 'sidecars[0].image', `${RUNTIME}"envoyproxy/envoy:latest" is tagged "latest"`),
    ] },

  // ------------------------------------- names and keys the API server or the OS refuses
  { name: 'port name with "--" (IsValidPortName)', covers: ['ports', 'names'], build: (s) => ok(s, 'w', { ports: [{ port: 80, name: 'web--api' }] }),
    problems: [p('s/w', 'ports[0].name', 'no "--" (IANA service name)', 'web--api')] },
  { name: 'secret key "."', covers: ['Secret', 'mounts'], build: (s) => { ok(s).mountSecret(Secret.fromExisting(s, 'tls', { key: '.' })); },
    problems: [p('s/tls', 'key', 'must not be "." or ".."', '.')] },
  { name: 'secret key ".." (mountSecret would render subPath: ..)', covers: ['Secret', 'mounts'],
    build: (s) => { ok(s).mountSecret(Secret.fromExisting(s, 'tls', { key: '..' })); },
    problems: [p('s/tls', 'key', 'must not be "." or ".."', '..')] },
  { name: 'secret key of 254 characters', covers: ['Secret'], build: (s) => { ok(s).envFromSecret(
    'PW',
    Secret.fromExisting(s, 'pw', { key: 'k'.repeat(254) }),
  ); },
    problems: [p('s/pw', 'key', 'must be at most 253 characters', 'k'.repeat(254))] },
  { name: 'config file name of 254 characters', covers: ['Config'], build: (s) => { ok(s); new Config(s, 'c', {
    files: { ['f'.repeat(254)]: 'x' },
  }); },
    problems: [
      p('s/c', `files["${'f'.repeat(254)}"]`, 'must be at most 253 characters', 'f'.repeat(254)),
      p('s/c', `files["${'f'.repeat(254)}"]`, 'Swarm config', 'f'.repeat(254)),
    ] },
  { name: 'a mount path with NUL', covers: ['mounts'], build: (s) => ok(s).mountScratch('/data\0x'),
    problems: [p('s/w', 'mounts[0].path', 'must not contain NUL or line breaks', '/data\0x')] },
  { name: 'a mount path with a newline', covers: ['mounts'], build: (s) => ok(s).mountScratch('/data\nx'),
    problems: [p('s/w', 'mounts[0].path', 'must not contain NUL or line breaks', '/data\nx')] },
  { name: 'a host path with a newline', covers: ['mounts'], build: (s) => { ok(s).mountHostPath('/host', '/var/log\n', { allowHostAccess: true }); },
    problems: [p('s/w', 'mounts[0].hostPath', 'must not contain NUL or line breaks', '/var/log\n')] },
  { name: 'a mount path over 4096 bytes (PATH_MAX)', covers: ['mounts'], build: (s) => ok(s).mountScratch(`/${'d'.repeat(4096)}`),
    problems: [p('s/w', 'mounts[0].path', 'must be at most 4096 bytes (Linux PATH_MAX)', `/${'d'.repeat(4096)}`)] },
  { name: 'a working directory with a newline', covers: ['names'], build: (s) => ok(s, 'w', { workingDir: '/app\n' }),
    problems: [p('s/w', 'workingDir', 'must not contain NUL or line breaks', '/app\n')] },
  { name: 'an env value over 128 KiB (MAX_ARG_STRLEN)', covers: ['env'], build: (s) => ok(s, 'w', { env: { BIG: 'x'.repeat(128 * 1024) } }),
    problems: [p('s/w', 'env["BIG"]', 'must be at most 131072 bytes as "NAME=value"', '131077 bytes with its NUL')] },
  { name: 'a sidecar env value over 128 KiB', covers: ['sidecars', 'env'],
    build: (s) => ok(s, 'w', { sidecars: [{ name: 'proxy', image: BUSYBOX, env: { BIG: 'é'.repeat(64 * 1024) } }] }),
    problems: [p('s/w', 'sidecars[0].env["BIG"]', 'must be at most 131072 bytes', '131077 bytes with its NUL')] },
  { name: 'a config env value over 128 KiB', covers: ['Config', 'env'],
    build: (s) => { ok(s).envFromConfig(new Config(s, 'c', { env: { BIG: 'x'.repeat(131068) } })); },
    problems: [p('s/c', 'env["BIG"]', 'must be at most 131072 bytes', '131073 bytes with its NUL')] },
  { name: 'an argument over 128 KiB', covers: ['Workload'], build: (s) => ok(s, 'w', { args: ['-c', 'x'.repeat(128 * 1024)] }),
    problems: [p('s/w', 'args[1]', 'each entry must be at most 131071 bytes', '131073 bytes with its NUL')] },
  ...['con', 'nul', 'aux', 'prn', 'com1', 'lpt9'].map((name): BadInput => ({
    name: `stack name "${name}" (a Windows device name: ${name}.md)`, covers: ['Stack', 'names'], build: (_, app) => ok(new Stack(app, name)),
    problems: [p(name, 'name', 'a Windows device name', name)],
  })),
  { name: 'environment name "aux" (a Windows device name)', covers: ['Environment', 'names'], build: (_, app) => ok(
    new Stack(new Environment(app, 'aux'), 'shop'),
  ),
    problems: [p('aux', 'name', 'a Windows device name', 'aux')] },
  { name: 'stack name with "/" is shown as written', covers: ['Stack', 'names'], build: (_, app) => ok(new Stack(app, 'a/b')),
    problems: [p('a/b', 'name', NAME, 'a/b')] },

  // ---------------------------------- characters no reader of the output gives back
  { name: 'DEL in an env value', covers: ['env'], build: (s) => ok(s, 'w', { env: { V: 'a\u007fb' } }),
    problems: [p('s/w', 'env["V"]', 'must not contain U+007F (at index 1)', 'a\u007fb')] },
  { name: 'U+2028 in a config file', covers: ['Config'], build: (s) => { ok(s).mountConfig(
    new Config(s, 'c', { files: { 'a.txt': 'x\u2028y' } }),
    '/etc/c',
  ); },
    problems: [p('s/c', 'files["a.txt"]', 'must not contain U+2028 (at index 1): a character YAML reads as a line break', '5 bytes')] },
  { name: 'U+2029 in a config env value', covers: ['Config', 'env'], build: (s) => { ok(s).envFromConfig(
    new Config(s, 'c', { env: { A: '\u2029' } }),
  ); },
    problems: [p('s/c', 'env["A"]', 'must not contain U+2029 (at index 0)', '\u2029')] },
  { name: 'U+0085 (NEL) in an argument', covers: ['Workload'], build: (s) => ok(s, 'w', { args: ['x\u0085'] }),
    problems: [p('s/w', 'args[0]', 'must not contain U+0085 (at index 1)', 'x\u0085')] },
  { name: 'a lone surrogate in an annotation', covers: ['labels'], build: (s) => ok(s, 'w', { annotations: { 'example.com/a': '\ud800' } }),
    problems: [p('s/w', 'annotations["example.com/a"]', 'a lone UTF-16 surrogate, which UTF-8 cannot hold', '\ud800')] },
  { name: 'U+2028 in a health command and a preStop hook', covers: ['health', 'lifecycle'],
    build: (s) => ok(s, 'w', { health: { check: HealthCheck.command(['test', '\u2028']) }, lifecycle: { preStop: ['\u2028'] } }),
    problems: [
      p('s/w', 'health.check.command[1]', 'must not contain U+2028', '\u2028'),
      p('s/w', 'lifecycle.preStop[0]', 'must not contain U+2028', '\u2028'),
    ] },
  { name: 'NUL in an env value and an argument (execve gets C strings)', covers: ['env'], build: (s) => ok(s, 'w', {
    args: ['a\0'],
    env: { V: '\0b' },
  }),
    problems: [p('s/w', 'args[0]', 'must not contain NUL (at index 1)', 'a\0'), p('s/w', 'env["V"]', 'must not contain NUL (at index 0)', '\0b')] },
  { name: 'a C1 control in a sidecar command', covers: ['sidecars'], build: (s) => ok(s, 'w', {
    sidecars: [{ name: 'x', image: BUSYBOX, command: ['\u0090'] }],
  }),
    problems: [p('s/w', 'sidecars[0].command[0]', 'must not contain U+0090 (at index 0)', '\u0090')] },

  // ------------------------------------------------------ one synth, many problems
  { name: 'COMBINED: problems in several stacks and constructs are reported together', covers: ['duplicates', 'references', 'strict'], strict: true,
    build: (s, app) => {
      const shop = new Stack(app, 'shop');
      const pw = Secret.fromExisting(s, 'pw');
      new Workload(shop, 'API', {
        image: 'Not An Image',
        replicas: -1,
        ports: [{ port: 0 }],
        resources: { memory: { request: '1.5 GB' } },
      }).envFromSecret(
        'PW',
        pw,
      );
      new Config(shop, 'cfg', { files: { 'a/b': 'x' } });
      new StatefulWorkload(shop, 'db', {
        image: 'postgres:16',
        ports: [{ port: 5432 }],
        rollout: { order: RolloutOrder.START_FIRST },
      }).mountPerReplicaVolume(
        '/data',
        'data',
        { size: '10Qi' },
      );
      new CronJob(s, 'report', { image: BUSYBOX, schedule: 'nightly' });
      ok(s, 'w', { ports: [{ port: 8080 }], health: { check: HealthCheck.http('/', { port: 8080 }), interval: '1s', timeout: '1500ms' } });
    },
    problems: [
      p('shop/API', 'name', NAME, 'API'),
      p('shop/API', 'image', IMAGE, 'Not An Image'),
      p('shop/API', 'replicas', 'must be a non-negative integer', -1),
      p('shop/API', 'ports[0].port', PORT, 0),
      p('shop/API', 'resources.memory.request', MEMORY, '1.5 GB'),
      p('shop/API', 'mounts[0].secret', 'must belong to the same stack (shop)', 's/pw'),
      p('shop/cfg', 'files["a/b"]', 'must be one path segment', 'a/b'),
      p('shop/db', 'perReplicaVolumes[0].size', MEMORY, '10Qi'),
      p('shop/db', 'rollout.order', 'must be STOP_FIRST for a StatefulWorkload', 'start-first'),
      p('s/report', 'schedule', 'must be a five-field cron expression', 'nightly'),
      p('s/report', 'schedule', 'has no swarm form: Swarm has no scheduler'),
      p('s/w', 'health.timeout', 'must be whole seconds, at least 1s', '1500ms'),
      p('s/w', 'health.check', `${STRICT}[swarm]`),
    ] },
];
