import { Config, Stack, Volume, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

describe('Stack → namespace, common labels, one chart', () => {
  test('a Namespace named after the stack; every other object sits in it', () => {
    const { app, stack } = newStack('shop');
    new Workload(stack, 'api', { image: 'ghcr.io/acme/api:1.0', ports: [{ port: 80 }] });
    new Volume(stack, 'data');
    const { kube } = renderChecked(app);
    const ns = findObject(kube, 'Namespace', 'shop');
    expect(ns.metadata.namespace).toBeUndefined();
    for (const o of kube.filter((x) => x.kind !== 'Namespace')) expect([o.kind, o.metadata.namespace]).toEqual([o.kind, 'shop']);
  });

  test('the namespace prop renames the namespace, not the stack', () => {
    const { app, stack } = newStack('shop', { namespace: 'shop-prod' });
    new Workload(stack, 'api', { image: 'ghcr.io/acme/api:1.0' });
    const { kube, files } = renderChecked(app);
    expect(kube.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['shop-prod']);
    expect(findObject(kube, 'Deployment', 'api').metadata.namespace).toBe('shop-prod');
    expect([...files.keys()]).toContain('kubernetes/shop/shop.k8s.yaml');
  });

  test('app.kubernetes.io/part-of and managed-by on every object; stack labels too', () => {
    const { app, stack } = newStack('shop', { labels: { team: 'payments' } });
    const cfg = new Config(stack, 'cfg', { env: { A: 'b' } });
    new Workload(stack, 'api', { image: 'ghcr.io/acme/api:1.0', ports: [{ port: 80 }] }).envFromConfig(cfg);
    const { kube } = renderChecked(app);
    expect(kube.map((o) => o.kind)).toEqual(['Namespace', 'ConfigMap', 'Service', 'Deployment']);
    for (const o of kube) {
      expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/managed-by': 'conductor', team: 'payments' });
    }
  });

  test('each stack is its own file and kustomization; the top kustomization lists them sorted', () => {
    const { app, stack } = newStack('zeta');
    new Workload(stack, 'a', { image: 'busybox:1.36' });
    new Workload(new Stack(app, 'alpha'), 'b', { image: 'busybox:1.36' });
    const { files } = renderChecked(app, 'alpha');
    expect([...files.keys()].filter((f) => f.startsWith('kubernetes/')).sort()).toEqual([
      'kubernetes/alpha/alpha.k8s.yaml', 'kubernetes/alpha/kustomization.yaml', 'kubernetes/kustomization.yaml',
      'kubernetes/zeta/kustomization.yaml', 'kubernetes/zeta/zeta.k8s.yaml',
    ]);
    expect(files.get('kubernetes/kustomization.yaml')).toContain('resources:\n  - alpha\n  - zeta\n');
    expect(files.get('kubernetes/alpha/kustomization.yaml')).toContain('resources:\n  - alpha.k8s.yaml\n');
  });
});
