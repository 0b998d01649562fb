import { CommandError, run, RunOptions, RunResult } from './run';

/**
 * The docker CLI, pointed at the suite's own engine. The global set-up
 * exports DOCKER_HOST (and a private DOCKER_CONFIG); without them there is
 * no engine to talk to, so this refuses to run instead of using whatever
 * engine the machine has.
 */
export function dockerEnv(): NodeJS.ProcessEnv {
  if (!process.env.CONDUCTOR_E2E_DIR || !process.env.DOCKER_HOST?.startsWith('unix://')) {
    throw new Error(
      'no e2e engine: run the Swarm e2e tests through jest (npm test, or npx jest --selectProjects e2e), whose global set-up starts the engine',
    );
  }
  return process.env;
}

export function docker(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return run('docker', args, { ...options, env: dockerEnv() });
}

/** stdout of a docker command, trimmed, as lines (empty lines dropped). */
export async function dockerLines(args: readonly string[], options: RunOptions = {}): Promise<string[]> {
  return (await docker(args, options)).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** `docker inspect` of objects of one type; [] for no ids. */
export async function inspect<T>(
  type: 'service' | 'task' | 'container' | 'config' | 'secret' | 'volume' | 'network' | 'node',
  ids: readonly string[],
): Promise<T[]> {
  if (ids.length === 0) return [];
  return JSON.parse((await docker(['inspect', '--type', type, ...ids])).stdout) as T[];
}

// The fields of the engine's objects the suite reads (Docker Engine API 1.41).

export interface ServiceInspect {
  ID: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    TaskTemplate: {
      ContainerSpec: {
        Image: string;
        Labels?: Record<string, string>;
        Command?: string[];
        Args?: string[];
        Env?: string[];
        Dir?: string;
        User?: string;
        ReadOnly?: boolean;
        CapabilityAdd?: string[];
        CapabilityDrop?: string[];
        StopSignal?: string;
        StopGracePeriod?: number;
        Healthcheck?: { Test: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number };
        Mounts?: { Type: string; Source?: string; Target: string; ReadOnly?: boolean; TmpfsOptions?: { SizeBytes?: number } }[];
        Configs?: { ConfigName: string; File?: { Name: string } }[];
        Secrets?: { SecretName: string; File?: { Name: string } }[];
      };
      Resources?: { Limits?: { NanoCPUs?: number; MemoryBytes?: number }; Reservations?: { NanoCPUs?: number; MemoryBytes?: number } };
      RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
      Placement?: { Constraints?: string[]; Preferences?: { Spread: { SpreadDescriptor: string } }[] };
    };
    Mode: {
      Replicated?: { Replicas: number };
      Global?: object;
      ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
      GlobalJob?: object;
    };
    UpdateConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Monitor?: number; Order?: string; MaxFailureRatio?: number };
    RollbackConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Monitor?: number; Order?: string };
    EndpointSpec?: { Mode?: string; Ports?: { Protocol: string; TargetPort: number; PublishedPort?: number; PublishMode: string }[] };
  };
  PreviousSpec?: ServiceInspect['Spec'];
  Endpoint?: { Ports?: { Protocol: string; TargetPort: number; PublishedPort: number; PublishMode: string }[] };
  UpdateStatus?: { State: string; StartedAt?: string; CompletedAt?: string; Message?: string };
  /** Jobs: every update of a job service starts a new iteration. */
  JobStatus?: { JobIteration?: { Index?: number }; LastExecution?: string };
}

export interface TaskInspect {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  CreatedAt: string;
  UpdatedAt: string;
  DesiredState: string;
  JobIteration?: { Index?: number };
  Spec: { ContainerSpec: { Image: string; Args?: string[]; Env?: string[]; Healthcheck?: { Test: string[] }; Configs?: { ConfigName: string }[] } };
  Status: {
    Timestamp: string;
    State: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
    /** Host-mode published ports bound for this task. */
    PortStatus?: { Ports?: { Protocol: string; TargetPort: number; PublishedPort: number; PublishMode: string }[] };
  };
}

export async function inspectService(name: string): Promise<ServiceInspect> {
  return (await inspect<ServiceInspect>('service', [name]))[0];
}

/**
 * Every task of a service, the history of replaced and failed ones included, oldest first.
 * A service whose tasks keep failing has its oldest ones trimmed by the engine (task history
 * limit), possibly between `docker service ps` and `docker inspect`: then it lists again.
 */
export async function tasksOf(service: string): Promise<TaskInspect[]> {
  for (let attempt = 1; ; attempt++) {
    const ids = await dockerLines(['service', 'ps', '--quiet', '--no-trunc', service]);
    const r = ids.length ? await docker(['inspect', '--type', 'task', ...ids], { allowFailure: true }) : undefined;
    if (r && r.status !== 0) {
      if (attempt < 5 && /Error response from daemon: task \S+ not found/.test(r.stderr)) continue;
      throw new CommandError(`docker inspect --type task ${ids.join(' ')}`, r);
    }
    const tasks = r ? (JSON.parse(r.stdout) as TaskInspect[]) : [];
    return tasks.sort((a, b) => timeOf(a.CreatedAt) - timeOf(b.CreatedAt));
  }
}

/** Tasks the orchestrator wants running that are running (for a health-checked service: and healthy). */
export function runningTasks(tasks: readonly TaskInspect[]): TaskInspect[] {
  return tasks.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running');
}

/** An engine timestamp (RFC 3339 with nanoseconds) in milliseconds, to the microsecond. */
export function timeOf(ts: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) throw new Error(`not an engine timestamp: ${ts}`);
  return Date.parse(`${m[1]}${m[3]}`) + Number(`0.${m[2] ?? '0'}`) * 1000;
}

/** One line per task: slot, image, desired and current state, error. For failure messages. */
export function describeTasks(tasks: readonly TaskInspect[]): string {
  return tasks
    .map((t) => `  slot ${t.Slot ?? '-'} ${t.ID.slice(0, 12)} ${t.Spec.ContainerSpec.Image.split(
      '@',
    )[0]} desired=${t.DesiredState} state=${t.Status.State}${t.Status.Err ? ` err=${t.Status.Err}` : ''}`)
    .join('\n') || '  (no tasks)';
}
