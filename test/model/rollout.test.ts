import { FailureAction, RolloutOrder, Workload } from '../../lib';
import type { RolloutProps } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const bad = <T>(x: unknown) => x as T;
const DURATION_RULE = 'must be a duration such as "500ms", "10s", "1m30s" or "1h"';
const rollout = (r: RolloutProps, replicas = 3): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', replicas, rollout: r });

const cases: InvalidCase[] = [
  ['order unknown', rollout({ order: bad<RolloutOrder>('rolling') }), { path: 's/w', field: 'rollout.order', rule: 'must be one of start-first, stop-first', value: 'rolling' }],
  ['failureAction unknown', rollout({ failureAction: bad<FailureAction>('retry') }), { path: 's/w', field: 'rollout.failureAction', rule: 'must be one of pause, rollback, continue', value: 'retry' }],
  ['parallelism 0', rollout({ parallelism: 0 }), { path: 's/w', field: 'rollout.parallelism', rule: 'must be an integer of at least 1', value: 0 }],
  ['parallelism fractional', rollout({ parallelism: 1.5 }), { path: 's/w', field: 'rollout.parallelism', rule: 'must be an integer of at least 1', value: 1.5 }],
  ['delay not a duration', rollout({ delay: '5' }), { path: 's/w', field: 'rollout.delay', rule: DURATION_RULE, value: '5' }],
  ['delay not whole seconds', rollout({ delay: '1500ms' }), { path: 's/w', field: 'rollout.delay', rule: 'must be whole seconds (Kubernetes minReadySeconds)', value: '1500ms' }],
  ['monitor not a duration', rollout({ monitor: '1 minute' }), { path: 's/w', field: 'rollout.monitor', rule: DURATION_RULE, value: '1 minute' }],
  ['monitor 0s', rollout({ monitor: '0s' }), { path: 's/w', field: 'rollout.monitor', rule: 'must be whole seconds, at least 1s', value: '0s' }],
  ['monitor not whole seconds', rollout({ monitor: '2500ms' }), { path: 's/w', field: 'rollout.monitor', rule: 'must be whole seconds, at least 1s', value: '2500ms' }],
];

describe('rollout: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });
});
