import {
  AccessMode, App, Config, Exposure, FailureAction, HealthCheck, PublishMode, RolloutOrder, Secret, Stack, Swarm, Volume, Workload,
} from '../../lib';
import { renderChecked, stackConfig } from '../support/oracle';
import { newStack } from '../support/synth';

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
      size: '5Gi', accessMode: AccessMode.READ_WRITE_MANY, driver: 'local', driverOptions: { type: 'nfs', o: 'addr=10.0.0.5,rw', device: ':/exports/data' },
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
      health: { check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'curl' }), interval: '15s', timeout: '3s', retries: 4, startPeriod: '1m30s' },
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
