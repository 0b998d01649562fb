import { App, Stack, StatefulWorkload, Workload } from '../../lib';
import type { AutoscalingProps, WorkloadProps } from '../../lib';
import { InvalidCase, problemsOf, renderChecked, stackConfig, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

const image = 'busybox:1.36';
const requests = { cpu: { request: '250m', limit: '1' }, memory: { request: '128Mi', limit: '256Mi' } };

/** Kubernetes' own default behaviour, written out (cdk8s-plus-27 would render its own). */
const BEHAVIOR = {
  scaleUp: {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }],
  },
  scaleDown: {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  },
};

function scaled(autoscaling: AutoscalingProps, props: Partial<WorkloadProps> = {}, strict = false) {
  const app = new App({ strict });
  const stack = new Stack(app, 's', { labels: { team: 'core' } });
  new Workload(stack, 'web', {
    image,
    resources: requests,
    autoscaling,
    labels: { tier: 'front' },
    annotations: { 'example.com/owner': 'web-team' },
    ...props,
  });
  return app;
}

describe('autoscaling → HorizontalPodAutoscaler (cdk8s-plus-27)', () => {
  test('min/max replicas, CPU and memory utilization targets, Kubernetes\' default behaviour; labels and annotations of the workload', () => {
    const { kube } = renderChecked(scaled({ minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, memoryUtilization: 80 }));
    expect(findObject(kube, 'HorizontalPodAutoscaler', 'web')).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'web',
        namespace: 's',
        labels: {
          'app.kubernetes.io/managed-by': 'conductor',
          'app.kubernetes.io/name': 'web',
          'app.kubernetes.io/part-of': 's',
          team: 'core',
          tier: 'front',
        },
        annotations: { 'example.com/owner': 'web-team' },
      },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
        ],
        behavior: BEHAVIOR,
      },
    });
  });

  test('the Deployment has no fixed replicas (the autoscaler owns the count)', () => {
    const { kube } = renderChecked(scaled({ minReplicas: 2, maxReplicas: 4, cpuUtilization: 60 }));
    expect('replicas' in findObject(kube, 'Deployment', 'web').spec).toBe(false);
    const { kube: fixed } = renderChecked(scaled(undefined as unknown as AutoscalingProps, { replicas: 3 }));
    expect(findObject(fixed, 'Deployment', 'web').spec.replicas).toBe(3);
    expect(fixed.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
  });

  test('a StatefulWorkload is scaled too: the StatefulSet has no fixed replicas', () => {
    const { app, stack } = newStack('s');
    new StatefulWorkload(stack, 'db', {
      image,
      ports: [{ port: 5432 }],
      resources: requests,
      autoscaling: { minReplicas: 3, maxReplicas: 5, memoryUtilization: 90 },
    });
    const { kube, compose } = renderChecked(app);
    expect(findObject(kube, 'HorizontalPodAutoscaler', 'db').spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' },
      minReplicas: 3,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 90 } } }],
    });
    expect('replicas' in findObject(kube, 'StatefulSet', 'db').spec).toBe(false);
    expect(compose.services.db.deploy.replicas).toBe(3);
  });

  test('a utilization above 100 is allowed', () => {
    const { kube } = renderChecked(scaled({ minReplicas: 1, maxReplicas: 3, cpuUtilization: 400 }));
    expect(findObject(kube, 'HorizontalPodAutoscaler', 'web').spec.metrics[0].resource.target.averageUtilization).toBe(400);
  });
});

