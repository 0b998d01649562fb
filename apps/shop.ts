import {
  AccessMode, App, Config, Exposure, HealthCheck, RolloutOrder, Secret, Stack, Volume, Workload,
} from 'cdk8s-conductor';

/**
 * A multi-tier shop: a web front, an API, a Redis cache, and a PostgreSQL
 * database with a persistent volume, a config and a secret.
 */
export function defineShop(app: App): Stack {
  const shop = new Stack(app, 'shop');

  const dbPassword = Secret.fromExisting(shop, 'db-password');
  const data = new Volume(shop, 'pg-data', { size: '10Gi', accessMode: AccessMode.READ_WRITE_ONCE });

  const db = new Workload(shop, 'db', {
    image: 'postgres:16.4-alpine',
    ports: [{ port: 5432, name: 'postgres' }],
    env: { POSTGRES_USER: 'shop', POSTGRES_DB: 'shop', PGDATA: '/var/lib/postgresql/data/pgdata' },
    // postgres runs as its own uid 70 in the alpine image.
    security: { user: 70, group: 70 },
    health: { check: HealthCheck.command(['pg_isready', '-U', 'shop']), interval: '10s', timeout: '5s', startPeriod: '30s' },
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
    rollout: { order: RolloutOrder.STOP_FIRST },
  });
  db.mountVolume('/var/lib/postgresql/data', data)
    .envFromSecret('POSTGRES_PASSWORD', dbPassword)
    .mountScratch('/var/run/postgresql')
    .mountScratch('/tmp');

  // A cache only: nothing is saved, so it needs no volume and runs under a read-only root as the default user.
  new Workload(shop, 'cache', {
    image: 'redis:7.2-alpine',
    args: ['--save', '', '--appendonly', 'no', '--maxmemory', '96mb', '--maxmemory-policy', 'allkeys-lru'],
    ports: [{ port: 6379, name: 'redis' }],
    health: { check: HealthCheck.command(['redis-cli', 'ping']), interval: '10s', timeout: '3s' },
    resources: { cpu: { request: '50m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });

  const apiConfig = new Config(shop, 'api-config', {
    env: { LOG_LEVEL: 'info', DB_HOST: 'db', DB_PORT: '5432', DB_NAME: 'shop', REDIS_HOST: 'cache', REDIS_PORT: '6379' },
    files: { 'features.json': '{\n  "checkout": true,\n  "recommendations": false\n}\n' },
  });
  const api = new Workload(shop, 'api', {
    image: 'ghcr.io/acme/shop-api:1.4.2',
    replicas: 3,
    ports: [{ port: 8080, name: 'http' }],
    health: { check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'curl' }), interval: '10s', timeout: '2s', retries: 3 },
    resources: { cpu: { request: '200m', limit: '1' }, memory: { request: '128Mi', limit: '256Mi' } },
    rollout: { order: RolloutOrder.START_FIRST, parallelism: 1, delay: '5s' },
  });
  api.envFromConfig(apiConfig)
    .mountConfig(apiConfig, '/etc/shop')
    .envFromSecret('DB_PASSWORD', dbPassword)
    .mountScratch('/tmp');

  const webConfig = new Config(shop, 'web-config', {
    files: {
      'default.conf': [
        'server {',
        '  listen 8080;',
        '  location /api/ { proxy_pass http://api:8080/; }',
        '  location / { root /usr/share/nginx/html; }',
        '}',
        '',
      ].join('\n'),
    },
  });
  const web = new Workload(shop, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    replicas: 2,
    ports: [{ port: 80, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER }],
    health: { check: HealthCheck.http('/', { port: 8080, swarmCommand: 'wget' }) },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });
  web.mountConfig(webConfig, '/etc/nginx/conf.d/default.conf', { file: 'default.conf' })
    .mountScratch('/tmp')
    .mountScratch('/var/cache/nginx');
  return shop;
}
