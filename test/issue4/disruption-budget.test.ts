import { App, DaemonWorkload, Stack, StatefulWorkload, Workload } from '../../lib';
import type { DisruptionBudgetProps } from '../../lib';
import { expectProblem, InvalidCase, problemsOf, renderChecked, stackConfig } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

const image = 'busybox:1.36';
const GAP = 'Swarm has no disruption budget: update_config.parallelism bounds only rolling updates, and draining a node moves all of its tasks at once';

function budgeted(disruptionBudget: DisruptionBudgetProps, strict = false) {
  const app = new App({ strict });
  const stack = new Stack(app, 's', { labels: { team: 'core' } });
  new Workload(stack, 'web', { image, replicas: 3, disruptionBudget, labels: { tier: 'front' }, annotations: { 'example.com/owner': 'web-team' } });
  return app;
}

describe('disruptionBudget → PodDisruptionBudget (policy/v1)', () => {
  test('minAvailable, selecting the workload\'s app.kubernetes.io labels; labels and annotations of the workload', () => {
    const { kube } = renderChecked(budgeted({ minAvailable: 2 }));
    expect(findObject(kube, 'PodDisruptionBudget', 'web')).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: {
        name: 'web',
        namespace: 's',
        labels: { 'app.kubernetes.io/managed-by': 'conductor', 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 's', team: 'core', tier: 'front' },
        annotations: { 'example.com/owner': 'web-team' },
      },
      spec: { minAvailable: 2, selector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 's' } } },
    });
  });

  test('maxUnavailable; a StatefulWorkload too', () => {
    const { app, stack } = newStack('s');
    new StatefulWorkload(stack, 'db', { image, replicas: 3, ports: [{ port: 5432 }], disruptionBudget: { maxUnavailable: 1 } });
    const { kube } = renderChecked(app);
    expect(findObject(kube, 'PodDisruptionBudget', 'db').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/part-of': 's' } },
    });
  });

  test('minAvailable 0 is allowed (it documents that every replica may go)', () => {
    expect(findObject(renderChecked(budgeted({ minAvailable: 0 })).kube, 'PodDisruptionBudget', 'web').spec.minAvailable).toBe(0);
  });

  test('with autoscaling, minAvailable may reach maxReplicas', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'web', {
      image,
      resources: { cpu: { request: '100m' } },
      autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 },
      disruptionBudget: { minAvailable: 4 },
    });
    expect(findObject(renderChecked(app).kube, 'PodDisruptionBudget', 'web').spec.minAvailable).toBe(4);
  });

  test('no budget, no object', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'web', { image });
    new DaemonWorkload(stack, 'agent', { image });
    expect(renderChecked(app).kube.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
  });
});

describe('disruptionBudget on Swarm (lib/model/target-gaps.ts)', () => {
  test('no object: the stack file is what it is without a budget, with a warning that says what Swarm does instead', () => {
    const withBudget = renderChecked(budgeted({ maxUnavailable: 1 }));
    const without = new App();
    new Workload(new Stack(without, 's', { labels: { team: 'core' } }), 'web', { image, replicas: 3, labels: { tier: 'front' }, annotations: { 'example.com/owner': 'web-team' } });
    expect(withBudget.compose).toEqual(renderChecked(without).compose);
    expect(withBudget.out.gaps).toEqual([{ path: 's/web', field: 'disruptionBudget', target: 'swarm', severity: 'warning', message: GAP }]);
    const r = stackConfig(withBudget.files, 's');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('strict mode turns the warning into an error; a Kubernetes-only render has none', () => {
    const app = budgeted({ minAvailable: 1 }, true);
    expect(problemsOf(app).problems).toEqual([{ path: 's/web', field: 'disruptionBudget', rule: `strict mode forbids target gaps: [swarm] ${GAP}` }]);
    expect(app.render({ targets: ['kubernetes'] }).gaps).toEqual([]);
  });
});

const budget = (b: unknown, replicas = 3): InvalidCase[1] => (s) => {
  new Workload(s, 'web', { image, replicas, disruptionBudget: b as DisruptionBudgetProps });
};

const cases: InvalidCase[] = [
  ['both fields', budget({ minAvailable: 1, maxUnavailable: 1 }), { path: 's/web', field: 'disruptionBudget', rule: 'must set exactly one of minAvailable and maxUnavailable', value: { minAvailable: 1, maxUnavailable: 1 } }],
  ['neither field', budget({}), { path: 's/web', field: 'disruptionBudget', rule: 'must set exactly one of minAvailable and maxUnavailable', value: {} }],
  ['negative', budget({ maxUnavailable: -1 }), { path: 's/web', field: 'disruptionBudget.maxUnavailable', rule: 'must be a non-negative integer', value: -1 }],
  ['a percentage string', budget({ minAvailable: '50%' }), { path: 's/web', field: 'disruptionBudget.minAvailable', rule: 'must be a non-negative integer', value: '50%' }],
];

describe('disruptionBudget: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });
});
