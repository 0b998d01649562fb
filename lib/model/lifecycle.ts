import { DURATION_RULE, parseDuration } from './duration';
import { checkExecText } from './names';
import { ProblemCollector } from './problems';

export interface LifecycleProps {
  /**
   * Time between the stop signal and a forced kill. Kubernetes:
   * `terminationGracePeriodSeconds`. Swarm: `stop_grace_period`.
   * @default - each target's default (Kubernetes 30s, Swarm 10s)
   */
  readonly stopGracePeriod?: string;
  /**
   * Signal that asks the process to stop, e.g. `SIGQUIT` for nginx.
   * Swarm: `stop_signal`. Kubernetes 1.27 always sends the image's
   * STOPSIGNAL (a target gap: bake the signal into the image).
   * @default - the image's STOPSIGNAL (SIGTERM)
   */
  readonly stopSignal?: string;
  /**
   * Command run in the container before it is stopped. Kubernetes:
   * `lifecycle.preStop.exec`. Swarm has no hook (a target gap).
   * @default - none
   */
  readonly preStop?: string[];
}

export interface Lifecycle {
  readonly stopGracePeriodMs?: number;
  readonly stopSignal?: string;
  readonly preStop?: string[];
}

export function resolveLifecycle(l: LifecycleProps | undefined): Lifecycle {
  return {
    stopGracePeriodMs: l?.stopGracePeriod !== undefined ? parseDuration(l.stopGracePeriod) : undefined,
    stopSignal: l?.stopSignal,
    preStop: l?.preStop,
  };
}

const SIGNAL = /^SIG[A-Z0-9]+$/;

export function validateLifecycle(l: LifecycleProps | undefined, c: ProblemCollector, path: string): void {
  if (!l) return;
  if (l.stopGracePeriod !== undefined) {
    const ms = parseDuration(l.stopGracePeriod);
    if (ms === undefined) c.error(path, 'lifecycle.stopGracePeriod', DURATION_RULE, l.stopGracePeriod);
    else if (ms % 1000 !== 0) c.error(
      path,
      'lifecycle.stopGracePeriod',
      'must be whole seconds (Kubernetes terminationGracePeriodSeconds)',
      l.stopGracePeriod,
    );
  }
  if (l.stopSignal !== undefined && (typeof l.stopSignal !== 'string' || !SIGNAL.test(l.stopSignal))) c.error(
    path,
    'lifecycle.stopSignal',
    'must be a signal name such as "SIGTERM" or "SIGQUIT"',
    l.stopSignal,
  );
  if (l.preStop !== undefined && (!Array.isArray(l.preStop) || l.preStop.length === 0 || l.preStop.some((s) => typeof s !== 'string'))) {
    c.error(path, 'lifecycle.preStop', 'must be a non-empty list of strings (an exec command)', l.preStop);
  } else l.preStop?.forEach((s, i) => checkExecText(s) && c.error(path, `lifecycle.preStop[${i}]`, checkExecText(s)!, s));
}

/** When Swarm restarts a task. */
export enum RestartCondition {
  /** Always (the only choice Kubernetes has for long-running pods). */
  ANY = 'any',
  /** Only after a non-zero exit. */
  ON_FAILURE = 'on-failure',
  /** Never. */
  NONE = 'none',
}

export interface RestartPolicyProps {
  /**
   * When Swarm restarts a task: always, on failure only, or never.
   * @default RestartCondition.ANY
   */
  readonly condition?: RestartCondition;
  /** Wait between restarts. Kubernetes backs off on its own (10s doubling to 5m). @default - Swarm's 5s */
  readonly delay?: string;
  /** Give up after this many restarts. Kubernetes has no limit for long-running pods. @default - no limit */
  readonly maxAttempts?: number;
  /** Window in which restarts count as failed. @default - Swarm's default */
  readonly window?: string;
}

export interface RestartPolicy {
  readonly condition: RestartCondition;
  readonly delayMs?: number;
  readonly maxAttempts?: number;
  readonly windowMs?: number;
}

export function resolveRestartPolicy(r: RestartPolicyProps | undefined): RestartPolicy {
  return {
    condition: r?.condition ?? RestartCondition.ANY,
    delayMs: r?.delay !== undefined ? parseDuration(r.delay) : undefined,
    maxAttempts: r?.maxAttempts,
    windowMs: r?.window !== undefined ? parseDuration(r.window) : undefined,
  };
}

export function validateRestartPolicy(r: RestartPolicyProps | undefined, c: ProblemCollector, path: string): void {
  if (!r) return;
  if (r.condition !== undefined) c.oneOf(path, 'restartPolicy.condition', RestartCondition, r.condition);
  for (const f of ['delay', 'window'] as const) {
    if (r[f] !== undefined && parseDuration(r[f]) === undefined) c.error(path, `restartPolicy.${f}`, DURATION_RULE, r[f]);
  }
  if (r.maxAttempts !== undefined && (!Number.isInteger(r.maxAttempts) || r.maxAttempts < 0)) {
    c.error(path, 'restartPolicy.maxAttempts', 'must be a non-negative integer', r.maxAttempts);
  }
}
