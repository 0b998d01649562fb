import { FailureAction, RolloutOrder, Workload } from '../../lib';
import type { RolloutProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

function render(rollout: RolloutProps | undefined, replicas = 4) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', replicas, rollout });
  const { kube, out } = renderChecked(app);
  return { spec: findObject(kube, 'Deployment', 'w').spec, gaps: out.gaps };
}

describe('rollout → RollingUpdate', () => {
  test('default: start-first, one at a time → maxSurge 1, maxUnavailable 0, minReadySeconds 0', () => {
    const { spec, gaps } = render(undefined);
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(spec.minReadySeconds).toBe(0);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(gaps).toEqual([]);
  });

  test('start-first with parallelism 2 → maxSurge 2, maxUnavailable 0', () => {
    expect(render({ order: RolloutOrder.START_FIRST, parallelism: 2 }).spec.strategy.rollingUpdate).toEqual({ maxSurge: 2, maxUnavailable: 0 });
  });

  test('stop-first with parallelism 3 → maxSurge 0, maxUnavailable 3', () => {
    expect(render({ order: RolloutOrder.STOP_FIRST, parallelism: 3 }).spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 3 });
  });

  test('delay → minReadySeconds', () => {
    expect(render({ delay: '1m30s' }).spec.minReadySeconds).toBe(90);
  });

  test('progressDeadlineSeconds exceeds minReadySeconds and is at least monitor', () => {
    expect(render({ delay: '10m' }).spec.progressDeadlineSeconds).toBe(660);
    expect(render({ monitor: '15m' }).spec.progressDeadlineSeconds).toBe(900);
    expect(render({ monitor: '1m' }).spec.progressDeadlineSeconds).toBe(600);
  });

  test.each([FailureAction.ROLLBACK, FailureAction.CONTINUE])('failureAction %s → a Kubernetes target-gap warning', (action) => {
    const { spec, gaps } = render({ failureAction: action });
    expect(spec.strategy.type).toBe('RollingUpdate');
    expect(gaps).toEqual([expect.objectContaining({ path: 's/w', field: 'rollout.failureAction', target: 'kubernetes', severity: 'warning' })]);
    expect(gaps[0].message).toContain(`no automatic "${action}"`);
  });

  test('failureAction pause is what Kubernetes does: no warning', () => {
    expect(render({ failureAction: FailureAction.PAUSE }).gaps).toEqual([]);
  });
});
