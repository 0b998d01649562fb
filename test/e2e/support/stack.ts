import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { App } from '../../../lib';
import type { ComposeFile } from '../../../lib/swarm/compose-types';
import { writeTree } from '../../../lib/synth/writer';
import { describeTasks, docker, dockerLines, tasksOf } from './docker';
import { RunResult, tail } from './run';
import { poll } from './wait';

export interface Synthesized {
  /** The directory holding compose.yaml and its configs/ (`<out>/swarm/<stack>`). */
  readonly dir: string;
  readonly composeFile: string;
  readonly compose: ComposeFile;
}

export interface Deployment extends Synthesized {
  readonly stack: string;
  /** Output of `docker stack deploy`. */
  readonly result: RunResult;
}

export interface DeployOptions {
  /**
   * `--detach=false`: the CLI waits until every service converged (and
   * stayed up for its update monitor period). Use false for stacks with a
   * service that must never become ready.
   * @default true
   */
  readonly wait?: boolean;
  /** @default 150000 */
  readonly timeoutMs?: number;
}

let counter = 0;

/**
 * Synthesizes one stack of `app` the way `conductor synth` writes it (the
 * library's renderer and atomic writer) into a fresh directory of this run.
 */
export function synthStack(app: App, stack: string): Synthesized {
  const runDir = process.env.CONDUCTOR_E2E_DIR;
  if (!runDir) throw new Error('no e2e run directory (CONDUCTOR_E2E_DIR): run through jest');
  const out = app.render({ stacks: [stack], targets: ['swarm'] });
  const root = path.join(runDir, 'synth', `${stack}-${++counter}`);
  writeTree(root, out.files);
  const dir = path.join(root, 'swarm', stack);
  const composeFile = path.join(dir, 'compose.yaml');
  return { dir, composeFile, compose: parse(fs.readFileSync(composeFile, 'utf8')) as ComposeFile };
}

/**
 * Synthesizes `stack` of `app` and deploys it: `docker stack deploy
 * --resolve-image never [--detach=false] -c compose.yaml <stack>`, run in
 * the stack's directory like an operator would. Throws with the CLI's
 * output and the tasks' states when the deploy fails.
 */
export async function deployStack(stack: string, app: App, options: DeployOptions = {}): Promise<Deployment> {
  const synth = synthStack(app, stack);
  const wait = options.wait ?? true;
  const result = await docker(['stack', 'deploy', '--resolve-image', 'never', `--detach=${!wait}`, '-c', 'compose.yaml', stack], {
    cwd: synth.dir,
    timeoutMs: options.timeoutMs ?? 150_000,
    allowFailure: true,
  });
  if (result.status !== 0) {
    const services = Object.keys(synth.compose.services).map((s) => `${stack}_${s}`);
    const states = await Promise.all(services.map(async (s) => `${s}:\n${describeTasks(await tasksOf(s).catch(() => []))}`));
    throw new Error(
      `docker stack deploy ${stack} failed (exit ${result.status}):\n${tail(progressless(result.stderr + result.stdout), 30)}\n${states.join('\n')}`,
    );
  }
  return { ...synth, stack, result };
}

/** CLI output without the per-second progress lines of --detach=false. */
export function progressless(text: string): string {
  return text.split('\n').filter((l) => !/^(overall progress|verify:|\d+\/\d+:|\s*$)/.test(l.trim())).join('\n');
}

/** The engine objects carrying the stack's namespace label. */
export interface StackObjects {
  readonly services: string[];
  readonly networks: string[];
  readonly configs: string[];
  readonly secrets: string[];
  readonly containers: string[];
  readonly volumes: string[];
}

export async function stackObjects(stack: string): Promise<StackObjects> {
  const label = `label=com.docker.stack.namespace=${stack}`;
  const names = (kind: string) => dockerLines([kind, 'ls', '--filter', label, '--format', '{{.Name}}']);
  const [services, networks, configs, secrets, containers, volumes] = await Promise.all([
    names('service'), names('network'), names('config'), names('secret'),
    dockerLines(['ps', '--all', '--filter', label, '--format', '{{.Names}}']),
    names('volume'),
  ]);
  const sort = (xs: string[]) => xs.sort();
  return {
    services: sort(services),
    networks: sort(networks),
    configs: sort(configs),
    secrets: sort(secrets),
    containers: sort(containers),
    volumes: sort(volumes),
  };
}

export interface RemoveOptions {
  /**
   * Services whose stopped containers the engine is known to leave behind:
   * job services. Docker 20.10 does not remove the containers (nor the tasks)
   * of a `replicated-job` service when the service is removed
   * (moby/moby#44312, moby/moby#42789). @default none
   */
  readonly leftoverServices?: readonly string[];
  /** @default 60000 */
  readonly timeoutMs?: number;
}

/**
 * `docker stack rm`. It removes the services and then at once the networks,
 * and swarmkit refuses to remove a network while a task of a removed
 * service is still shutting down on it ("network ... is in use by task",
 * moby/swarmkit#2726): the command then fails, and the network stays.
 * removeStack runs the command again while the network is listed, and a
 * network removed meanwhile fails it with "not found". Those two failures
 * are tolerated here; removeStack asserts that everything went.
 */
async function stackRm(stack: string): Promise<void> {
  const r = await docker(['stack', 'rm', stack], { allowFailure: true });
  const failures = progressless(r.stderr).split('\n').filter((l) => /^Failed to remove/.test(l));
  if (r.status !== 0 && (failures.length === 0 || !failures.every((l) => /Failed to remove network .*(is in use by task|not found)/.test(l)))) {
    throw new Error(`docker stack rm ${stack} failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
}

/**
 * `docker stack rm`, then waits until the engine has removed every service,
 * network, config, secret and container of the stack (but exited containers
 * of `leftoverServices`). Returns what is left: named volumes (`docker stack
 * rm` keeps them, by design) and those containers.
 */
export async function removeStack(stack: string, options: RemoveOptions = {}): Promise<StackObjects> {
  await stackRm(stack);
  const label = `label=com.docker.stack.namespace=${stack}`;
  const allowed = new Set(options.leftoverServices ?? []);
  return poll(
    `docker stack rm ${stack} to remove everything`,
    async () => {
      let o = await stackObjects(stack);
      // A network that outlived its services (see stackRm): `docker stack rm` again, as a user would.
      if (o.services.length === 0 && o.networks.length > 0) {
        await stackRm(stack);
        o = await stackObjects(stack);
      }
      if (![o.services, o.networks, o.configs, o.secrets].every((xs) => xs.length === 0)) return undefined;
      // One snapshot for both the check and the returned names: a container
      // that was still being removed when stackObjects listed it may be gone
      // by now, and `docker rm` of it would fail.
      const rows = await dockerLines([
        'ps',
        '--all',
        '--filter',
        label,
        '--format',
        '{{.State}} {{.Label "com.docker.swarm.service.name"}} {{.Names}}',
      ]);
      const parsed = rows.map((r) => r.split(' '));
      const settled = parsed.every(([state, service]) => state === 'exited' && allowed.has(service));
      return settled ? { ...o, containers: parsed.map(([, , name]) => name).sort() } : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 500 },
    async () => JSON.stringify(await stackObjects(stack)),
  );
}
