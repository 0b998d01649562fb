import { describeTasks, inspectService, runningTasks, ServiceInspect, TaskInspect, tasksOf } from './docker';
import { sleep } from './run';

export interface PollOptions {
  readonly timeoutMs: number;
  /** @default 250 */
  readonly intervalMs?: number;
}

/**
 * Calls `check` until it returns a value other than undefined, and returns
 * it. On timeout, throws naming `what` and the last state `describe` gives.
 */
export async function poll<T>(what: string, check: () => Promise<T | undefined>, options: PollOptions, describe?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const state = describe ? `\n${await describe()}` : '';
      throw new Error(`timed out after ${(options.timeoutMs / 1000).toFixed(0)}s waiting for ${what}${state}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
}

/**
 * Waits until exactly `replicas` tasks of `service` run (for a service with
 * a health check: running means healthy, the engine reports a task running
 * only once its container is healthy) and no update is in progress.
 * Works for replicated and global services. Returns the running tasks.
 */
export async function waitForReplicas(service: string, replicas: number, timeoutMs = 60_000): Promise<TaskInspect[]> {
  return poll(
    `${service} to run ${replicas} task(s)`,
    async () => {
      const [svc, tasks] = await Promise.all([inspectService(service), tasksOf(service)]);
      const running = runningTasks(tasks);
      const wanted = tasks.filter((t) => t.DesiredState === 'running');
      const updating = svc.UpdateStatus && /^(updating|rollback_started)$/.test(svc.UpdateStatus.State);
      return running.length === replicas && wanted.length === replicas && !updating ? running : undefined;
    },
    { timeoutMs },
    async () => describeTasks(await tasksOf(service)),
  );
}

/**
 * Waits until a job service (`replicated-job` / `global-job`) has completed
 * all the runs of its current iteration (every update of a job service, a
 * redeploy of its stack included, starts a new iteration). Fails early when
 * no run of the iteration is left active and too few completed (the retries
 * are spent), with the tasks' errors. Returns the iteration's completed tasks.
 */
export async function waitForJobComplete(service: string, timeoutMs = 60_000): Promise<TaskInspect[]> {
  let settledSince: number | undefined;
  return poll(
    `job ${service} to complete`,
    async () => {
      const [svc, all] = await Promise.all([inspectService(service), tasksOf(service)]);
      const job = svc.Spec.Mode.ReplicatedJob;
      if (!job && !svc.Spec.Mode.GlobalJob) throw new Error(`${service} is not a job (mode ${Object.keys(svc.Spec.Mode).join()})`);
      const iteration = svc.JobStatus?.JobIteration?.Index ?? 0;
      const tasks = all.filter((t) => (t.JobIteration?.Index ?? 0) === iteration);
      // A global job runs once per node: as many runs as the iteration has tasks on distinct nodes.
      const total = job ? (job.TotalCompletions ?? 1) : new Set(tasks.map((t) => t.NodeID)).size || 1;
      const complete = tasks.filter((t) => t.Status.State === 'complete');
      if (complete.length >= total) return complete;
      const active = tasks.some((t) => !['complete', 'failed', 'rejected', 'shutdown', 'orphaned', 'remove'].includes(t.Status.State));
      // A failed run is retried after the restart delay: give up only when nothing was active for 10s.
      settledSince = active || tasks.length === 0 ? undefined : (settledSince ?? Date.now());
      if (settledSince !== undefined && Date.now() - settledSince > 10_000) {
        throw new Error(`job ${service} failed: ${complete.length} of ${total} runs completed and none is left running\n${describeTasks(tasks)}`);
      }
      return undefined;
    },
    { timeoutMs },
    async () => describeTasks(await tasksOf(service)),
  );
}

/** Waits until the service's UpdateStatus.State is one of `states` (e.g. completed, rollback_completed, paused). */
export async function waitForUpdateState(service: string, states: readonly string[], timeoutMs = 60_000): Promise<ServiceInspect> {
  return poll(
    `${service} update state ${states.join(' or ')}`,
    async () => {
      const svc = await inspectService(service);
      return svc.UpdateStatus && states.includes(svc.UpdateStatus.State) ? svc : undefined;
    },
    { timeoutMs },
    async () => `update status: ${JSON.stringify((await inspectService(service)).UpdateStatus)}\n${describeTasks(await tasksOf(service))}`,
  );
}

export interface Observation {
  /** Most tasks seen running at one sample. */
  readonly maxRunning: number;
  readonly samples: number;
  /** Every task seen, as last sampled. */
  readonly tasks: TaskInspect[];
}

/** Samples a service's tasks for `durationMs`, or until `until` holds for the tasks. */
export async function observe(service: string, durationMs: number, until?: (tasks: TaskInspect[]) => boolean): Promise<Observation> {
  const deadline = Date.now() + durationMs;
  let maxRunning = 0;
  let samples = 0;
  let tasks: TaskInspect[] = [];
  do {
    tasks = await tasksOf(service);
    samples++;
    maxRunning = Math.max(maxRunning, runningTasks(tasks).length);
    if (until?.(tasks)) break;
    await sleep(250);
  } while (Date.now() < deadline);
  return { maxRunning, samples, tasks };
}
