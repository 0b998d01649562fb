import { Stack, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

describe('Stack → Swarm stack file', () => {
  test('one stack file per stack at swarm/<stack>/compose.yaml; service keys are the workload names', () => {
    const { app, stack } = newStack('shop');
    new Workload(stack, 'web', { image: 'busybox:1.36' });
    new Workload(stack, 'api', { image: 'busybox:1.36' });
    new Workload(new Stack(app, 'other'), 'web', { image: 'busybox:1.36' });
    const { compose, files } = renderChecked(app, 'shop');
    expect([...files.keys()].filter((f) => f.startsWith('swarm/')).sort()).toEqual(['swarm/other/compose.yaml', 'swarm/shop/compose.yaml']);
    expect(Object.keys(compose.services)).toEqual(['api', 'web']);
  });

  test('no version key, no networks: the stack\'s default network; nothing names the stack inside', () => {
    const { app, stack } = newStack('shop');
    new Workload(stack, 'web', { image: 'busybox:1.36' });
    const { compose, files } = renderChecked(app);
    expect(Object.keys(compose)).toEqual(['services']);
    expect(files.get('swarm/shop/compose.yaml')).not.toMatch(/shop/);
  });

  test('stack labels become service labels (deploy.labels)', () => {
    const { app, stack } = newStack('shop', { labels: { team: 'payments' } });
    new Workload(stack, 'web', { image: 'busybox:1.36', labels: { tier: 'front' } });
    const { compose } = renderChecked(app);
    expect(compose.services.web.deploy.labels).toEqual({ team: 'payments', tier: 'front' });
    expect(compose.services.web.labels).toEqual({ tier: 'front' });
  });

  test('the namespace prop is Kubernetes-only', () => {
    const { app, stack } = newStack('shop', { namespace: 'shop-prod' });
    new Workload(stack, 'web', { image: 'busybox:1.36' });
    expect(renderChecked(app).files.get('swarm/shop/compose.yaml')).not.toContain('shop-prod');
  });
});
