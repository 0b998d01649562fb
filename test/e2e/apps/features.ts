import {
  AccessMode, App, Config, CronJob, CronJobOnSwarm, DaemonWorkload, Exposure, HealthCheck, Job, NodeRole, PublishMode, RestartCondition,
  RolloutOrder, Secret, Stack, StatefulWorkload, Swarm, Volume, Workload,
} from '../../../lib';
import { FAST_ROLLOUT, IDLE, QUICK_STOP, TOKEN_SECRET } from './common';
import { IMAGE_V1 } from './images';

export const FEATURES_STACK = 'e2e-app';

/** Env values that look like Swarm Go templates (or break one): each must reach the container as written. */
export const LITERAL_ENV = { TEMPLATE: '{{.Task.Slot}}', UNBALANCED: 'x{{y', BOTH: '{{ "$HOME" }} }} {{{', DOLLAR: '$HOME ${X}' };

/** A scratch mount whose path looks like a Swarm template: the directory must be named as written. */
export const LITERAL_MOUNT = '/scratch/{{.Task.Slot}}';

/** Node label the placement constraint asks for; the suite puts it on its one node. */
export const ZONE_LABEL = 'e2e.zone';

/**
 * Every feature the library renders for a Swarm service, in one stack of
 * busybox services. `generation` changes the web page (a config file), the
 * app settings (a single-file config) and an env entry of the stateful
 * workload: deploying generation 2 over 1 is the config-change rollout.
 */
export function defineFeatures(app: App, generation = 1): Stack {
  const stack = new Stack(app, FEATURES_STACK, { labels: { 'e2e.conductor/suite': 'swarm' } });

  const site = new Config(stack, 'site', {
    files: { 'index.html': `<h1>generation ${generation}</h1>\n`, 'about.txt': 'served by busybox httpd\n' },
    env: { GREETING: 'hello from a config', SHARED: 'from the config' },
  });
  const settings = new Config(stack, 'settings', {
    files: { 'app.conf': `generation=${generation}\nlevel=debug\n`, 'unused.conf': 'not mounted\n' },
  });
  const token = Secret.fromExisting(stack, TOKEN_SECRET);
  const plain = Secret.unsafePlaintext(stack, 'plain', { value: 'plain-value', acknowledge: 'the value is written to dist in plaintext' });
  // Mounted by the web replicas and the job: the e2e Swarm has one node, whose local volumes every task shares
  // (stated with sharedDriver; ReadWriteMany for the Kubernetes half, see docs/runtime-checks.md).
  const data = new Volume(stack, 'data', { accessMode: AccessMode.READ_WRITE_MANY, sharedDriver: true });
  const cache = new Volume(stack, 'cache', {
    accessMode: AccessMode.READ_WRITE_MANY, sharedDriver: true, driverOptions: { type: 'tmpfs', device: 'tmpfs', o: 'size=8m,uid=10001' },
  });

  const web = new Workload(stack, 'web', {
    image: IMAGE_V1,
    replicas: 2,
    command: ['httpd'],
    args: ['-f', '-p', '8080', '-h', '/srv/www'],
    workingDir: '/srv/www',
    // Values literal on both targets: Swarm would expand Go templates, and refuse an unbalanced "{{".
    env: { MODE: 'e2e', SHARED: 'the literal wins', ...LITERAL_ENV },
    labels: { 'e2e.conductor/role': 'web' },
    annotations: { 'e2e.conductor/note': 'deployed by the e2e suite' },
    ports: [
      { port: 18080, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER },
      { port: 8081, name: 'admin', exposure: Exposure.NODE_PORT, nodePort: 30081 },
      // A node port without a number: Swarm allocates one.
      { port: 8082, name: 'alloc', exposure: Exposure.NODE_PORT },
      { port: 9090, name: 'metrics' },
    ],
    health: { check: HealthCheck.http('/', { port: 8080, swarmCommand: 'wget' }), interval: '1s', timeout: '1s', retries: 3 },
    resources: { cpu: { request: '10m', limit: '500m' }, memory: { request: '16Mi', limit: '64Mi' } },
    security: { addCapabilities: ['NET_BIND_SERVICE'] },
    rollout: { order: RolloutOrder.START_FIRST, parallelism: 1, monitor: '1s' },
    lifecycle: { stopGracePeriod: '2s', stopSignal: 'SIGTERM' },
    placement: { nodeRole: NodeRole.MANAGER, nodeLabels: { [ZONE_LABEL]: 'a' }, spreadBy: [ZONE_LABEL] },
    sidecars: [{ name: 'logger', image: IMAGE_V1, command: IDLE }],
  });
  web.mountConfig(site, '/srv/www')
    .mountConfig(settings, '/etc/app/app.conf', { file: 'app.conf' })
    .envFromConfig(site)
    .envFromSecret('API_TOKEN', token)
    .mountSecret(plain, { path: '/etc/creds/plain' })
    .mountVolume('/data', data)
    .mountVolume('/data-ro', data, { readOnly: true })
    .mountVolume('/cache', cache)
    .mountScratch('/tmp', { sizeLimit: '16Mi' })
    .mountScratch(LITERAL_MOUNT);
  Swarm.override(web, { labels: { 'e2e.conductor/override': 'applied' } });

  new DaemonWorkload(stack, 'agent', {
    image: IMAGE_V1,
    command: IDLE,
    // Host mode: bound on the node running the task, one task per node.
    ports: [{ port: 9100, name: 'node-metrics', exposure: Exposure.NODE_PORT, nodePort: 30100, publishMode: PublishMode.HOST }],
    restartPolicy: { condition: RestartCondition.ON_FAILURE, delay: '1s', maxAttempts: 5, window: '10s' },
    rollout: FAST_ROLLOUT,
    lifecycle: QUICK_STOP,
  });

  new Job(stack, 'migrate', {
    image: IMAGE_V1,
    command: ['sh', '-c', 'echo "migrated by $(id -u)" > /data/migrated'],
    completions: 2,
  }).mountVolume('/data', data);

  const ledger = new StatefulWorkload(stack, 'ledger', {
    image: IMAGE_V1,
    replicas: 2,
    ports: [{ port: 7000 }],
    // Each start appends a line to the replica's own volume; the slot comes from a Swarm template.
    command: ['sh', '-c', 'echo "slot $SLOT generation $GENERATION" >> /data/history && exec httpd -f -p 7000 -h /data'],
    env: { GENERATION: String(generation) },
    rollout: FAST_ROLLOUT,
    lifecycle: QUICK_STOP,
  });
  // Swarm's Go templates on purpose: through the escape hatch only (Conductor's own values are literal).
  Swarm.override(ledger, { environment: { SLOT: '{{.Task.Slot}}' } });
  // The image holds /data owned by 10001 (Docker copies that into the new volume) but no /fresh: a root-owned volume
  // the app cannot write to, which the stack's summary says before deploying (lib/swarm/volume-ownership.ts).
  ledger.mountPerReplicaVolume('/data', 'state').mountPerReplicaVolume('/fresh', 'fresh');

  new CronJob(stack, 'nightly', {
    image: IMAGE_V1,
    command: ['true'],
    schedule: '0 3 * * *',
    onSwarm: CronJobOnSwarm.SWARM_CRONJOB,
  });
  return stack;
}

export function featuresApp(generation = 1): App {
  const app = new App({ outdir: 'unused' });
  defineFeatures(app, generation);
  return app;
}
