import { docker, runningTasks, TaskInspect, tasksOf } from './docker';
import { RunResult } from './run';

/** Container ids of a service's running tasks (one node: all local), by slot. */
export async function containersOf(service: string): Promise<{ slot?: number; container: string; task: TaskInspect }[]> {
  const running = runningTasks(await tasksOf(service));
  const out = running.flatMap(
    (t) => (t.Status.ContainerStatus?.ContainerID ? [{ slot: t.Slot, container: t.Status.ContainerStatus.ContainerID, task: t }] : []),
  );
  if (out.length === 0) throw new Error(`${service} has no running task to exec in`);
  return out.sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0));
}

/**
 * Runs `cmd` (exec form) in a running container of `service` through
 * `docker exec`, the only way the suite talks to containers. Returns the
 * result whatever the exit status; see `execOk`.
 */
export async function execIn(service: string, cmd: readonly string[], options: { container?: string } = {}): Promise<RunResult> {
  const container = options.container ?? (await containersOf(service))[0].container;
  return docker(['exec', container, ...cmd], { allowFailure: true, timeoutMs: 30_000 });
}

/** `sh -c script` in a container of `service`; throws unless it exits 0; returns stdout. */
export async function sh(service: string, script: string, options: { container?: string } = {}): Promise<string> {
  const r = await execIn(service, ['sh', '-c', script], options);
  if (r.status !== 0) throw new Error(`in ${service}: sh -c ${JSON.stringify(script)} exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** `sh -c script` in every running container of `service`, by slot. */
export async function shInEach(service: string, script: string): Promise<{ slot?: number; container: string; stdout: string }[]> {
  const cs = await containersOf(service);
  return Promise.all(cs.map(async (c) => ({ slot: c.slot, container: c.container, stdout: await sh(service, script, { container: c.container }) })));
}

/**
 * `nslookup <name>` in a container of `service`: the name's addresses, sorted,
 * or undefined when it does not resolve there (Swarm's DNS answers only the
 * names of services on the networks the container shares with them).
 */
export async function resolveIn(service: string, name: string): Promise<string[] | undefined> {
  const r = await execIn(service, ['nslookup', name]);
  if (r.status !== 0) return undefined;
  // Lines after "Name:" hold the answers ("Address: 10.0.1.5"); the first Address line is the server's.
  const answers = r.stdout.split(/^Name:/m).slice(1).join('\n');
  return [...answers.matchAll(/^Address:\s*(\S+)/gm)].map((m) => m[1]).sort();
}
