import { AccessMode, App, Config, Exposure, FailureAction, HealthCheck, PublishMode, RolloutOrder, Secret, Stack, Swarm, Volume, Workload } from '../../lib';
import { renderChecked, stackConfig } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

// ---- Kubernetes output
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

// ---- Swarm output
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

/** `docker stack config` (the docker CLI's own loader) on representative outputs. */
function expectLoads(app: App, stackName: string): string {
  const { files } = renderChecked(app, stackName);
  const r = stackConfig(files, stackName);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  return r.stdout;
}

describe('docker stack config accepts the output', () => {
  test('a workload using every mapped feature', () => {
    const { app, stack } = newStack('full', { labels: { team: 'core' } });
    const cfg = new Config(stack, 'cfg', { files: { 'app.conf': 'a=1\n', 'extra.json': '{}\n' }, env: { LOG_LEVEL: 'info' } });
    const pw = Secret.fromExisting(stack, 'db-password', { key: 'password' });
    const token = Secret.unsafePlaintext(stack, 'token', { value: 't0k3n', acknowledge: 'the value is written to dist in plaintext' });
    // Mounted by 3 replicas: a volume that really shares (docs/runtime-checks.md), an NFS export on Swarm.
    const data = new Volume(stack, 'data', {
      size: '5Gi', accessMode: AccessMode.READ_WRITE_MANY, driver: 'local', driverOptions: {
        type: 'nfs',
        o: 'addr=10.0.0.5,rw',
        device: ':/exports/data',
      },
    });
    new Workload(stack, 'api', {
      image: 'ghcr.io/acme/api:1.4.2',
      replicas: 3,
      command: ['/bin/api'],
      args: ['--verbose'],
      workingDir: '/srv',
      env: { ON: 'yes', PORT: '8080' },
      ports: [
        { port: 9090, name: 'metrics' },
        { port: 80, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER },
        { port: 2222, targetPort: 22, name: 'ssh', exposure: Exposure.NODE_PORT, nodePort: 30022, publishMode: PublishMode.HOST },
        { port: 53, protocol: 'udp', exposure: Exposure.NODE_PORT },
      ],
      health: {
        check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'curl' }),
        interval: '15s',
        timeout: '3s',
        retries: 4,
        startPeriod: '1m30s',
      },
      resources: { cpu: { request: '250m', limit: '1.5' }, memory: { request: '128Mi', limit: '1Gi' } },
      rollout: { order: RolloutOrder.STOP_FIRST, parallelism: 2, delay: '10s', failureAction: FailureAction.ROLLBACK, monitor: '1m' },
      security: { user: 1000, group: 50, addCapabilities: ['NET_BIND_SERVICE'] },
      labels: { tier: 'back' },
      annotations: { 'example.com/docs': 'https://example.com' },
    })
      .envFromConfig(cfg)
      .mountConfig(cfg, '/etc/api')
      .mountConfig(cfg, '/etc/app.conf', { file: 'app.conf' })
      .envFromSecret('DB_PASSWORD', pw)
      .mountSecret(token, { path: '/etc/token' })
      .mountVolume('/data', data)
      .mountScratch('/tmp', { sizeLimit: '64Mi' });
    const loaded = expectLoads(app, 'full');
    // The loader read the values as the types Swarm needs.
    expect(loaded).toContain('user: "1000:50"');
    expect(loaded).toMatch(/cpus: "1\.5"/);
  });

  test('a minimal workload with the secure defaults', () => {
    const { app, stack } = newStack('mini');
    new Workload(stack, 'w', { image: 'busybox' });
    expectLoads(app, 'mini');
  });

  test('escape-hatch output and a second stack', () => {
    const { app, stack } = newStack('one');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36', ports: [{ port: 80, exposure: Exposure.LOAD_BALANCER }] });
    Swarm.override(w, { deploy: { mode: 'replicated', endpoint_mode: 'vip' }, stop_grace_period: '30s' });
    new Workload(new Stack(app, 'two'), 'w', { image: 'busybox:1.36' }).mountScratch('/tmp');
    expectLoads(app, 'one');
    expectLoads(app, 'two');
  });
});
