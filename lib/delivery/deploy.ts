import type { Clock } from './clock';
import { Docker } from './docker';
import { STACK_IMAGE_LABEL, stackServices, stackTasks } from './engine';
import { writeDeployFile } from './deploy-file';
import { changedServices, planStack, StackPlan } from './plan';
import { preflight } from './preflight';
import { ProgressView, ServiceProgress, waitForConvergence, WaitResult } from './progress';
import { pruneStack, PruneResult } from './prune';
import { rollbackStack, RollbackOutcome } from './rollback';
import type { StackFiles } from './stack-files';
import { defaultTimeoutMs } from './timeout';

export interface DeliveryProps {
  readonly docker: Docker;
  readonly clock: Clock;
  /** Where the plan and results go, a line at a time. */
  readonly log: (line: string) => void;
  /** The progress view of one stack's wait. */
  readonly view: (stack: string) => ProgressView;
  /** How long each stack may take to converge. @default scaled from the services' rollout settings, at least 3 minutes */
  readonly timeoutMs?: number;
  /** Roll every changed service back when the stack fails to converge. @default true */
  readonly rollback?: boolean;
  /** `docker stack deploy --resolve-image`. @default the CLI's (always) */
  readonly resolveImage?: 'always' | 'changed' | 'never';
}

export interface StackReport {
  readonly stack: string;
  readonly result: 'unchanged' | 'deployed' | 'failed' | 'skipped';
  readonly plan?: StackPlan;
  readonly progress?: readonly ServiceProgress[];
  readonly rollback?: readonly RollbackOutcome[];
  readonly pruned?: PruneResult;
  readonly error?: string;
}

/** Thrown when preflight finds problems: nothing was deployed. */
export class PreflightError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`preflight failed, nothing was deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PreflightError';
  }
}

/**
 * Deploys the stacks one after another, in the order given: preflight for
 * all first, then per stack the plan, `docker stack deploy` of the changed
 * services only, the wait, and a stack-wide rollback or the prune. A failed
 * stack stops the stacks after it. Resolves with a report per stack.
 */
export async function deliver(stacks: readonly StackFiles[], p: DeliveryProps): Promise<StackReport[]> {
  const checked = await preflight(p.docker, stacks);
  if (checked.problems.length) throw new PreflightError(checked.problems);
  const reports: StackReport[] = [];
  for (const stack of stacks) {
    if (reports.some((r) => r.result === 'failed')) {
      reports.push({ stack: stack.name, result: 'skipped', error: 'not deployed: a stack before it failed' });
      p.log(`stack ${stack.name}: skipped (a stack before it failed)`);
      continue;
    }
    reports.push(await deliverStack(stack, p));
  }
  return reports;
}

async function deliverStack(stack: StackFiles, p: DeliveryProps): Promise<StackReport> {
  const plan = planStack(stack, await stackServices(p.docker, stack.name));
  const changed = changedServices(plan);
  p.log(`stack ${stack.name}: ${changed.length === 0 ? 'unchanged' : `${changed.length} of ${plan.services.length} services to deploy`}`);
  for (const s of plan.services) {
    if (s.action === 'unchanged') continue;
    p.log(`  ${s.action} ${s.name}${s.drift.length ? `: ${s.drift.map((d) => `${d.field} ${d.actual} → ${d.expected}`).join('; ')}` : ''}`);
  }
  for (const e of plan.extra) p.log(`  ${e} is not in the stack file: left as it is (docker service rm ${e})`);
  if (changed.length === 0) return { stack: stack.name, result: 'unchanged', plan, pruned: await prune(stack.name, p) };

  await unpinImages(plan, p.docker);
  const tasksBefore = new Set((await stackTasks(p.docker, stack.name)).map((t) => t.ID));
  const deployFile = writeDeployFile(stack, changed.map((s) => s.key));
  let deployError: string | undefined;
  try {
    const resolve = p.resolveImage ? ['--resolve-image', p.resolveImage] : [];
    const args = ['stack', 'deploy', '--detach=true', ...resolve, '-c', deployFile.file, stack.name];
    const r = await p.docker.attempt(args);
    const message = (r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ');
    if (r.status !== 0) deployError = `docker stack deploy failed (exit ${r.status}): ${message}`;
  } finally {
    deployFile.cleanup();
  }
  const timeoutMs = p.timeoutMs ?? defaultTimeoutMs(changed.map((s) => stack.compose.services[s.key]));
  let waited: WaitResult | undefined;
  try {
    waited = deployError
      ? undefined
      : await waitForConvergence({
          docker: p.docker, stack: stack.name, services: changed, tasksBefore, timeoutMs, clock: p.clock, view: p.view(stack.name),
        });
  } catch (e) {
    deployError = `the engine stopped answering while the stack converged: ${(e as Error).message}`;
  }
  if (waited?.converged) {
    p.log(`stack ${stack.name}: deployed, ${changed.length} service${changed.length === 1 ? '' : 's'} converged`);
    return { stack: stack.name, result: 'deployed', plan, progress: waited.services, pruned: await prune(stack.name, p) };
  }
  const error = deployError ?? waited!.services.filter((s) => s.state === 'failed').map((s) => `${s.name}: ${s.reason}`).join('; ');
  p.log(`stack ${stack.name}: FAILED: ${error}`);
  if (p.rollback === false) {
    p.log(`stack ${stack.name}: --no-rollback: left as it is`);
    return { stack: stack.name, result: 'failed', plan, progress: waited?.services, error };
  }
  p.log(`stack ${stack.name}: rolling back every service this deploy changed`);
  const rollback = await rollbackStack(p.docker, stack.name, changed, p.clock, timeoutMs);
  for (const o of rollback) p.log(`  ${o.service}: ${o.result}${o.detail ? ` (${o.detail})` : ''}`);
  return { stack: stack.name, result: 'failed', plan, progress: waited?.services, rollback, error };
}

/**
 * `docker stack deploy` keeps a service's running image when the stack
 * file's image equals the image label its last stack deploy left
 * (docker/cli deployServices, unless --resolve-image always): an image
 * changed by hand would survive the deploy. So before deploying, that label
 * is set to the running image, a label-only update that restarts no task;
 * the rollback fingerprint ignores it, so a rollback still finds its spec.
 */
async function unpinImages(plan: StackPlan, docker: Docker): Promise<void> {
  for (const s of plan.services) {
    const wanted = plan.stack.compose.services[s.key].image;
    const pinned = s.before?.Spec.Labels?.[STACK_IMAGE_LABEL] === wanted;
    if (s.action !== 'update' || !pinned || !s.drift.some((d) => d.field === 'image')) continue;
    const label = `${STACK_IMAGE_LABEL}=${s.before!.Spec.TaskTemplate.ContainerSpec.Image}`;
    await docker.run(['service', 'update', '--detach', '--no-resolve-image', '--label-add', label, s.name]);
  }
}

async function prune(stack: string, p: DeliveryProps): Promise<PruneResult> {
  const pruned = await pruneStack(p.docker, stack);
  if (pruned.removed.length) p.log(`stack ${stack}: pruned ${pruned.removed.join(', ')}`);
  for (const f of pruned.failed) p.log(`stack ${stack}: could not prune ${f} (in use?)`);
  return pruned;
}
