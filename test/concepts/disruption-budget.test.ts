import { App, DaemonWorkload, Stack, StatefulWorkload, Workload } from '../../lib';
import type { DisruptionBudgetProps, WorkloadProps } from '../../lib';
import { InvalidCase, problemsOf, renderChecked, stackConfig, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';
import { BUSYBOX, warningsOf } from '../support/warnings';

const image = 'busybox:1.36';
const GAP = 'Swarm has no disruption budget: update_config.parallelism bounds only rolling updates, and draining a node moves all of its tasks at ' +
  'once';

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
        labels: {
          'app.kubernetes.io/managed-by': 'conductor',
          'app.kubernetes.io/name': 'web',
          'app.kubernetes.io/part-of': 's',
          team: 'core',
          tier: 'front',
        },
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

describe('disruptionBudget on Swarm: a target gap', () => {
  test('no object: the stack file is what it is without a budget, with a warning that says what Swarm does instead', () => {
    const withBudget = renderChecked(budgeted({ maxUnavailable: 1 }));
    const without = new App();
    new Workload(new Stack(without, 's', { labels: { team: 'core' } }), 'web', {
      image,
      replicas: 3,
      labels: { tier: 'front' },
      annotations: { 'example.com/owner': 'web-team' },
    });
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
  [
    'both fields',
    budget({ minAvailable: 1, maxUnavailable: 1 }),
    {
      path: 's/web',
      field: 'disruptionBudget',
      rule: 'must set exactly one of minAvailable and maxUnavailable',
      value: { minAvailable: 1, maxUnavailable: 1 },
    },
  ],
  [
    'neither field',
    budget({}),
    { path: 's/web', field: 'disruptionBudget', rule: 'must set exactly one of minAvailable and maxUnavailable', value: {} },
  ],
  [
    'negative',
    budget({ maxUnavailable: -1 }),
    { path: 's/web', field: 'disruptionBudget.maxUnavailable', rule: 'must be a non-negative integer', value: -1 },
  ],
  [
    'a percentage string',
    budget({ minAvailable: '50%' }),
    { path: 's/web', field: 'disruptionBudget.minAvailable', rule: 'must be a non-negative integer', value: '50%' },
  ],
];

describe('disruptionBudget: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});

// ---- run-time warnings
/**
 * Issue 17, item 2: a PodDisruptionBudget that blocks every voluntary
 * eviction is a Kubernetes warning (an error under strict), measured
 * against the fewest replicas the workload can have.
 */

const DRAIN = 'so kubectl drain and node upgrades wait for its pods forever';

function budgetedApp(disruptionBudget: DisruptionBudgetProps, props: Partial<WorkloadProps> = { replicas: 3 }, strict = false): App {
  const app = new App({ strict });
  new Workload(new Stack(app, 's'), 'web', { image: BUSYBOX, ...props, disruptionBudget });
  return app;
}
const AUTOSCALED: Partial<WorkloadProps> = {
  resources: { cpu: { request: '100m' } },
  autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 },
};

describe('disruption budgets that block every voluntary eviction', () => {
  test('minAvailable equal to the replicas (1 of 1)', () => {
    expect(warningsOf(budgetedApp({ minAvailable: 1 }, { replicas: 1 }))).toEqual([{
      path: 's/web', field: 'disruptionBudget.minAvailable', target: 'kubernetes',
      message: `1 is not below the fewest replicas the workload can have (1 replica): then no pod may be evicted, ${DRAIN}; `
        + 'run more replicas, or set maxUnavailable to 1 instead',
    }]);
  });

  test('minAvailable equal to the replicas (3 of 3) suggests the largest minAvailable that lets a drain go on', () => {
    expect(warningsOf(budgetedApp({ minAvailable: 3 }))).toEqual([{
      path: 's/web', field: 'disruptionBudget.minAvailable', target: 'kubernetes',
      message: `3 is not below the fewest replicas the workload can have (3 replicas): then no pod may be evicted, ${DRAIN}; `
        + 'set minAvailable to at most 2, or set maxUnavailable to 1 instead',
    }]);
  });

  test('maxUnavailable 0', () => {
    expect(warningsOf(budgetedApp({ maxUnavailable: 0 }))).toEqual([{
      path: 's/web', field: 'disruptionBudget.maxUnavailable', target: 'kubernetes', message: `0 allows no voluntary eviction, ${DRAIN}; allow at ` +
        `least 1`,
    }]);
  });

  test('autoscaled: minAvailable above minReplicas (though not above maxReplicas) is compared with minReplicas', () => {
    expect(warningsOf(budgetedApp({ minAvailable: 4 }, AUTOSCALED)).filter((w) => w.field.startsWith('disruptionBudget'))).toEqual([{
      path: 's/web', field: 'disruptionBudget.minAvailable', target: 'kubernetes',
      message: `4 is not below the fewest replicas the workload can have (autoscaling.minReplicas 2): then no pod may be evicted, ${DRAIN}; `
        + 'set minAvailable to at most 1, or set maxUnavailable to 1 instead',
    }]);
  });

  test('a StatefulWorkload too', () => {
    const app = new App();
    new StatefulWorkload(new Stack(app, 's'), 'db', { image: BUSYBOX, replicas: 2, ports: [{ port: 5432 }], disruptionBudget: { minAvailable: 2 } });
    expect(warningsOf(app).map((w) => [w.path, w.field])).toEqual([['s/db', 'disruptionBudget.minAvailable']]);
  });

  test('a Kubernetes matter: rendering Swarm alone does not warn (Swarm has no budget, a gap of its own)', () => {
    expect(warningsOf(budgetedApp({ maxUnavailable: 0 }), ['swarm'])).toEqual([]);
  });

  test('under strict, an error naming path and field', () => {
    expect(problemsOf(budgetedApp({ maxUnavailable: 0 }, { replicas: 3 }, true), { targets: ['kubernetes'] }).problems).toEqual([{
      path: 's/web', field: 'disruptionBudget.maxUnavailable',
      rule: `strict mode forbids run-time warnings: [kubernetes] 0 allows no voluntary eviction, ${DRAIN}; allow at least 1`,
    }]);
  });

  test('budgets that let a drain go on: below the fewest replicas, maxUnavailable 1, minAvailable 0', () => {
    for (const [b, props] of [
      [{ minAvailable: 2 }, { replicas: 3 }], [
        { maxUnavailable: 1 },
        { replicas: 1 },
      ], [{ minAvailable: 0 }, { replicas: 1 }], [{ minAvailable: 1 }, AUTOSCALED],
    ] as const) {
      expect(warningsOf(budgetedApp(b, props))).toEqual([]);
    }
  });

  // Both targets accept it (issue 14 item 8: valid values are not refused): the same warning as at equality.
  test('above the most replicas: the same warning, not an error', () => {
    expect(warningsOf(budgetedApp({ minAvailable: 4 })).map((w) => [w.field, w.message.split(':')[0]])).toEqual([
      ['disruptionBudget.minAvailable', '4 is not below the fewest replicas the workload can have (3 replicas)'],
    ]);
  });
});
