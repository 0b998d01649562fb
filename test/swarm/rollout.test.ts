import { FailureAction, RolloutOrder, Workload } from '../../lib';
import type { RolloutProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

function deploy(rollout: RolloutProps | undefined) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', replicas: 4, rollout });
  const { compose, out } = renderChecked(app);
  return { deploy: compose.services.w.deploy, gaps: out.gaps };
}

describe('rollout → update_config and rollback_config', () => {
  test('defaults: start-first, parallelism 1, no delay, pause, monitor 30s; rollback mirrors it', () => {
    const { deploy: d } = deploy(undefined);
    const update = { parallelism: 1, delay: '0s', failure_action: 'pause', monitor: '30s', order: 'start-first' };
    expect(d.update_config).toEqual(update);
    expect(d.rollback_config).toEqual(update);
  });

  test('every field given', () => {
    const { deploy: d } = deploy({ order: RolloutOrder.STOP_FIRST, parallelism: 2, delay: '1m30s', failureAction: FailureAction.ROLLBACK, monitor: '2m' });
    expect(d.update_config).toEqual({ parallelism: 2, delay: '1m30s', failure_action: 'rollback', monitor: '2m', order: 'stop-first' });
    // A failing rollback pauses; batch size and order are the update's.
    expect(d.rollback_config).toEqual({ parallelism: 2, delay: '1m30s', failure_action: 'pause', monitor: '2m', order: 'stop-first' });
  });

  test.each([FailureAction.CONTINUE, FailureAction.ROLLBACK, FailureAction.PAUSE])('failureAction %s is native on Swarm (no Swarm gap)', (action) => {
    const { deploy: d, gaps } = deploy({ failureAction: action });
    expect(d.update_config!.failure_action).toBe(action);
    expect(gaps.filter((g) => g.target === 'swarm')).toEqual([]);
  });
});
