import type { RunToCompletion } from './job';
import { RestartCondition, RestartPolicyProps } from './lifecycle';
import { HealthCheck } from './health';
import { FailureAction, RolloutOrder } from './rollout';
import { ProblemCollector } from './problems';
import type { StatefulWorkload } from './stateful-workload';
import type { WorkloadBase } from './workload-base';

/**
 * Every concept that one target cannot express exactly is decided here, in
 * one place. `gap`: the renderers do their documented best and synth warns
 * (an error when the App is strict). `targetError`: the concept has no form
 * on that target, so rendering it fails. README's mapping table lists the
 * same decisions.
 */
export function collectTargetGaps(w: WorkloadBase, c: ProblemCollector): void {
  const path = w.node.path;
  const props = w.givenProps;
  const check = props.health?.check;
  // Not a HealthCheck: validateHealth reports it.
  if (check instanceof HealthCheck && check.kind !== 'command' && !check.swarmCommand) {
    const cmd = check.commandForSwarm.join(' ');
    c.gap(path, 'health.check', 'swarm', `Swarm health checks run a command inside the container; this ${check.kind} check runs "${cmd}", so the image must have ${check.kind === 'http' ? 'wget' : 'nc'} (set swarmCommand to say which tool the image has)`);
  }
  const rollout = w.givenRollout;
  if (rollout?.failureAction === FailureAction.ROLLBACK || rollout?.failureAction === FailureAction.CONTINUE) {
    c.gap(path, 'rollout.failureAction', 'kubernetes', `Kubernetes has no automatic "${rollout.failureAction}": a failing rollout stops and reports ProgressDeadlineExceeded (use "kubectl rollout undo" or Argo Rollouts)`);
  }
  if (props.sidecars?.length) {
    c.gap(path, 'sidecars', 'swarm', 'Swarm has no pods: each sidecar runs as its own service <workload>-<sidecar> (same mode, replicas, placement and networks) and does not share localhost or scratch volumes with the workload');
  }
  if (props.initContainers?.length) {
    c.targetError(path, 'initContainers', 'swarm', 'Swarm has no init containers; do the step at the start of the main command, or in a Job');
  }
  if (props.apiAccess?.length) {
    c.targetError(path, 'apiAccess', 'swarm', 'Kubernetes API access (ServiceAccount, Role) means nothing on Swarm; render this stack with --target kubernetes');
  }
  if (props.lifecycle?.stopSignal !== undefined) {
    c.gap(path, 'lifecycle.stopSignal', 'kubernetes', 'Kubernetes 1.27 sends the image\'s STOPSIGNAL; set STOPSIGNAL in the image to get the same behaviour');
  }
  if (props.lifecycle?.preStop !== undefined) {
    c.gap(path, 'lifecycle.preStop', 'swarm', 'Swarm has no pre-stop hook; the process gets the stop signal directly (handle it in the process)');
  }
}

/** Restart settings of long-running workloads (Kubernetes pods always restart). */
export function restartPolicyGaps(path: string, r: RestartPolicyProps | undefined, c: ProblemCollector): void {
  if (!r) return;
  if (r.condition !== undefined && r.condition !== RestartCondition.ANY) {
    c.gap(path, 'restartPolicy.condition', 'kubernetes', `pods of long-running Kubernetes workloads always restart; "${r.condition}" applies on Swarm only (use a Job for run-to-completion work)`);
  }
  for (const f of ['delay', 'maxAttempts', 'window'] as const) {
    if (r[f] !== undefined) c.gap(path, `restartPolicy.${f}`, 'kubernetes', 'Kubernetes restarts with its own back-off (10s doubling to 5m) and no attempt limit; applies on Swarm only');
  }
}

export function statefulGaps(w: StatefulWorkload, c: ProblemCollector): void {
  if (w.rollout.parallelism > 1) {
    c.gap(w.node.path, 'rollout.parallelism', 'kubernetes', 'a StatefulSet updates one replica at a time; parallelism applies on Swarm only');
  }
}

export function jobGaps(j: RunToCompletion, c: ProblemCollector): void {
  const path = j.node.path;
  if (j.parallelism !== j.completions) {
    c.gap(path, 'parallelism', 'swarm', `a Swarm replicated-job runs all ${j.completions} completions at once (a stack file cannot set MaxConcurrent apart from TotalCompletions)`);
  }
  if (j.activeDeadlineMs !== undefined) c.gap(path, 'activeDeadline', 'swarm', 'Swarm jobs have no deadline');
  if (j.ttlAfterFinishedMs !== undefined) c.gap(path, 'ttlAfterFinished', 'swarm', 'Swarm keeps finished job tasks until the stack is removed');
}

export function statefulOrderError(w: StatefulWorkload, c: ProblemCollector): void {
  if (w.givenRollout?.order === RolloutOrder.START_FIRST) {
    c.error(w.node.path, 'rollout.order', 'must be STOP_FIRST for a StatefulWorkload: a replica\'s new and old task would share its volume (and a StatefulSet cannot start first)', w.givenRollout.order);
  }
}
