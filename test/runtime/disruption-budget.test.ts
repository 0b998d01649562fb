/**
 * Issue 17, item 2: a PodDisruptionBudget that blocks every voluntary
 * eviction is a Kubernetes warning (an error under strict), measured
 * against the fewest replicas the workload can have.
 */
import { App, Stack, StatefulWorkload, Workload } from '../../lib';
import type { DisruptionBudgetProps, WorkloadProps } from '../../lib';
import { problemsOf } from '../support/oracle';
import { BUSYBOX, warningsOf } from './support';

const DRAIN = 'so kubectl drain and node upgrades wait for its pods forever';

function budgeted(disruptionBudget: DisruptionBudgetProps, props: Partial<WorkloadProps> = { replicas: 3 }, strict = false): App {
  const app = new App({ strict });
  new Workload(new Stack(app, 's'), 'web', { image: BUSYBOX, ...props, disruptionBudget });
  return app;
}
const AUTOSCALED: Partial<WorkloadProps> = { resources: { cpu: { request: '100m' } }, autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 } };

describe('disruption budgets that block every voluntary eviction', () => {
  test('minAvailable equal to the replicas (1 of 1)', () => {
    expect(warningsOf(budgeted({ minAvailable: 1 }, { replicas: 1 }))).toEqual([{
      path: 's/web', field: 'disruptionBudget.minAvailable', target: 'kubernetes',
      message: `1 is not below the fewest replicas the workload can have (1 replica): then no pod may be evicted, ${DRAIN}; `
        + 'run more replicas, or set maxUnavailable to 1 instead',
    }]);
  });

  test('minAvailable equal to the replicas (3 of 3) suggests the largest minAvailable that lets a drain go on', () => {
    expect(warningsOf(budgeted({ minAvailable: 3 }))).toEqual([{
      path: 's/web', field: 'disruptionBudget.minAvailable', target: 'kubernetes',
      message: `3 is not below the fewest replicas the workload can have (3 replicas): then no pod may be evicted, ${DRAIN}; `
        + 'set minAvailable to at most 2, or set maxUnavailable to 1 instead',
    }]);
  });

  test('maxUnavailable 0', () => {
    expect(warningsOf(budgeted({ maxUnavailable: 0 }))).toEqual([{
      path: 's/web', field: 'disruptionBudget.maxUnavailable', target: 'kubernetes', message: `0 allows no voluntary eviction, ${DRAIN}; allow at least 1`,
    }]);
  });

  test('autoscaled: minAvailable above minReplicas (though not above maxReplicas) is compared with minReplicas', () => {
    expect(warningsOf(budgeted({ minAvailable: 4 }, AUTOSCALED)).filter((w) => w.field.startsWith('disruptionBudget'))).toEqual([{
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
    expect(warningsOf(budgeted({ maxUnavailable: 0 }), ['swarm'])).toEqual([]);
  });

  test('under strict, an error naming path and field', () => {
    expect(problemsOf(budgeted({ maxUnavailable: 0 }, { replicas: 3 }, true), { targets: ['kubernetes'] }).problems).toEqual([{
      path: 's/web', field: 'disruptionBudget.maxUnavailable',
      rule: `strict mode forbids run-time warnings: [kubernetes] 0 allows no voluntary eviction, ${DRAIN}; allow at least 1`,
    }]);
  });

  test('budgets that let a drain go on: below the fewest replicas, maxUnavailable 1, minAvailable 0', () => {
    for (const [b, props] of [
      [{ minAvailable: 2 }, { replicas: 3 }], [{ maxUnavailable: 1 }, { replicas: 1 }], [{ minAvailable: 0 }, { replicas: 1 }], [{ minAvailable: 1 }, AUTOSCALED],
    ] as const) {
      expect(warningsOf(budgeted(b, props))).toEqual([]);
    }
  });

  // Both targets accept it (issue 14 item 8: valid values are not refused): the same warning as at equality.
  test('above the most replicas: the same warning, not an error', () => {
    expect(warningsOf(budgeted({ minAvailable: 4 })).map((w) => [w.field, w.message.split(':')[0]])).toEqual([
      ['disruptionBudget.minAvailable', '4 is not below the fewest replicas the workload can have (3 replicas)'],
    ]);
  });
});
