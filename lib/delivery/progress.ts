import type { Clock } from './clock';
import { Docker } from './docker';
import { replicaCounts, ServiceInfo, serviceRows, ServiceRow, stackServices, stackTasks, TaskInfo } from './engine';
import type { PlannedService } from './plan';
import { stableJson } from './stack-files';

/** Update states in which Swarm gave up on the new spec. */
const FAILED_UPDATE = new Set(['paused', 'rollback_started', 'rollback_paused', 'rollback_completed']);
/** Failed tasks of the new spec after which a service counts as failing to converge. */
const FAILED_TASKS_LIMIT = 3;
const POLL_MS = 1000;
/** docker commands failing in a row during the wait before the deploy counts as failed. */
const DOCKER_ERRORS_LIMIT = 5;
/** How long a global service may show 0/0 before that counts as "no node admits it" rather than "not placed yet". */
const GLOBAL_SETTLE_MS = 5000;
/** Task states before running; a task with a health check stays `starting` until the check passes. */
const NOT_YET_RUNNING = new Set(['new', 'pending', 'assigned', 'accepted', 'ready', 'preparing', 'starting']);

export interface ServiceProgress {
  readonly name: string;
  readonly running: number;
  readonly desired: number;
  /** Tasks whose container's health check has not passed yet. */
  readonly starting: number;
  /** Swarm's UpdateStatus.State of this deploy's update, `created`, or `-`. */
  readonly update: string;
  readonly state: 'waiting' | 'converged' | 'failed';
  readonly reason?: string;
}

/** Where progress goes: a live table on a terminal, timestamped lines otherwise (CI). */
export interface ProgressView {
  show(services: readonly ServiceProgress[], elapsedMs: number): void;
}

export interface WaitResult {
  readonly converged: boolean;
  readonly services: readonly ServiceProgress[];
  readonly timedOut: boolean;
}

export interface WaitProps {
  readonly docker: Docker;
  readonly stack: string;
  readonly services: readonly PlannedService[];
  /** Task ids that existed before the deploy: their failures are not this deploy's. */
  readonly tasksBefore: ReadonlySet<string>;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly view: ProgressView;
}

/**
 * Polls the engine until every changed service converged (its tasks run,
 * healthy, and the rolling update Swarm started for this deploy completed),
 * one failed (Swarm paused or rolled back its update, or its new tasks keep
 * failing), or the timeout. Swarm's own result decides, not the CLI's exit
 * status: a rolled-back update still exits 0 (docker/cli#6756).
 */
export async function waitForConvergence(p: WaitProps): Promise<WaitResult> {
  const start = p.clock.now();
  let last: ServiceProgress[] = [];
  let errors = 0;
  for (;;) {
    let state: [Map<string, ServiceInfo>, Map<string, ServiceRow>, TaskInfo[]];
    try {
      state = await Promise.all([stackServices(p.docker, p.stack), serviceRows(p.docker, p.stack), stackTasks(p.docker, p.stack)]);
      errors = 0;
    } catch (e) {
      // A manager busy with an election, say: the next poll may answer. Too many in a row fail the stack.
      if ((e as Error).name !== 'DockerError' || ++errors >= DOCKER_ERRORS_LIMIT) throw e;
      await p.clock.sleep(POLL_MS);
      continue;
    }
    const [infos, rows, tasks] = state;
    const elapsed = p.clock.now() - start;
    last = p.services.map((s) => assess(s, infos.get(s.name), rows.get(s.name), tasks, p.tasksBefore, elapsed));
    p.view.show(last, elapsed);
    if (last.some((s) => s.state === 'failed')) return { converged: false, services: last, timedOut: false };
    if (last.every((s) => s.state === 'converged')) return { converged: true, services: last, timedOut: false };
    if (elapsed >= p.timeoutMs) {
      const reason = `not converged after ${Math.round(p.timeoutMs / 1000)}s`;
      const services = last.map((s) => (s.state === 'waiting' ? { ...s, state: 'failed' as const, reason } : s));
      return { converged: false, services, timedOut: true };
    }
    await p.clock.sleep(POLL_MS);
  }
}

