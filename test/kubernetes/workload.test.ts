import { Secret, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

function deployment(build: (stack: ReturnType<typeof newStack>['stack']) => void) {
  const { app, stack } = newStack('s');
  build(stack);
  return findObject(renderChecked(app).kube, 'Deployment', 'w');
}

describe('Workload → Deployment', () => {
  test('image, command → command, args → args, workingDir, one container "main"', () => {
    const d = deployment((s) => new Workload(s, 'w', { image: 'ghcr.io/acme/api:1.4.2', command: ['/bin/api'], args: ['--port', '8080'], workingDir: '/srv' }));
    const [c] = d.spec.template.spec.containers;
    expect(c).toMatchObject({ name: 'main', image: 'ghcr.io/acme/api:1.4.2', command: ['/bin/api'], args: ['--port', '8080'], workingDir: '/srv' });
    expect(d.spec.template.spec.containers).toHaveLength(1);
  });

  test('without command, args or workingDir the image defaults stay (fields absent)', () => {
    const [c] = deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36' })).spec.template.spec.containers;
    expect(c.command).toBeUndefined();
    expect(c.args).toBeUndefined();
    expect(c.workingDir).toBeUndefined();
    expect(c.env).toBeUndefined();
  });

  test('replicas default to 1; the replicas prop and scale() set spec.replicas', () => {
    expect(deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36' })).spec.replicas).toBe(1);
    expect(deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36', replicas: 3 })).spec.replicas).toBe(3);
    expect(deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36', replicas: 3 }).scale(5)).spec.replicas).toBe(5);
    expect(deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36', replicas: 3 }).scale(0)).spec.replicas).toBe(0);
  });

  test('env is sorted by name, literal and secret entries together', () => {
    const d = deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36', env: { ZED: 'z', ALPHA: 'a', ON: 'yes' } })
      .addEnv('MIDDLE', 'm').envFromSecret('BETA', Secret.fromExisting(s, 'pw')));
    expect(d.spec.template.spec.containers[0].env).toEqual([
      { name: 'ALPHA', value: 'a' },
      { name: 'BETA', valueFrom: { secretKeyRef: { name: 'pw', key: 'value' } } },
      { name: 'MIDDLE', value: 'm' },
      { name: 'ON', value: 'yes' },
      { name: 'ZED', value: 'z' },
    ]);
  });

  test.each([
    ['busybox:1.36', 'IfNotPresent'],
    ['ghcr.io/acme/api:1.4.2', 'IfNotPresent'],
    ['localhost:5000/api:2', 'IfNotPresent'],
    ['busybox@sha256:' + 'a'.repeat(64), 'IfNotPresent'],
    ['busybox', 'Always'],
    ['busybox:latest', 'Always'],
    ['localhost:5000/api', 'Always'],
  ])('imagePullPolicy for %s is %s (the Kubernetes default, not cdk8s-plus\'s Always)', (image, policy) => {
    expect(deployment((s) => new Workload(s, 'w', { image })).spec.template.spec.containers[0].imagePullPolicy).toBe(policy);
  });

  test('no service-account token is mounted; no cdk8s-plus default resources', () => {
    const d = deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36' }));
    expect(d.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(d.spec.template.spec.containers[0].resources).toBeUndefined();
  });

  test('a workload without ports has no Service', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' });
    expect(renderChecked(app).kube.filter((o) => o.kind === 'Service')).toEqual([]);
  });
});
