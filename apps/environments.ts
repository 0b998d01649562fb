import { Construct } from 'constructs';
import {
  App, Config, Environment, Exposure, HealthCheck, ResourcesProps, Stack, StackProps, Workload,
} from 'cdk8s-conductor';

/**
 * One app definition, several environments.
 *
 * What differs between `dev` and `prod` is plain data: the constructor
 * props of the stack. Each environment is an `Environment` scope in the
 * App and renders to its own directory, `dist/<env>/` (Kubernetes, Swarm
 * and `<stack>.md`), fully rendered: the prod diff of a pull request shows
 * exactly what changes in prod. `conductor synth --env prod` rewrites only
 * `dist/prod/`.
 */
export interface CatalogProps extends StackProps {
  /** Image tag of the catalog web app. */
  readonly version: string;
  readonly replicas: number;
  /** Public host name. (Ingress by host comes with issue 4; until then the app gets it as config.) */
  readonly host: string;
  readonly resources: ResourcesProps;
  readonly logLevel: 'debug' | 'info';
}

/** A product catalog: a web app and its cache. */
export class Catalog extends Stack {
  constructor(scope: Construct, id: string, props: CatalogProps) {
    super(scope, id, props);
    const config = new Config(this, 'catalog-config', {
      env: { PUBLIC_URL: `https://${props.host}/`, LOG_LEVEL: props.logLevel, CACHE_URL: 'redis://cache:6379' },
    });
    const web = new Workload(this, 'web', {
      image: `ghcr.io/acme/catalog:${props.version}`,
      replicas: props.replicas,
      ports: [{ port: 80, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER }],
      health: { check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'wget' }) },
      resources: props.resources,
    });
    web.envFromConfig(config).mountScratch('/tmp');

    const cache = new Workload(this, 'cache', {
      image: 'redis:7.2-alpine',
      args: ['redis-server', '--save', '', '--appendonly', 'no'],
      ports: [{ port: 6379, name: 'redis' }],
      health: { check: HealthCheck.command(['redis-cli', 'ping']) },
      resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '32Mi', limit: '64Mi' } },
    });
    cache.mountScratch('/data');
  }
}

/** The environments and what differs between them. */
export const CATALOG_ENVIRONMENTS: Readonly<Record<string, CatalogProps>> = {
  dev: {
    version: '2.4.0-rc.1',
    replicas: 1,
    host: 'catalog.dev.example.com',
    logLevel: 'debug',
    resources: { cpu: { request: '50m', limit: '500m' }, memory: { request: '64Mi', limit: '256Mi' } },
    labels: { 'acme.example/environment': 'dev' },
  },
  prod: {
    version: '2.3.7',
    replicas: 4,
    host: 'catalog.example.com',
    logLevel: 'info',
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
    labels: { 'acme.example/environment': 'prod' },
  },
};

/** Adds the catalog stack to every environment: dist/dev/..., dist/prod/... */
export function defineEnvironments(app: App): void {
  for (const [env, props] of Object.entries(CATALOG_ENVIRONMENTS)) {
    new Catalog(new Environment(app, env), 'catalog', props);
  }
}
