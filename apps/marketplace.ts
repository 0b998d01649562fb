import {
  App, Config, CronJob, CronJobOnSwarm, DaemonWorkload, Exposure, HealthCheck, Ingress, Job, Network, NodeRole, Secret, Stack,
  StatefulWorkload, Workload,
} from 'cdk8s-conductor';

/**
 * A marketplace that uses most of the model: a storefront, a checkout API,
 * a queue and a worker, a database with per-replica storage, a migration
 * job, a nightly report, and a log agent on every node. Two networks keep
 * the data tier away from the storefront; an Ingress routes the public host.
 */
export function defineMarketplace(app: App): Stack {
  // CPU requests are what each service needs at rest: together about 1 CPU, so the whole stack (and a
  // start-first rolling update) fits a 2-CPU node; the limits allow bursts. Swarm and Kubernetes both
  // refuse to place a task whose reservation no node can hold: it stays pending.
  const stack = new Stack(app, 'marketplace', { labels: { 'app.kubernetes.io/version': '2.3.0' } });
  const dbPassword = Secret.fromExisting(stack, 'postgres-password');
  // Only members of a shared network reach each other: the storefront reaches checkout, never the database.
  const backend = new Network(stack, 'backend');
  const frontend = new Network(stack, 'frontend');

  // The database: each replica keeps its own volume.
  const db = new StatefulWorkload(stack, 'postgres', {
    image: 'postgres:16.4-alpine',
    replicas: 1,
    ports: [{ port: 5432, name: 'postgres' }],
    env: { POSTGRES_USER: 'market', POSTGRES_DB: 'market', PGDATA: '/var/lib/postgresql/data/pgdata' },
    security: { user: 70, group: 70 },
    health: { check: HealthCheck.command(['pg_isready', '-U', 'market']), interval: '10s', timeout: '5s', startPeriod: '30s' },
    resources: { cpu: { request: '250m', limit: '2' }, memory: { request: '512Mi', limit: '1Gi' } },
    lifecycle: { stopGracePeriod: '60s' },
    // Swarm constraints take label keys without a "/" prefix (swarmkit), so a plain key.
    placement: { nodeLabels: { storage: 'ssd' } },
    networks: [backend],
  });
  db.mountPerReplicaVolume('/var/lib/postgresql/data', 'data', { size: '20Gi' })
    .envFromSecret('POSTGRES_PASSWORD', dbPassword)
    .mountScratch('/var/run/postgresql')
    .mountScratch('/tmp');

  // The queue: one NATS server with JetStream on its own volume. (Three replicas would be three separate
  // servers, each with its own streams: a NATS cluster needs routes and a unique name per server.)
  const queue = new StatefulWorkload(stack, 'queue', {
    // nats:2.10-alpine plus `/data` owned by 10001:10001. Swarm creates a volume owned by root and copies only
    // the owner of the image's own directory into it; nats:2.10-alpine has no /data. (Kubernetes: fsGroup.)
    image: 'ghcr.io/acme/nats-jetstream:2.10.22',
    replicas: 1,
    args: ['--jetstream', '--store_dir', '/data', '--http_port', '8222'],
    ports: [{ port: 4222, name: 'client' }, { port: 8222, name: 'monitor' }],
    health: { check: HealthCheck.http('/healthz', { port: 8222, swarmCommand: 'wget' }), interval: '10s', timeout: '3s' },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '128Mi', limit: '256Mi' } },
    placement: { spreadBy: ['topology.kubernetes.io/zone'] },
    networks: [backend],
  });
  queue.mountPerReplicaVolume('/data', 'jetstream', { size: '5Gi' });

  const apiConfig = new Config(stack, 'checkout-config', {
    env: { DATABASE_HOST: 'postgres', DATABASE_NAME: 'market', DATABASE_USER: 'market', QUEUE_URL: 'nats://queue:4222', LOG_FORMAT: 'json' },
  });

  // Schema migrations run once per deployment, before the API needs them.
  const migrate = new Job(stack, 'migrate', {
    image: 'ghcr.io/acme/checkout:3.1.0',
    args: ['migrate', 'up'],
    retries: 2,
    activeDeadline: '10m',
    networks: [backend],
    resources: { cpu: { request: '50m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });
  migrate.envFromConfig(apiConfig).envFromSecret('DATABASE_PASSWORD', dbPassword);

  const checkout = new Workload(stack, 'checkout', {
    image: 'ghcr.io/acme/checkout:3.1.0',
    args: ['serve'],
    // Kubernetes scales it between 3 and 10 on CPU; Swarm runs 3 (a warning says so).
    autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 },
    disruptionBudget: { minAvailable: 2 },
    ports: [{ port: 8080, name: 'http' }],
    health: { check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'wget' }), interval: '5s', timeout: '2s', startPeriod: '20s' },
    resources: { cpu: { request: '100m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
    rollout: { parallelism: 1, delay: '10s' },
    placement: { spreadBy: ['topology.kubernetes.io/zone'] },
    networks: [backend, frontend],
  });
  checkout.envFromConfig(apiConfig).envFromSecret('DATABASE_PASSWORD', dbPassword).mountScratch('/tmp');

  const worker = new Workload(stack, 'worker', {
    image: 'ghcr.io/acme/checkout:3.1.0',
    args: ['work', '--queue', 'orders'],
    replicas: 2,
    resources: { cpu: { request: '100m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
    lifecycle: { stopGracePeriod: '45s' },
    networks: [backend],
  });
  worker.envFromConfig(apiConfig).envFromSecret('DATABASE_PASSWORD', dbPassword).mountScratch('/tmp');

  const storefront = new Workload(stack, 'storefront', {
    image: 'ghcr.io/acme/storefront:5.0.1',
    replicas: 2,
    env: { CHECKOUT_URL: 'http://checkout:8080' },
    ports: [{ port: 80, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER }],
    health: { check: HealthCheck.http('/', { port: 8080, swarmCommand: 'wget' }) },
    resources: { cpu: { request: '50m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
    networks: [frontend],
  }).mountScratch('/tmp');

  // The public host. Kubernetes: an Ingress for the cluster's controller. Swarm: Traefik labels (a warning says a Traefik must run).
  new Ingress(stack, 'public', {
    className: 'nginx',
    rules: [{ host: 'shop.example.com', workload: storefront }],
    tls: { secret: Secret.fromExisting(stack, 'shop-example-com-tls'), hosts: ['shop.example.com'] },
  });

  // A nightly report: a CronJob on Kubernetes; on Swarm, started by crazy-max/swarm-cronjob.
  const report = new CronJob(stack, 'nightly-report', {
    image: 'ghcr.io/acme/checkout:3.1.0',
    args: ['report', '--yesterday'],
    schedule: '30 2 * * *',
    retries: 1,
    onSwarm: CronJobOnSwarm.SWARM_CRONJOB,
    networks: [backend],
    resources: { cpu: { request: '50m' }, memory: { request: '128Mi', limit: '256Mi' } },
  });
  report.envFromConfig(apiConfig).envFromSecret('DATABASE_PASSWORD', dbPassword);

  // A log agent on every worker node.
  new DaemonWorkload(stack, 'log-agent', {
    image: 'fluent/fluent-bit:3.1.9',
    resources: { cpu: { request: '50m', limit: '200m' }, memory: { request: '32Mi', limit: '64Mi' } },
    placement: { nodeRole: NodeRole.WORKER },
  });
  return stack;
}
