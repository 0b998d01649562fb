import { Workload } from '../../lib';
import type { ResourcesProps } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const CPU_RULE = 'must be cores ("0.5", "2") or millicores ("500m"), positive, in steps of 1m';
const MEMORY_RULE = 'must be a whole number with a Kubernetes suffix (Ki, Mi, Gi, Ti, k, M, G, T), e.g. "256Mi"';
const resources = (r: ResourcesProps): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', resources: r });

const cases: InvalidCase[] = [
  ['cpu negative', resources({ cpu: { request: '-1' } }), { path: 's/w', field: 'resources.cpu.request', rule: CPU_RULE, value: '-1' }],
  ['cpu zero', resources({ cpu: { limit: '0' } }), { path: 's/w', field: 'resources.cpu.limit', rule: CPU_RULE, value: '0' }],
  ['cpu finer than 1m', resources({ cpu: { request: '0.0005' } }), { path: 's/w', field: 'resources.cpu.request', rule: CPU_RULE, value: '0.0005' }],
  ['cpu with a memory suffix', resources({ cpu: { request: '500M' } }), { path: 's/w', field: 'resources.cpu.request', rule: CPU_RULE, value: '500M' }],
  ['cpu words', resources({ cpu: { limit: 'two' } }), { path: 's/w', field: 'resources.cpu.limit', rule: CPU_RULE, value: 'two' }],
  ['memory "512MB"', resources({ memory: { request: '512MB' } }), { path: 's/w', field: 'resources.memory.request', rule: MEMORY_RULE, value: '512MB' }],
  ['memory "100m" (0.1 byte in Kubernetes)', resources({ memory: { limit: '100m' } }), { path: 's/w', field: 'resources.memory.limit', rule: MEMORY_RULE, value: '100m' }],
  ['memory fractional', resources({ memory: { limit: '1.5Gi' } }), { path: 's/w', field: 'resources.memory.limit', rule: MEMORY_RULE, value: '1.5Gi' }],
  ['memory not whole mebibytes', resources({ memory: { request: '1000k' } }), { path: 's/w', field: 'resources.memory.request', rule: 'must be a whole number of mebibytes (e.g. "128Mi", "1Gi")', value: '1000k' }],
  ['cpu limit below request', resources({ cpu: { request: '500m', limit: '250m' } }), { path: 's/w', field: 'resources.cpu.limit', rule: 'must not be below resources.cpu.request (500m)', value: '250m' }],
  ['memory limit below request', resources({ memory: { request: '256Mi', limit: '128Mi' } }), { path: 's/w', field: 'resources.memory.limit', rule: 'must not be below resources.memory.request (256Mi)', value: '128Mi' }],
  ['memory limit below Docker\'s 6Mi', resources({ memory: { limit: '4Mi' } }), { path: 's/w', field: 'resources.memory.limit', rule: 'must be at least 6Mi (the smallest limit Docker accepts)', value: '4Mi' }],
];

describe('resources: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });

  test('equal request and limit are fine', () => {
    const { app, stack } = newStack('s');
    resources({ cpu: { request: '0.5', limit: '500m' }, memory: { request: '6Mi', limit: '6Mi' } })(stack);
    expect(() => app.render()).not.toThrow();
  });
});
