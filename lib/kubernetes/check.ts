/**
 * Every Kubernetes rule beside the Kubernetes renderer: what a manifest
 * cannot express exactly (gaps: rendered with a documented approximation, a
 * warning) and Kubernetes' own run-time checks (lib/kubernetes/checks).
 * README's mapping table lists the same decisions.
 */
import type { IConstruct } from 'constructs';
import { runtimeFacts } from '../model/checks';
import { Config } from '../model/config';
import { RestartCondition } from '../model/lifecycle';
import { LongRunningWorkload } from '../model/long-running';
import { NodeRole } from '../model/placement';
import type { ProblemCollector } from '../model/problems';
import { Exposure } from '../model/ports';
import { findStack, Resource } from '../model/resource';
import { FailureAction } from '../model/rollout';
import { Secret } from '../model/secret';
import type { Stack } from '../model/stack';
import { StatefulWorkload } from '../model/stateful-workload';
import { WorkloadBase } from '../model/workload-base';
import { kubernetesRuntimeChecks } from './checks';
import { configSizeLimits, secretSizeLimit } from './object-size';
import { exposedServiceName, LONGEST_SERVICE_SUFFIX, MAX_KUBERNETES_LABEL, mountVolumeNames } from './names';

const KUBERNETES = 'kubernetes';

/** The Kubernetes target's check of one stack (lib/targets.ts). */
export function checkKubernetes(stack: Stack, c: ProblemCollector): void {
  for (const x of stack.node.findAll()) checkConstruct(x, c);
  serviceNameClashes(stack, c);
  kubernetesRuntimeChecks(runtimeFacts(stack), c);
}

function checkConstruct(x: IConstruct, c: ProblemCollector): void {
  if (x instanceof Config) configSizeLimits(x, c);
  if (x instanceof Secret) secretSizeLimit(x, c);
  if (!(x instanceof WorkloadBase)) return;
  exposedServiceNameLimit(x, c);
  if (x instanceof StatefulWorkload) claimNameClashes(x, c);
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
    c.gap(path, 'lifecycle.stopSignal', KUBERNETES, 'Kubernetes 1.27 sends the image\'s STOPSIGNAL; '
      + 'set STOPSIGNAL in the image to get the same behaviour');
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
      c.gap(path, `restartPolicy.${f}`, KUBERNETES, 'Kubernetes restarts with its own back-off (10s doubling to 5m) and no attempt limit; '
        + 'applies on Swarm only');
    }
  }
}

/** A StatefulSet updates one pod at a time. */
function statefulGaps(w: StatefulWorkload, c: ProblemCollector): void {
  if (w.rollout.parallelism > 1) {
    c.gap(w.node.path, 'rollout.parallelism', KUBERNETES, 'a StatefulSet updates one replica at a time; parallelism applies on Swarm only');
  }
}

/*
 * Name limits: the extra Services of mixed exposures and the pod volumes of
 * mounts are names Kubernetes gives beyond the model's (lib/kubernetes/names.ts).
 */

/** Mixed exposures give extra Services named `<name>-nodeport` / `<name>-lb`: DNS labels of at most 63 characters. */
function exposedServiceNameLimit(w: WorkloadBase, c: ProblemCollector): void {
  const max = MAX_KUBERNETES_LABEL - LONGEST_SERVICE_SUFFIX;
  if (new Set(w.ports.map((p) => p.exposure)).size > 1 && w.name.length > max) {
    const longest = exposedServiceName('<name>', Exposure.NODE_PORT);
    const rule = `must be at most ${max} characters when ports mix exposures (the extra Service is "${longest}")`;
    c.targetLimit(w.node.path, 'name', KUBERNETES, rule, w.name);
  }
}

/** A claim template named like the pod volume of a mount: the StatefulSet would put the claim in its place. */
function claimNameClashes(w: StatefulWorkload, c: ProblemCollector): void {
  const podVolumes = new Set(mountVolumeNames(w.mounts));
  const seen = new Set<string>();
  w.perReplicaVolumes.forEach((v, i) => {
    if (!seen.has(v.name) && podVolumes.has(v.name)) {
      const rule = 'must not be the name of the pod volume of one of its mounts (Kubernetes names them config-<config>, secret-<secret>, '
        + 'data-<volume>, scratch-<n>, host-<n>; the StatefulSet would put the claim in its place)';
      c.targetLimit(w.node.path, `perReplicaVolumes[${i}].name`, KUBERNETES, rule, v.name);
    }
    seen.add(v.name);
  });
}

/** Services: `<name>` for a workload with ports, and `<name>-lb` / `<name>-nodeport` for mixed exposures, unique in the namespace. */
function serviceNameClashes(stack: Stack, c: ProblemCollector): void {
  const own = (x: IConstruct) => findStack(x) === stack;
  const resources = stack.node.findAll().filter((x): x is Resource => x instanceof Resource && own(x));
  const byName = new Map<string, string>();
  for (const r of resources) if (!byName.has(r.name)) byName.set(r.name, r.node.path);
  // Workloads whose name is taken twice are the model's error already.
  const unique = resources.filter((r): r is WorkloadBase => r instanceof WorkloadBase && byName.get(r.name) === r.node.path);
  const services = new Map<string, string>();
  const extra: [string, WorkloadBase, Exposure][] = [];
  for (const w of unique) {
    const exposures = new Set(w.ports.map((p) => p.exposure));
    const stateful = w instanceof StatefulWorkload;
    if (stateful || ((w.kind === 'deployment' || w.kind === 'daemon') && exposures.size > 0)) services.set(w.name, w.node.path);
    if (stateful || exposures.size > 1) {
      for (const e of exposures) if (e !== Exposure.INTERNAL) extra.push([exposedServiceName(w.name, e), w, e]);
    }
  }
  for (const [name, w, e] of extra) {
    const owner = services.get(name);
    if (owner !== undefined) {
      const kind = e === Exposure.LOAD_BALANCER ? 'LOAD_BALANCER' : 'NODE_PORT';
      const rule = `Kubernetes Service "${name}" is also made for ${w.node.path} (the Service of its ${kind} ports)`;
      c.targetLimit(owner, 'name', KUBERNETES, rule, name);
    }
  }
}
