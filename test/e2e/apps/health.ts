import { App, Config, FailureAction, HealthCheck, RestartCondition, RolloutOrder, Stack, Workload } from '../../../lib';
import { FAST_ROLLOUT, QUICK_STOP } from './common';
import { IMAGE_V1 } from './images';

export const HEALTH_STACK = 'e2e-health';

/**
 * Health checks: `healthy` passes; `sick` checks a page that does not exist
 * and must never count as ready; `guarded` rolls back on a failed update,
 * and `breakGuarded` is that failed update (its check starts to fail).
 */
export function defineHealth(app: App, breakGuarded = false): Stack {
  const stack = new Stack(app, HEALTH_STACK);
  const page = new Config(stack, 'page', { files: { 'index.html': 'ok\n' } });
  const server = (path: string) => ({
    image: IMAGE_V1,
    command: ['httpd', '-f', '-p', '8080', '-h', '/srv/www'],
    health: { check: HealthCheck.http(path, { port: 8080, swarmCommand: 'wget' }), interval: '1s', timeout: '1s', retries: 2 },
    lifecycle: QUICK_STOP,
    rollout: FAST_ROLLOUT,
  });
  new Workload(stack, 'healthy', server('/')).mountConfig(page, '/srv/www');
  new Workload(stack, 'sick', {
    ...server('/missing.html'),
    restartPolicy: { condition: RestartCondition.ANY, delay: '1s' },
  }).mountConfig(page, '/srv/www');
  new Workload(stack, 'guarded', {
    ...server(breakGuarded ? '/missing.html' : '/'),
    rollout: { order: RolloutOrder.START_FIRST, failureAction: FailureAction.ROLLBACK, monitor: '2s' },
  }).mountConfig(page, '/srv/www');
  return stack;
}

export function healthApp(breakGuarded = false): App {
  const app = new App({ outdir: 'unused' });
  defineHealth(app, breakGuarded);
  return app;
}