describe('autoscaling on Swarm: a target gap', () => {
  test('the service runs minReplicas, with a warning', () => {
    const app = scaled({ minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 });
    const { compose, out, files } = renderChecked(app);
    expect(compose.services.web.deploy.replicas).toBe(2);
    expect(out.gaps).toEqual([{
      path: 's/web', field: 'autoscaling', target: 'swarm', severity: 'warning',
      message: 'Swarm does not autoscale: the service runs minReplicas (2) replicas; scale it with "docker service scale" or an external autoscaler',
    }]);
    const r = stackConfig(files, 's');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('onSwarm: "error" makes rendering Swarm fail; Kubernetes alone renders', () => {
    const app = scaled({ minReplicas: 2, maxReplicas: 10, cpuUtilization: 70, onSwarm: 'error' });
    expect(problemsOf(app).problems).toEqual([
      { path: 's/web', field: 'autoscaling', rule: expect.stringMatching(/^has no swarm form: Swarm does not autoscale: .*\(onSwarm: 'error'\)$/) },
    ]);
    const out = app.render({ targets: ['kubernetes'] });
    expect(out.gaps).toEqual([]);
  });

  test('strict mode turns the warning into an error', () => {
    const app = scaled({ minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 }, {}, true);
    expect(problemsOf(app).problems).toEqual([
      { path: 's/web', field: 'autoscaling', rule: expect.stringMatching(/^strict mode forbids target gaps: \[swarm\] Swarm does not autoscale/) },
    ]);
  });
});

const auto = (a: Partial<AutoscalingProps>, props: Partial<WorkloadProps> = {}): InvalidCase[1] => (s) => {
  new Workload(s, 'web', {
    image,
    resources: requests,
    autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 50, ...a } as AutoscalingProps,
    ...props,
  });
};

const cases: InvalidCase[] = [
  [
    'min above max',
    auto({ minReplicas: 5, maxReplicas: 3 }),
    { path: 's/web', field: 'autoscaling.maxReplicas', rule: 'must not be below autoscaling.minReplicas (5)', value: 3 },
  ],
  ['min 0', auto({ minReplicas: 0 }), { path: 's/web', field: 'autoscaling.minReplicas', rule: 'must be an integer from 1 to 2147483647', value: 0 }],
  [
    'max not an integer',
    auto({ maxReplicas: 2.5 }),
    { path: 's/web', field: 'autoscaling.maxReplicas', rule: 'must be an integer from 1 to 2147483647', value: 2.5 },
  ],
  [
    'no utilization target',
    auto({ cpuUtilization: undefined }),
    { path: 's/web', field: 'autoscaling', rule: 'needs cpuUtilization or memoryUtilization' },
  ],
  [
    'utilization 0',
    auto({ cpuUtilization: 0 }),
    { path: 's/web', field: 'autoscaling.cpuUtilization', rule: 'must be a positive integer percentage (of the request)', value: 0 },
  ],
  [
    'utilization not an integer',
    auto({ memoryUtilization: 75.5 }),
    { path: 's/web', field: 'autoscaling.memoryUtilization', rule: 'must be a positive integer percentage (of the request)', value: 75.5 },
  ],
  [
    'CPU target without a CPU request',
    auto({}, { resources: { memory: { request: '64Mi' } } }),
    {
      path: 's/web',
      field: 'autoscaling.cpuUtilization',
      rule: 'needs resources.cpu.request on every container (utilization is a percentage of the request); missing on main',
      value: 50,
    },
  ],
  [
    'memory target without a memory request on a sidecar',
    auto({ cpuUtilization: undefined, memoryUtilization: 80 }, { sidecars: [{ name: 'proxy', image, resources: { cpu: { request: '10m' } } }] }),
    { path: 's/web', field: 'autoscaling.memoryUtilization', rule: 'missing on proxy', value: 80 },
  ],
  [
    'replicas with autoscaling',
    auto({}, { replicas: 3 }),
    {
      path: 's/web',
      field: 'replicas',
      rule: 'must not be set with autoscaling (the autoscaler owns the replica count; set autoscaling.minReplicas)',
      value: 3,
    },
  ],
  [
    'scale() with autoscaling',
    (s) => { auto({})(s); (s.node.findChild('web') as Workload).scale(4); },
    { path: 's/web', field: 'replicas', rule: 'must not be set with autoscaling', value: 4 },
  ],
  [
    'an unknown onSwarm',
    auto({ onSwarm: 'ignore' as 'warn' }),
    { path: 's/web', field: 'autoscaling.onSwarm', rule: 'must be "warn" or "error"', value: 'ignore' },
  ],
];

describe('autoscaling: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});
