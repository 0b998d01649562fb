import { FailureAction, RolloutOrder, Workload } from '../../lib';
import type { RolloutProps } from '../../lib';
import { InvalidCase, renderChecked, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

// ---- Kubernetes output
function rollingUpdate(rollout: RolloutProps | undefined, replicas = 4) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', replicas, rollout });
  const { kube, out } = renderChecked(app);
  return { spec: findObject(kube, 'Deployment', 'w').spec, gaps: out.gaps };
}

describe('rollout → RollingUpdate', () => {
  test('default: start-first, one at a time → maxSurge 1, maxUnavailable 0, minReadySeconds 0', () => {
    const { spec, gaps } = rollingUpdate(undefined);
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(spec.minReadySeconds).toBe(0);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(gaps).toEqual([]);
  });

  test('start-first with parallelism 2 → maxSurge 2, maxUnavailable 0', () => {
    expect(rollingUpdate({ order: RolloutOrder.START_FIRST, parallelism: 2 }).spec.strategy.rollingUpdate).toEqual({
      maxSurge: 2,
      maxUnavailable: 0,
    });
  });

  test('stop-first with parallelism 3 → maxSurge 0, maxUnavailable 3', () => {
    expect(rollingUpdate({ order: RolloutOrder.STOP_FIRST, parallelism: 3 }).spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 3 });
  });

  test('delay → minReadySeconds', () => {
    expect(rollingUpdate({ delay: '1m30s' }).spec.minReadySeconds).toBe(90);
  });

  test('progressDeadlineSeconds exceeds minReadySeconds and is at least monitor', () => {
    expect(rollingUpdate({ delay: '10m' }).spec.progressDeadlineSeconds).toBe(660);
    expect(rollingUpdate({ monitor: '15m' }).spec.progressDeadlineSeconds).toBe(900);
    expect(rollingUpdate({ monitor: '1m' }).spec.progressDeadlineSeconds).toBe(600);
  });

  test.each([FailureAction.ROLLBACK, FailureAction.CONTINUE])('failureAction %s → a Kubernetes target-gap warning', (action) => {
    const { spec, gaps } = rollingUpdate({ failureAction: action });
    expect(spec.strategy.type).toBe('RollingUpdate');
    expect(gaps).toEqual([expect.objectContaining({ path: 's/w', field: 'rollout.failureAction', target: 'kubernetes', severity: 'warning' })]);
    expect(gaps[0].message).toContain(`no automatic "${action}"`);
  });

  test('failureAction pause is what Kubernetes does: no warning', () => {
    expect(rollingUpdate({ failureAction: FailureAction.PAUSE }).gaps).toEqual([]);
  });
});

// ---- Swarm output
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
    const { deploy: d } = deploy({
      order: RolloutOrder.STOP_FIRST,
      parallelism: 2,
      delay: '1m30s',
      failureAction: FailureAction.ROLLBACK,
      monitor: '2m',
    });
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

// ---- model rules and bad input
const bad = <T>(x: unknown) => x as T;
const DURATION_RULE = 'must be a duration such as "500ms", "10s", "1m30s" or "1h"';
const rollout = (r: RolloutProps, replicas = 3): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', replicas, rollout: r });

const cases: InvalidCase[] = [
  [
    'order unknown',
    rollout({ order: bad<RolloutOrder>('rolling') }),
    { path: 's/w', field: 'rollout.order', rule: 'must be one of start-first, stop-first', value: 'rolling' },
  ],
  [
    'failureAction unknown',
    rollout({ failureAction: bad<FailureAction>('retry') }),
    { path: 's/w', field: 'rollout.failureAction', rule: 'must be one of pause, rollback, continue', value: 'retry' },
  ],
  ['parallelism 0', rollout({ parallelism: 0 }), { path: 's/w', field: 'rollout.parallelism', rule: 'must be an integer of at least 1', value: 0 }],
  [
    'parallelism fractional',
    rollout({ parallelism: 1.5 }),
    { path: 's/w', field: 'rollout.parallelism', rule: 'must be an integer of at least 1', value: 1.5 },
  ],
  ['delay not a duration', rollout({ delay: '5' }), { path: 's/w', field: 'rollout.delay', rule: DURATION_RULE, value: '5' }],
  [
    'delay not whole seconds',
    rollout({ delay: '1500ms' }),
    { path: 's/w', field: 'rollout.delay', rule: 'must be whole seconds (Kubernetes minReadySeconds)', value: '1500ms' },
  ],
  ['monitor not a duration', rollout({ monitor: '1 minute' }), { path: 's/w', field: 'rollout.monitor', rule: DURATION_RULE, value: '1 minute' }],
  ['monitor 0s', rollout({ monitor: '0s' }), { path: 's/w', field: 'rollout.monitor', rule: 'must be whole seconds, at least 1s', value: '0s' }],
  [
    'monitor not whole seconds',
    rollout({ monitor: '2500ms' }),
    { path: 's/w', field: 'rollout.monitor', rule: 'must be whole seconds, at least 1s', value: '2500ms' },
  ],
];

describe('rollout: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});
