import { HealthCheck, Workload } from '../../lib';
import type { HealthProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

function container(health: HealthProps) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', health });
  return findObject(renderChecked(app).kube, 'Deployment', 'w').spec.template.spec.containers[0];
}

describe('health → readiness + liveness (+ startup) probes', () => {
  test('http: httpGet on the container port; defaults 10s / 5s / 3; readiness and liveness alike', () => {
    const c = container({ check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'wget' }) });
    const probe = { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
    expect(c.readinessProbe).toEqual(probe);
    expect(c.livenessProbe).toEqual(probe);
    expect(c.startupProbe).toBeUndefined();
  });

  test('tcp: tcpSocket', () => {
    const c = container({ check: HealthCheck.tcp(5432, { swarmCommand: 'nc' }), interval: '20s', timeout: '2s', retries: 5 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 5432 }, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 5 });
    expect(c.livenessProbe).toEqual(c.readinessProbe);
  });

  test('command: exec', () => {
    const c = container({ check: HealthCheck.command(['pg_isready', '-U', 'shop']), interval: '1m', timeout: '30s', retries: 1 });
    expect(c.livenessProbe).toEqual({ exec: { command: ['pg_isready', '-U', 'shop'] }, periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 1 });
  });

  test('startPeriod → a startup probe allowing ceil(startPeriod / interval) + retries failures', () => {
    const c = container({ check: HealthCheck.command(['true']), interval: '10s', startPeriod: '45s', retries: 2 });
    expect(c.startupProbe).toEqual({ exec: { command: ['true'] }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 7 });
    expect(c.readinessProbe.failureThreshold).toBe(2);
  });

  test('startPeriod "0s" means no startup probe', () => {
    expect(container({ check: HealthCheck.command(['true']), startPeriod: '0s' }).startupProbe).toBeUndefined();
  });

  test('no health check: no probes', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' });
    const c = findObject(renderChecked(app).kube, 'Deployment', 'w').spec.template.spec.containers[0];
    expect([c.readinessProbe, c.livenessProbe, c.startupProbe]).toEqual([undefined, undefined, undefined]);
  });
});
