import { Docker } from './docker';

/*
 * The engine's objects as `docker inspect` prints them (Engine API 1.41),
 * only the fields delivery reads, and the queries that fetch them.
 */

export interface ServiceSpec {
  readonly Name: string;
  readonly Labels?: Record<string, string>;
  readonly TaskTemplate: {
    readonly ContainerSpec: {
      readonly Image: string;
      readonly Command?: string[];
      readonly Args?: string[];
      readonly Env?: string[];
      readonly Configs?: { ConfigName: string; File?: { Name: string } }[];
      readonly Secrets?: { SecretName: string; File?: { Name: string } }[];
    };
    readonly ForceUpdate?: number;
  };
  readonly Mode: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: { TotalCompletions?: number }; GlobalJob?: object };
  readonly UpdateConfig?: { Parallelism?: number; Delay?: number; Monitor?: number };
}

export interface UpdateStatus {
  readonly State: string;
  readonly StartedAt?: string;
  readonly CompletedAt?: string;
  readonly Message?: string;
}

export interface ServiceInfo {
  readonly ID: string;
  readonly Version: { Index: number };
  readonly Spec: ServiceSpec;
  /** The spec before the last update: what `docker service rollback` restores. It lacks the engine's defaults. */
  readonly PreviousSpec?: ServiceSpec;
  readonly UpdateStatus?: UpdateStatus;
}

/** A row of `docker service ls --format '{{json .}}'`. */
export interface ServiceRow {
  readonly Name: string;
  readonly Mode: string;
  /** `2/3`; for jobs `0/1 (1/1 completed)`. */
  readonly Replicas: string;
}

export interface TaskInfo {
  readonly ID: string;
  readonly ServiceID: string;
  readonly CreatedAt: string;
  readonly DesiredState: string;
  readonly Status: { State: string; Err?: string; Message?: string };
}

/** The label `docker stack deploy` puts on everything of a stack. */
export const STACK_LABEL = 'com.docker.stack.namespace';
/** The label where `docker stack deploy` records the stack file's image of a service. */
export const STACK_IMAGE_LABEL = 'com.docker.stack.image';

/** The stack's services by name (`<stack>_<key>`), inspected. */
export async function stackServices(docker: Docker, stack: string): Promise<Map<string, ServiceInfo>> {
  const ids = await docker.lines(['service', 'ls', '--quiet', '--filter', `label=${STACK_LABEL}=${stack}`]);
  const services = await docker.inspect<ServiceInfo>('service', ids);
  return new Map(services.map((s) => [s.Spec.Name, s]));
}

export async function serviceRows(docker: Docker, stack: string): Promise<Map<string, ServiceRow>> {
  const rows = await docker.jsonLines<ServiceRow>(['service', 'ls', '--filter', `label=${STACK_LABEL}=${stack}`, '--format', '{{json .}}']);
  return new Map(rows.map((r) => [r.Name, r]));
}

/** Every task of the stack's services (the history of failed and replaced ones included). */
export async function stackTasks(docker: Docker, stack: string): Promise<TaskInfo[]> {
  const ids = await docker.lines(['stack', 'ps', '--quiet', '--no-trunc', stack]).catch(() => []);
  return docker.inspect<TaskInfo>('task', ids);
}

/** Running tasks and what they should be: `2/3` → {running 2, desired 3}; jobs count completed runs. */
export function replicaCounts(row: ServiceRow | undefined): { running: number; desired: number; completed?: number; total?: number } {
  const m = /^(\d+)\/(\d+)(?:\s*\((\d+)\/(\d+) completed\))?/.exec(row?.Replicas ?? '');
  if (!m) return { running: 0, desired: 0 };
  return { running: Number(m[1]), desired: Number(m[2]), ...(m[3] !== undefined ? { completed: Number(m[3]), total: Number(m[4]) } : {}) };
}
