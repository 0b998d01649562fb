/**
 * Every Kubernetes rule beside the Kubernetes renderer: what a manifest
 * cannot express exactly (gaps: rendered with a documented approximation, a
 * warning) and Kubernetes' own run-time checks (lib/kubernetes/checks).
 * README's mapping table lists the same decisions.
 */
import type { IConstruct } from 'constructs';
import { runtimeFacts } from '../model/checks';
import { RestartCondition } from '../model/lifecycle';
import { LongRunningWorkload } from '../model/long-running';
import { NodeRole } from '../model/placement';
import type { ProblemCollector } from '../model/problems';
import { FailureAction } from '../model/rollout';
import type { Stack } from '../model/stack';
import { StatefulWorkload } from '../model/stateful-workload';
import { WorkloadBase } from '../model/workload-base';
import { kubernetesRuntimeChecks } from './checks';

const KUBERNETES = 'kubernetes';

/** The Kubernetes target's check of one stack (lib/targets.ts). */
export function checkKubernetes(stack: Stack, c: ProblemCollector): void {
  for (const x of stack.node.findAll()) checkConstruct(x, c);
  kubernetesRuntimeChecks(runtimeFacts(stack), c);
}

function checkConstruct(x: IConstruct, c: ProblemCollector): void {
  if (!(x instanceof WorkloadBase)) return;
  workloadGaps(x, c);
  if (x instanceof LongRunningWorkload) restartPolicyGaps(x, c);
  if (x instanceof StatefulWorkload) statefulGaps(x, c);
}

function workloadGaps(w: WorkloadBase, c: ProblemCollector): void {
  const path = w.node.path;
  const props = w.givenProps;
  const rollout = w.givenRollout;
  if (rollout?.failureAction === FailureAction.ROLLBACK || rollout?.failureAction === FailureAction.CONTINUE) {
    c.gap(path, 'rollout.failureAction', KUBERNETES, `Kubernetes has no automatic "${rollout.failureAction}": a failing rollout stops and reports `
      + 'ProgressDeadlineExceeded (use "kubectl rollout undo" or Argo Rollouts)');
  }
  if (props.placement?.nodeRole === NodeRole.MANAGER) {
    c.gap(path, 'placement.nodeRole', KUBERNETES, 'managed clusters (GKE, EKS, AKS) run no pod on control-plane nodes, so a required placement there '
      + 'would stay Pending: Kubernetes gets a preference for control-plane nodes (with a toleration) and may run the pods on any node; a Swarm '
      + 'service that must run on a manager usually talks to the Swarm API (docker.sock), which has no meaning on Kubernetes');
  }
  if (props.lifecycle?.stopSignal !== undefined) {
    c.gap(path, 'lifecycle.stopSignal', KUBERNETES, 'Kubernetes 1.27 sends the image\'s STOPSIGNAL; set STOPSIGNAL in the image to get the same behaviour');
  }
}

/** Restart settings of long-running workloads (Kubernetes pods always restart). */
function restartPolicyGaps(w: LongRunningWorkload, c: ProblemCollector): void {
  const r = w.givenRestartPolicy;
  if (!r) return;
  const path = w.node.path;
  if (r.condition !== undefined && r.condition !== RestartCondition.ANY) {
    c.gap(path, 'restartPolicy.condition', KUBERNETES, `pods of long-running Kubernetes workloads always restart; "${r.condition}" applies on Swarm `
      + 'only (use a Job for run-to-completion work)');
  }
  for (const f of ['delay', 'maxAttempts', 'window'] as const) {
    if (r[f] !== undefined) {
      c.gap(path, `restartPolicy.${f}`, KUBERNETES, 'Kubernetes restarts with its own back-off (10s doubling to 5m) and no attempt limit; applies on Swarm only');
    }
  }
}

/** A StatefulSet updates one pod at a time. */
function statefulGaps(w: StatefulWorkload, c: ProblemCollector): void {
  if (w.rollout.parallelism > 1) {
    c.gap(w.node.path, 'rollout.parallelism', KUBERNETES, 'a StatefulSet updates one replica at a time; parallelism applies on Swarm only');
  }
}
