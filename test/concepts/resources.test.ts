import { Workload } from '../../lib';
import type { ResourcesProps } from '../../lib';
import { InvalidCase, renderChecked, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

// ---- Kubernetes output
function kubeResources(r: ResourcesProps) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', resources: r });
  return findObject(renderChecked(app).kube, 'Deployment', 'w').spec.template.spec.containers[0].resources;
}

describe('resources → requests / limits', () => {
  test('requests and limits, cpu in millicores and memory in Mi', () => {
    expect(kubeResources({ cpu: { request: '250m', limit: '1' }, memory: { request: '128Mi', limit: '256Mi' } })).toEqual({
      requests: { cpu: '250m', memory: '128Mi' },
      limits: { cpu: '1000m', memory: '256Mi' },
    });
  });

  test.each([['0.5', '500m'], ['2', '2000m'], ['1.25', '1250m'], ['100m', '100m'], ['.1', '100m']])('cpu %s → %s', (given, rendered) => {
    expect(kubeResources({ cpu: { request: given } })).toEqual({ requests: { cpu: rendered } });
  });

  test.each([
    ['1Gi', '1024Mi'],
    ['64Mi', '64Mi'],
    ['8388608', '8Mi'],
    ['1Ti', '1048576Mi'],
  ])('memory %s → %s (the same quantity)', (given, rendered) => {
    expect(kubeResources({ memory: { limit: given } })).toEqual({ limits: { memory: rendered } });
  });

  test('only what is given: a cpu limit alone, a memory request alone', () => {
    expect(kubeResources({ cpu: { limit: '2' } })).toEqual({ limits: { cpu: '2000m' } });
    expect(kubeResources({ memory: { request: '32Mi' } })).toEqual({ requests: { memory: '32Mi' } });
  });

  test('empty resources props render nothing (no cdk8s-plus defaults)', () => {
    expect(kubeResources({})).toBeUndefined();
  });
});

// ---- Swarm output
function swarmResources(r: ResourcesProps | undefined) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', resources: r });
  return renderChecked(app).compose.services.w.deploy.resources;
}

describe('resources → deploy.resources reservations / limits', () => {
  test('requests → reservations, limits → limits; cpus a string of cores, memory with a binary suffix', () => {
    expect(swarmResources({ cpu: { request: '250m', limit: '1' }, memory: { request: '128Mi', limit: '256Mi' } })).toEqual({
      reservations: { cpus: '0.25', memory: '128M' },
      limits: { cpus: '1', memory: '256M' },
    });
  });

  test.each([['500m', '0.5'], ['1', '1'], ['1.5', '1.5'], ['2500m', '2.5'], ['1m', '0.001'], ['0.1', '0.1']])('cpu %s → cpus "%s"', (given, cpus) => {
    expect(swarmResources({ cpu: { limit: given } })).toEqual({ limits: { cpus } });
  });

  test.each([
    ['64Mi', '64M'],
    ['1Gi', '1G'],
    ['1536Mi', '1536M'],
    ['1Ti', '1024G'],
  ])('memory %s → %s (go-units: binary suffixes, the exact bytes)', (given, memory) => {
    expect(swarmResources({ memory: { limit: given } })).toEqual({ limits: { memory } });
  });

  test('only what is given; nothing at all without resources', () => {
    expect(swarmResources({ memory: { request: '32Mi' } })).toEqual({ reservations: { memory: '32M' } });
    expect(swarmResources({ cpu: { limit: '2' } })).toEqual({ limits: { cpus: '2' } });
    expect(swarmResources(undefined)).toBeUndefined();
    expect(swarmResources({})).toBeUndefined();
  });
});

// ---- model rules and bad input
const CPU_RULE = 'must be cores ("0.5", "2") or millicores ("500m"), positive, in steps of 1m';
const MEMORY_RULE = 'must be a whole number with a Kubernetes suffix (Ki, Mi, Gi, Ti, k, M, G, T), e.g. "256Mi"';
const withResources = (r: ResourcesProps): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', resources: r });

const cases: InvalidCase[] = [
  ['cpu negative', withResources({ cpu: { request: '-1' } }), { path: 's/w', field: 'resources.cpu.request', rule: CPU_RULE, value: '-1' }],
  ['cpu zero', withResources({ cpu: { limit: '0' } }), { path: 's/w', field: 'resources.cpu.limit', rule: CPU_RULE, value: '0' }],
  [
    'cpu finer than 1m',
    withResources({ cpu: { request: '0.0005' } }),
    { path: 's/w', field: 'resources.cpu.request', rule: CPU_RULE, value: '0.0005' },
  ],
  [
    'cpu with a memory suffix',
    withResources({ cpu: { request: '500M' } }),
    { path: 's/w', field: 'resources.cpu.request', rule: CPU_RULE, value: '500M' },
  ],
  ['cpu words', withResources({ cpu: { limit: 'two' } }), { path: 's/w', field: 'resources.cpu.limit', rule: CPU_RULE, value: 'two' }],
  [
    'memory "512MB"',
    withResources({ memory: { request: '512MB' } }),
    { path: 's/w', field: 'resources.memory.request', rule: MEMORY_RULE, value: '512MB' },
  ],
  [
    'memory "100m" (0.1 byte in Kubernetes)',
    withResources({ memory: { limit: '100m' } }),
    { path: 's/w', field: 'resources.memory.limit', rule: MEMORY_RULE, value: '100m' },
  ],
  [
    'memory fractional',
    withResources({ memory: { limit: '1.5Gi' } }),
    { path: 's/w', field: 'resources.memory.limit', rule: MEMORY_RULE, value: '1.5Gi' },
  ],
  [
    'memory not whole mebibytes',
    withResources({ memory: { request: '1000k' } }),
    { path: 's/w', field: 'resources.memory.request', rule: 'must be a whole number of mebibytes (e.g. "128Mi", "1Gi")', value: '1000k' },
  ],
  [
    'cpu limit below request',
    withResources({ cpu: { request: '500m', limit: '250m' } }),
    { path: 's/w', field: 'resources.cpu.limit', rule: 'must not be below resources.cpu.request (500m)', value: '250m' },
  ],
  [
    'memory limit below request',
    withResources({ memory: { request: '256Mi', limit: '128Mi' } }),
    { path: 's/w', field: 'resources.memory.limit', rule: 'must not be below resources.memory.request (256Mi)', value: '128Mi' },
  ],
  [
    'memory limit below Docker\'s 6Mi',
    withResources({ memory: { limit: '4Mi' } }),
    { path: 's/w', field: 'resources.memory.limit', rule: 'must be at least 6Mi (the smallest limit Docker accepts)', value: '4Mi' },
  ],
];

describe('resources: bad input names path, field, rule and value', () => {
  testBadInput(cases);

  test('equal request and limit are fine', () => {
    const { app, stack } = newStack('s');
    withResources({ cpu: { request: '0.5', limit: '500m' }, memory: { request: '6Mi', limit: '6Mi' } })(stack);
    expect(() => app.render()).not.toThrow();
  });
});
