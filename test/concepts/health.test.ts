import { App, HealthCheck, Stack, Workload } from '../../lib';
import type { HealthProps, WorkloadProps } from '../../lib';
import { InvalidCase, problemsOf, renderChecked, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';
import { BUSYBOX, warningsOf } from '../support/warnings';

// ---- Kubernetes output
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

// ---- Swarm output
function swarmHealth(health: HealthProps) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', health });
  const { compose, out } = renderChecked(app);
  return { healthcheck: compose.services.w.healthcheck, gaps: out.gaps };
}

describe('health → healthcheck (a command run in the container)', () => {
  test('http by default: wget, with a warning that the image needs wget', () => {
    const { healthcheck, gaps } = swarmHealth({ check: HealthCheck.http('/healthz', { port: 8080 }) });
    expect(healthcheck).toEqual({ test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/healthz'], interval: '10s', timeout: '5s', retries: 3 });
    expect(gaps).toEqual([expect.objectContaining({ path: 's/w', field: 'health.check', target: 'swarm', severity: 'warning' })]);
    expect(gaps[0].message).toContain('must have wget');
  });

  test('http with swarmCommand wget: the same command, no warning', () => {
    const { healthcheck, gaps } = swarmHealth({ check: HealthCheck.http('/', { port: 80, swarmCommand: 'wget' }) });
    expect(healthcheck!.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:80/']);
    expect(gaps).toEqual([]);
  });

  test('http with swarmCommand curl', () => {
    const { healthcheck, gaps } = swarmHealth({ check: HealthCheck.http('/ready?full=1', { port: 9000, swarmCommand: 'curl' }) });
    expect(healthcheck!.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1:9000/ready?full=1']);
    expect(gaps).toEqual([]);
  });

  test('http with a custom command', () => {
    const { healthcheck, gaps } = swarmHealth({ check: HealthCheck.http('/', { port: 80, swarmCommand: ['/app/healthcheck', '--port', '80'] }) });
    expect(healthcheck!.test).toEqual(['CMD', '/app/healthcheck', '--port', '80']);
    expect(gaps).toEqual([]);
  });

  test('tcp: nc -z (with a warning unless chosen), or a custom command', () => {
    const byDefault = swarmHealth({ check: HealthCheck.tcp(5432) });
    expect(byDefault.healthcheck!.test).toEqual(['CMD', 'nc', '-z', '127.0.0.1', '5432']);
    expect(byDefault.gaps.map((g) => [g.field, g.target])).toEqual([['health.check', 'swarm']]);
    expect(byDefault.gaps[0].message).toContain('must have nc');
    expect(swarmHealth({ check: HealthCheck.tcp(5432, { swarmCommand: 'nc' }) }).gaps).toEqual([]);
    expect(swarmHealth({ check: HealthCheck.tcp(5432, { swarmCommand: ['pg_isready'] }) }).healthcheck!.test).toEqual(['CMD', 'pg_isready']);
  });

  test('command: CMD exec form, no warning', () => {
    const { healthcheck, gaps } = swarmHealth({ check: HealthCheck.command(['pg_isready', '-U', 'shop']) });
    expect(healthcheck!.test).toEqual(['CMD', 'pg_isready', '-U', 'shop']);
    expect(gaps).toEqual([]);
  });

  test('interval, timeout, retries, start_period as Go durations', () => {
    const { healthcheck } = swarmHealth({ check: HealthCheck.command(['true']), interval: '1m30s', timeout: '20s', retries: 7, startPeriod: '2m' });
    expect(healthcheck).toEqual({ test: ['CMD', 'true'], interval: '1m30s', timeout: '20s', retries: 7, start_period: '2m' });
  });
});

// ---- run-time warnings
/** Issue 17, item 4: an http or tcp health check of a port the workload does not declare. */

function checked(props: Partial<WorkloadProps>): App {
  const app = new App();
  new Workload(new Stack(app, 's'), 'web', { image: BUSYBOX, ...props });
  return app;
}

describe('health checks on an undeclared port', () => {
  test('after a port change: a warning for both targets naming the port and the declared ones', () => {
    const app = checked({
      ports: [{ port: 80, targetPort: 8081 }],
      health: { check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'wget' }) },
    });
    expect(warningsOf(app)).toEqual([{
      path: 's/web', field: 'health.check.port',
      message: 'http check of port 8080, which the workload does not declare (it declares 8081): if nothing listens there the workload never '
        + 'becomes healthy; check a declared port, or declare this one',
    }]);
  });

  test('a tcp check of a workload without ports', () => {
    expect(warningsOf(checked({ health: { check: HealthCheck.tcp(6379, { swarmCommand: 'nc' }) } }))).toEqual([{
      path: 's/web', field: 'health.check.port',
      message: 'tcp check of port 6379, which the workload does not declare (it declares no port): if nothing listens there the workload never '
        + 'becomes healthy; check a declared port, or declare this one',
    }]);
  });

  test('a declared container port, and a command check, are fine', () => {
    expect(
      warningsOf(
        checked({ ports: [{ port: 80, targetPort: 8080 }], health: { check: HealthCheck.http('/', { port: 8080, swarmCommand: 'wget' }) } }),
      ),
    ).toEqual(
      [],
    );
    expect(warningsOf(checked({ health: { check: HealthCheck.command(['true']) } }))).toEqual([]);
  });

  test('the Service port of a mapped port stays an error of the model (not a warning on top)', () => {
    const app = checked({ ports: [{ port: 80, targetPort: 8080 }], health: { check: HealthCheck.http('/', { port: 80, swarmCommand: 'wget' }) } });
    expect(problemsOf(app).problems).toEqual([{
      path: 's/web', field: 'health.check.port', value: 80,
      rule: 'must be a port the container listens on (a targetPort): 80 is the Service port of ports[0], whose container port is 8080',
    }]);
  });
});

// ---- model rules and bad input
const bad = <T>(x: unknown) => x as T;
const DURATION_RULE = 'must be a duration such as "500ms", "10s", "1m30s" or "1h"';
const health = (h: HealthProps): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', health: h });
const ok = HealthCheck.command(['true']);

const cases: InvalidCase[] = [
  ['check not made by HealthCheck', health({ check: bad<HealthCheck>({ kind: 'http', path: '/' }) }),
    { path: 's/w', field: 'health.check', rule: 'must be made with HealthCheck.http(), .tcp() or .command()', value: { kind: 'http', path: '/' } }],
  [
    'http path without "/"',
    health({ check: HealthCheck.http('healthz', { port: 80, swarmCommand: 'wget' }) }),
    { path: 's/w', field: 'health.check.path', rule: 'must start with "/"', value: 'healthz' },
  ],
  [
    'http path with a space',
    health({ check: HealthCheck.http('/a b', { port: 80, swarmCommand: 'wget' }) }),
    { path: 's/w', field: 'health.check.path', rule: 'must not contain white space', value: '/a b' },
  ],
  [
    'http port 0',
    health({ check: HealthCheck.http('/', { port: 0, swarmCommand: 'wget' }) }),
    { path: 's/w', field: 'health.check.port', rule: 'must be an integer from 1 to 65535', value: 0 },
  ],
  [
    'tcp port too large',
    health({ check: HealthCheck.tcp(70000, { swarmCommand: 'nc' }) }),
    { path: 's/w', field: 'health.check.port', rule: 'must be an integer from 1 to 65535', value: 70000 },
  ],
  [
    'command empty',
    health({ check: HealthCheck.command([]) }),
    { path: 's/w', field: 'health.check.command', rule: 'must be a non-empty list of non-empty strings', value: [] },
  ],
  [
    'command with an empty string',
    health({ check: HealthCheck.command(['']) }),
    { path: 's/w', field: 'health.check.command', rule: 'must be a non-empty list of non-empty strings', value: [''] },
  ],
  [
    'command a string',
    health({ check: HealthCheck.command(bad<string[]>('pg_isready')) }),
    { path: 's/w', field: 'health.check.command', rule: 'must be a non-empty list', value: 'pg_isready' },
  ],
  ['http swarmCommand unknown tool', health({ check: HealthCheck.http('/', { port: 80, swarmCommand: bad<'wget'>('httpie') }) }),
    { path: 's/w', field: 'health.check.swarmCommand', rule: 'must be "wget" or "curl" or a non-empty list of strings', value: 'httpie' }],
  ['tcp swarmCommand wget', health({ check: HealthCheck.tcp(80, { swarmCommand: bad<'nc'>('wget') }) }),
    { path: 's/w', field: 'health.check.swarmCommand', rule: 'must be "nc" or a non-empty list of strings', value: 'wget' }],
  ['swarmCommand empty list', health({ check: HealthCheck.http('/', { port: 80, swarmCommand: [] }) }),
    { path: 's/w', field: 'health.check.swarmCommand', rule: 'or a non-empty list of strings', value: [] }],
  ['interval not a duration', health({ check: ok, interval: '10' }), { path: 's/w', field: 'health.interval', rule: DURATION_RULE, value: '10' }],
  [
    'interval under a second',
    health({ check: ok, interval: '500ms', timeout: '1s' }),
    { path: 's/w', field: 'health.interval', rule: 'must be whole seconds, at least 1s (Kubernetes probes count in seconds)', value: '500ms' },
  ],
  [
    'timeout 0s',
    health({ check: ok, timeout: '0s' }),
    { path: 's/w', field: 'health.timeout', rule: 'must be whole seconds, at least 1s', value: '0s' },
  ],
  [
    'startPeriod not whole seconds',
    health({ check: ok, startPeriod: '1500ms' }),
    { path: 's/w', field: 'health.startPeriod', rule: 'must be whole seconds, at least 0s', value: '1500ms' },
  ],
  [
    'startPeriod a number',
    health({ check: ok, startPeriod: bad<string>(30) }),
    { path: 's/w', field: 'health.startPeriod', rule: DURATION_RULE, value: 30 },
  ],
  ['retries 0', health({ check: ok, retries: 0 }), { path: 's/w', field: 'health.retries', rule: 'must be a positive integer', value: 0 }],
  [
    'retries fractional',
    health({ check: ok, retries: 2.5 }),
    { path: 's/w', field: 'health.retries', rule: 'must be a positive integer', value: 2.5 },
  ],
];

describe('health props: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});
