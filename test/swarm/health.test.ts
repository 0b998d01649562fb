import { HealthCheck, Workload } from '../../lib';
import type { HealthProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

function render(health: HealthProps) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', health });
  const { compose, out } = renderChecked(app);
  return { healthcheck: compose.services.w.healthcheck, gaps: out.gaps };
}

describe('health → healthcheck (a command run in the container)', () => {
  test('http by default: wget, with a warning that the image needs wget', () => {
    const { healthcheck, gaps } = render({ check: HealthCheck.http('/healthz', { port: 8080 }) });
    expect(healthcheck).toEqual({ test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/healthz'], interval: '10s', timeout: '5s', retries: 3 });
    expect(gaps).toEqual([expect.objectContaining({ path: 's/w', field: 'health.check', target: 'swarm', severity: 'warning' })]);
    expect(gaps[0].message).toContain('must have wget');
  });

  test('http with swarmCommand wget: the same command, no warning', () => {
    const { healthcheck, gaps } = render({ check: HealthCheck.http('/', { port: 80, swarmCommand: 'wget' }) });
    expect(healthcheck!.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:80/']);
    expect(gaps).toEqual([]);
  });

  test('http with swarmCommand curl', () => {
    const { healthcheck, gaps } = render({ check: HealthCheck.http('/ready?full=1', { port: 9000, swarmCommand: 'curl' }) });
    expect(healthcheck!.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1:9000/ready?full=1']);
    expect(gaps).toEqual([]);
  });

  test('http with a custom command', () => {
    const { healthcheck, gaps } = render({ check: HealthCheck.http('/', { port: 80, swarmCommand: ['/app/healthcheck', '--port', '80'] }) });
    expect(healthcheck!.test).toEqual(['CMD', '/app/healthcheck', '--port', '80']);
    expect(gaps).toEqual([]);
  });

  test('tcp: nc -z (with a warning unless chosen), or a custom command', () => {
    const byDefault = render({ check: HealthCheck.tcp(5432) });
    expect(byDefault.healthcheck!.test).toEqual(['CMD', 'nc', '-z', '127.0.0.1', '5432']);
    expect(byDefault.gaps.map((g) => [g.field, g.target])).toEqual([['health.check', 'swarm']]);
    expect(byDefault.gaps[0].message).toContain('must have nc');
    expect(render({ check: HealthCheck.tcp(5432, { swarmCommand: 'nc' }) }).gaps).toEqual([]);
    expect(render({ check: HealthCheck.tcp(5432, { swarmCommand: ['pg_isready'] }) }).healthcheck!.test).toEqual(['CMD', 'pg_isready']);
  });

  test('command: CMD exec form, no warning', () => {
    const { healthcheck, gaps } = render({ check: HealthCheck.command(['pg_isready', '-U', 'shop']) });
    expect(healthcheck!.test).toEqual(['CMD', 'pg_isready', '-U', 'shop']);
    expect(gaps).toEqual([]);
  });

  test('interval, timeout, retries, start_period as Go durations', () => {
    const { healthcheck } = render({ check: HealthCheck.command(['true']), interval: '1m30s', timeout: '20s', retries: 7, startPeriod: '2m' });
    expect(healthcheck).toEqual({ test: ['CMD', 'true'], interval: '1m30s', timeout: '20s', retries: 7, start_period: '2m' });
  });
});