/** One service's state at one poll. */
export function assess(
  s: PlannedService, info: ServiceInfo | undefined, row: ServiceRow | undefined, tasks: readonly TaskInfo[], tasksBefore: ReadonlySet<string>,
  elapsedMs = Infinity,
): ServiceProgress {
  const counts = replicaCounts(row);
  const own = tasks.filter((t) => info && t.ServiceID === info.ID);
  const starting = own.filter((t) => t.DesiredState === 'running' && NOT_YET_RUNNING.has(t.Status.State)).length;
  const base = { name: s.name, running: counts.running, desired: counts.desired, starting };
  if (!info) return { ...base, update: '-', state: 'waiting' };
  // This deploy's update: one that started after the deploy (the status of an earlier one is kept on the service).
  const fresh = info.UpdateStatus && info.UpdateStatus.StartedAt !== s.before?.UpdateStatus?.StartedAt ? info.UpdateStatus : undefined;
  const update = fresh?.State ?? (s.action === 'create' ? 'created' : '-');
  if (fresh && FAILED_UPDATE.has(fresh.State)) {
    const reason = `Swarm ${fresh.State.replace('_', ' ')} the update${fresh.Message ? `: ${fresh.Message}` : ''}`;
    return { ...base, update, state: 'failed', reason };
  }
  const failed = own.filter((t) => !tasksBefore.has(t.ID) && (t.Status.State === 'failed' || t.Status.State === 'rejected'));
  if (failed.length >= FAILED_TASKS_LIMIT) {
    const last = failed.at(-1)!.Status;
    return { ...base, update, state: 'failed', reason: `${failed.length} new tasks failed (last: ${last.Err ?? last.State})` };
  }
  // A job has no rolling update: each update starts a new iteration, done when its runs completed.
  const isJob = info.Spec.Mode.ReplicatedJob !== undefined || info.Spec.Mode.GlobalJob !== undefined;
  if (isJob) return { ...base, update, state: counts.total !== undefined && counts.completed === counts.total ? 'converged' : 'waiting' };
  // A changed task template means Swarm rolls the tasks: wait for that update to complete.
  const rolls = s.before !== undefined && stableJson(s.before.Spec.TaskTemplate) !== stableJson(info.Spec.TaskTemplate);
  if (rolls && fresh?.State !== 'completed') return { ...base, update, state: 'waiting' };
  // No task wanted: replicas 0 (a swarm-cronjob service), or a global service no node's constraints admit
  // (0/0 also for a moment after a global service is created, before the orchestrator placed its tasks).
  const noneWanted = info.Spec.Mode.Replicated?.Replicas === 0 || (info.Spec.Mode.Global !== undefined && elapsedMs >= GLOBAL_SETTLE_MS);
  const done = counts.running === counts.desired && (counts.desired > 0 || noneWanted) && starting === 0;
  return { ...base, update, state: done ? 'converged' : 'waiting' };
}

/** `12:03:04 shop_web  2/3 running  1 starting  updating` lines, one per service whose line changed. */
export function lineView(out: (line: string) => void, now: () => Date = () => new Date()): ProgressView {
  const shown = new Map<string, string>();
  return {
    show(services) {
      const time = now().toISOString().slice(11, 19);
      for (const s of services) {
        const text = describe(s);
        if (shown.get(s.name) === text) continue;
        shown.set(s.name, text);
        out(`${time} ${text}`);
      }
    },
  };
}

/** A table redrawn in place (ANSI cursor movement), for a terminal. */
export function liveView(write: (text: string) => void): ProgressView {
  let drawn = 0;
  return {
    show(services, elapsedMs) {
      const lines = [`deploying… ${Math.round(elapsedMs / 1000)}s`, ...services.map(describe)];
      const up = drawn > 0 ? `\x1b[${drawn}A` : '';
      write(`${up}${lines.map((l) => `\x1b[2K${l}\n`).join('')}`);
      drawn = lines.length;
    },
  };
}

export function describe(s: ServiceProgress): string {
  const parts = [s.name.padEnd(24), `${s.running}/${s.desired} running`];
  if (s.starting) parts.push(`${s.starting} starting`);
  parts.push(s.update, s.state === 'waiting' ? '' : s.state);
  if (s.reason) parts.push(`(${s.reason})`);
  return parts.filter(Boolean).join('  ');
}
