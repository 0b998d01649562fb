import { App, HealthCheck, RolloutOrder, Stack, Workload } from '../../../lib';
import { IDLE, QUICK_STOP } from './common';

export const ROLLOUT_STACK = 'e2e-rollout';

/**
 * Rolling updates from one image tag to another: `surge` starts new
 * replicas before stopping old ones, two at a time; `replace` stops first,
 * one at a time. Both are health-checked, so a new replica counts only once
 * healthy.
 */
export function defineRollout(app: App, image: string): Stack {
  const stack = new Stack(app, ROLLOUT_STACK);
  const common = {
    image,
    command: IDLE,
    health: { check: HealthCheck.command(['test', '-f', '/etc/image-version']), interval: '1s', timeout: '1s', retries: 2 },
    lifecycle: QUICK_STOP,
  };
  new Workload(stack, 'surge', {
    ...common,
    replicas: 4,
    rollout: { order: RolloutOrder.START_FIRST, parallelism: 2, delay: '1s', monitor: '1s' },
  });
  new Workload(stack, 'replace', {
    ...common,
    replicas: 2,
    rollout: { order: RolloutOrder.STOP_FIRST, parallelism: 1, delay: '1s', monitor: '1s' },
  });
  return stack;
}

export function rolloutApp(image: string): App {
  const app = new App({ outdir: 'unused' });
  defineRollout(app, image);
  return app;
}
