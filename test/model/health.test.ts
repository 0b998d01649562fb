import { HealthCheck, Workload } from '../../lib';
import type { HealthProps } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const bad = <T>(x: unknown) => x as T;
const DURATION_RULE = 'must be a duration such as "500ms", "10s", "1m30s" or "1h"';
const health = (h: HealthProps): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', health: h });
const ok = HealthCheck.command(['true']);

const cases: InvalidCase[] = [
  ['check not made by HealthCheck', health({ check: bad<HealthCheck>({ kind: 'http', path: '/' }) }),
    { path: 's/w', field: 'health.check', rule: 'must be made with HealthCheck.http(), .tcp() or .command()', value: { kind: 'http', path: '/' } }],
  ['http path without "/"', health({ check: HealthCheck.http('healthz', { port: 80, swarmCommand: 'wget' }) }), { path: 's/w', field: 'health.check.path', rule: 'must start with "/"', value: 'healthz' }],
  ['http path with a space', health({ check: HealthCheck.http('/a b', { port: 80, swarmCommand: 'wget' }) }), { path: 's/w', field: 'health.check.path', rule: 'must not contain white space', value: '/a b' }],
  ['http port 0', health({ check: HealthCheck.http('/', { port: 0, swarmCommand: 'wget' }) }), { path: 's/w', field: 'health.check.port', rule: 'must be an integer from 1 to 65535', value: 0 }],
  ['tcp port too large', health({ check: HealthCheck.tcp(70000, { swarmCommand: 'nc' }) }), { path: 's/w', field: 'health.check.port', rule: 'must be an integer from 1 to 65535', value: 70000 }],
  ['command empty', health({ check: HealthCheck.command([]) }), { path: 's/w', field: 'health.check.command', rule: 'must be a non-empty list of non-empty strings', value: [] }],
  ['command with an empty string', health({ check: HealthCheck.command(['']) }), { path: 's/w', field: 'health.check.command', rule: 'must be a non-empty list of non-empty strings', value: [''] }],
  ['command a string', health({ check: HealthCheck.command(bad<string[]>('pg_isready')) }), { path: 's/w', field: 'health.check.command', rule: 'must be a non-empty list', value: 'pg_isready' }],
  ['http swarmCommand unknown tool', health({ check: HealthCheck.http('/', { port: 80, swarmCommand: bad<'wget'>('httpie') }) }),
    { path: 's/w', field: 'health.check.swarmCommand', rule: 'must be "wget" or "curl" or a non-empty list of strings', value: 'httpie' }],
  ['tcp swarmCommand wget', health({ check: HealthCheck.tcp(80, { swarmCommand: bad<'nc'>('wget') }) }),
    { path: 's/w', field: 'health.check.swarmCommand', rule: 'must be "nc" or a non-empty list of strings', value: 'wget' }],
  ['swarmCommand empty list', health({ check: HealthCheck.http('/', { port: 80, swarmCommand: [] }) }),
    { path: 's/w', field: 'health.check.swarmCommand', rule: 'or a non-empty list of strings', value: [] }],
  ['interval not a duration', health({ check: ok, interval: '10' }), { path: 's/w', field: 'health.interval', rule: DURATION_RULE, value: '10' }],
  ['interval under a second', health({ check: ok, interval: '500ms', timeout: '1s' }), { path: 's/w', field: 'health.interval', rule: 'must be whole seconds, at least 1s (Kubernetes probes count in seconds)', value: '500ms' }],
  ['timeout 0s', health({ check: ok, timeout: '0s' }), { path: 's/w', field: 'health.timeout', rule: 'must be whole seconds, at least 1s', value: '0s' }],
  ['startPeriod not whole seconds', health({ check: ok, startPeriod: '1500ms' }), { path: 's/w', field: 'health.startPeriod', rule: 'must be whole seconds, at least 0s', value: '1500ms' }],
  ['startPeriod a number', health({ check: ok, startPeriod: bad<string>(30) }), { path: 's/w', field: 'health.startPeriod', rule: DURATION_RULE, value: 30 }],
  ['retries 0', health({ check: ok, retries: 0 }), { path: 's/w', field: 'health.retries', rule: 'must be a positive integer', value: 0 }],
  ['retries fractional', health({ check: ok, retries: 2.5 }), { path: 's/w', field: 'health.retries', rule: 'must be a positive integer', value: 2.5 }],
];

describe('health props: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });
});
