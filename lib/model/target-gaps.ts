import { FailureAction } from './rollout';
import { ProblemCollector } from './problems';
import type { WorkloadBase } from './workload-base';

/**
 * Every concept that one target cannot express exactly is decided here, in
 * one place: the renderers do their documented best, and this reports the
 * difference as a warning (an error when the App is strict). README's
 * mapping table lists the same decisions.
 */
export function collectTargetGaps(w: WorkloadBase, c: ProblemCollector): void {
  const path = w.node.path;
  const check = w.givenProps.health?.check;
  if (check && check.kind !== 'command' && !check.swarmCommand) {
    const cmd = check.commandForSwarm.join(' ');
    c.gap(path, 'health.check', 'swarm', `Swarm health checks run a command inside the container; this ${check.kind} check runs "${cmd}", so the image must have ${check.kind === 'http' ? 'wget' : 'nc'} (set swarmCommand to say which tool the image has)`);
  }
  const rollout = (w as { givenRollout?: { failureAction?: FailureAction } }).givenRollout;
  if (rollout?.failureAction === FailureAction.ROLLBACK || rollout?.failureAction === FailureAction.CONTINUE) {
    c.gap(path, 'rollout.failureAction', 'kubernetes', `Kubernetes has no automatic "${rollout.failureAction}": a failing rollout stops and reports ProgressDeadlineExceeded (use "kubectl rollout undo" or Argo Rollouts)`);
  }
}
