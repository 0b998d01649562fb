import { DURATION_RULE, parseDuration } from './duration';
import { ProblemCollector } from './problems';

/** Whether new tasks start before old ones stop. */
export enum RolloutOrder {
  /** Start the new replica first, then stop an old one (no capacity dip; needs spare room). */
  START_FIRST = 'start-first',
  /** Stop an old replica first, then start the new one. */
  STOP_FIRST = 'stop-first',
}

/** What to do when an update fails. */
export enum FailureAction {
  /** Stop the rollout where it is. */
  PAUSE = 'pause',
  /** Roll back to the previous version (Swarm only; see README). */
  ROLLBACK = 'rollback',
  /** Carry on with the next batch (Swarm only). */
  CONTINUE = 'continue',
}

export interface RolloutProps {
  /**
   * Start the new replica before stopping the old one (start-first), or the reverse.
   * @default RolloutOrder.START_FIRST
   */
  readonly order?: RolloutOrder;
  /**
   * Replicas replaced at a time. Kubernetes: `maxSurge` (start-first) or
   * `maxUnavailable` (stop-first). Swarm: `update_config.parallelism`.
   * At or above the replica count, every replica is replaced in one batch.
   * @default 1
   */
  readonly parallelism?: number;
  /**
   * Wait between batches. Kubernetes: `minReadySeconds` (a new pod must stay
   * ready this long before the next batch). Swarm: `update_config.delay`.
   * @default '0s'
   */
  readonly delay?: string;
  /**
   * Swarm: `update_config.failure_action`. Kubernetes stops a failing
   * rollout (like pause) and reports `ProgressDeadlineExceeded`; it never
   * rolls back on its own, so ROLLBACK and CONTINUE are target gaps there.
   * @default FailureAction.PAUSE
   */
  readonly failureAction?: FailureAction;
  /**
   * How long a new replica is watched for failure after it starts. Swarm:
   * `update_config.monitor`. Kubernetes: `progressDeadlineSeconds` of at
   * least this long.
   * @default '30s'
   */
  readonly monitor?: string;
}

export interface Rollout {
  readonly order: RolloutOrder;
  readonly parallelism: number;
  readonly delayMs: number;
  readonly failureAction: FailureAction;
  readonly monitorMs: number;
  /** True when the user set `failureAction` explicitly. */
  readonly explicitFailureAction: boolean;
}

export function resolveRollout(r: RolloutProps | undefined, defaults: RolloutProps = {}): Rollout {
  return {
    order: r?.order ?? defaults.order ?? RolloutOrder.START_FIRST,
    parallelism: r?.parallelism ?? 1,
    delayMs: parseDuration(r?.delay ?? '0s') ?? NaN,
    failureAction: r?.failureAction ?? FailureAction.PAUSE,
    monitorMs: parseDuration(r?.monitor ?? '30s') ?? NaN,
    explicitFailureAction: r?.failureAction !== undefined,
  };
}

export function validateRollout(r: RolloutProps | undefined, c: ProblemCollector, path: string): void {
  if (!r) return;
  const v = resolveRollout(r);
  c.oneOf(path, 'rollout.order', RolloutOrder, v.order, r.order);
  c.oneOf(path, 'rollout.failureAction', FailureAction, v.failureAction, r.failureAction);
  // Kubernetes refuses maxSurge and maxUnavailable both 0 (parallelism is one of them, the other 0). No upper
  // bound: above the replica count, Kubernetes replaces all replicas in one batch and Swarm's
  // update_config.parallelism does the same (both accept it).
  if (!Number.isInteger(v.parallelism) || v.parallelism < 1) c.error(path, 'rollout.parallelism', 'must be an integer of at least 1', r.parallelism);
  if (Number.isNaN(v.delayMs)) c.error(path, 'rollout.delay', DURATION_RULE, r.delay);
  // Kubernetes: minReadySeconds is an integer number of seconds.
  else if (v.delayMs % 1000 !== 0) c.error(path, 'rollout.delay', 'must be whole seconds (Kubernetes minReadySeconds)', r.delay);
  if (Number.isNaN(v.monitorMs)) c.error(path, 'rollout.monitor', DURATION_RULE, r.monitor);
  // Kubernetes: progressDeadlineSeconds is an integer number of seconds, above 0.
  else if (v.monitorMs % 1000 !== 0 || v.monitorMs < 1000) c.error(path, 'rollout.monitor', 'must be whole seconds, at least 1s', r.monitor);
}
