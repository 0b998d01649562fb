import { App, Config, HealthCheck, Job, Secret, Stack, Workload } from '../../../lib';
import { FAST_ROLLOUT, IDLE, QUICK_STOP } from './common';
import { IMAGE_V1 } from './images';

export const DELIVER_STACK = 'e2e-deliver';
/** The external secret the stack needs; the scenario creates it after the preflight refusal. */
export const DELIVER_SECRET = 'e2e-deliver-token';

/**
 * The versions of the app the delivery scenario deploys, in order:
 * - `v1`: `web` (httpd serving a config page "v1", health-checked), `worker` (idle, with the external secret)
 *   and `migrate`, a job that takes 2 seconds (deploy waits for its completion);
 * - `v2`: the page says "v2" (a config change: a new content-hashed config, web rolls);
 * - `broken`: web's health check fails (a page that does not exist) and worker gets a healthy change (VERSION=2).
 */
export type DeliverVariant = 'v1' | 'v2' | 'broken';

export function defineDeliver(app: App, variant: DeliverVariant): Stack {
  const stack = new Stack(app, DELIVER_STACK);
  const page = new Config(stack, 'page', { files: { 'index.html': variant === 'v1' ? 'v1\n' : 'v2\n' } });
  new Workload(stack, 'web', {
    image: IMAGE_V1,
    command: ['httpd', '-f', '-p', '8080', '-h', '/srv/www'],
    health: {
      check: HealthCheck.http(variant === 'broken' ? '/missing.html' : '/', { port: 8080, swarmCommand: 'wget' }),
      interval: '1s',
      timeout: '1s',
      retries: 2,
    },
    lifecycle: QUICK_STOP,
    // Swarm's default failure action, pause: Conductor, not Swarm, rolls the stack back.
    rollout: { ...FAST_ROLLOUT, monitor: '3s' },
  }).mountConfig(page, '/srv/www');
  new Workload(stack, 'worker', {
    image: IMAGE_V1,
    command: IDLE,
    env: { VERSION: variant === 'broken' ? '2' : '1' },
    lifecycle: QUICK_STOP,
    rollout: FAST_ROLLOUT,
  }).envFromSecret('TOKEN', Secret.fromExisting(stack, DELIVER_SECRET));
  new Job(stack, 'migrate', { image: IMAGE_V1, command: ['sh', '-c', 'sleep 2; echo migrated'], lifecycle: QUICK_STOP });
  return stack;
}

/** The app file `conductor deploy --app` runs: the variant comes from DELIVER_VARIANT. */
export function deliverAppSource(): string {
  const lib = require.resolve('../../../lib');
  return [
    `import { App } from ${JSON.stringify(lib.replace(/\.ts$/, ''))};`,
    `import { defineDeliver, DeliverVariant } from ${JSON.stringify(__filename.replace(/\.ts$/, ''))};`,
    `const app = new App({ outdir: 'dist' });`,
    `defineDeliver(app, (process.env.DELIVER_VARIANT ?? 'v1') as DeliverVariant);`,
    'app.synth();',
    '',
  ].join('\n');
}
