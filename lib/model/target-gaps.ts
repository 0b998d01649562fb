import type { RunToCompletion } from './job';
import { RestartCondition, RestartPolicyProps } from './lifecycle';
import { HealthCheck } from './health';
import { FailureAction, RolloutOrder } from './rollout';
import type { Config } from './config';
import { NodeRole } from './placement';
import { ProblemCollector } from './problems';
import { MEBIBYTE, parseMemory } from './quantity';
import type { Autoscaling } from './autoscaling';
import type { Ingress } from './ingress';
import { Exposure, PublishMode } from './ports';
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
  if (props.placement?.nodeRole === NodeRole.MANAGER) {
    c.gap(path, 'placement.nodeRole', 'kubernetes', 'managed clusters (GKE, EKS, AKS) run no pod on control-plane nodes, so a required placement there would stay Pending: ' +
      'Kubernetes gets a preference for control-plane nodes (with a toleration) and may run the pods on any node; a Swarm service that must run on a manager ' +
      'usually talks to the Swarm API (docker.sock), which has no meaning on Kubernetes');
  }
  if (props.lifecycle?.stopSignal !== undefined) {
    c.gap(path, 'lifecycle.stopSignal', 'kubernetes', 'Kubernetes 1.27 sends the image\'s STOPSIGNAL; set STOPSIGNAL in the image to get the same behaviour');
  }
  if (props.lifecycle?.preStop !== undefined) {
    c.gap(path, 'lifecycle.preStop', 'swarm', 'Swarm has no pre-stop hook; the process gets the stop signal directly (handle it in the process)');
  }
  // `docker stack deploy` reads an empty environment value as "take it from the deploying shell":
  // `KEY: ""` would get the deployer's KEY (a CI secret, the runner's PATH). No stack file form sets "".
  const emptyEnv = (field: string, name: string) => c.targetError(path, field, 'swarm', `docker stack deploy fills an empty environment value from the environment of the shell that deploys (its ${name}, if set, would leak into the service); a stack file cannot set "" (leave the variable out, or give it a value)`);
  for (const [k, v] of Object.entries(w.env)) if (v === '') emptyEnv(`env[${JSON.stringify(k)}]`, k);
  for (const cfg of w.envConfigs) {
    const env = (cfg as { env?: unknown })?.env;
    if (env && typeof env === 'object') for (const [k, v] of Object.entries(env)) if (v === '') emptyEnv('envFromConfig', k);
  }
  (Array.isArray(props.sidecars) ? props.sidecars : []).forEach((s, i) => {
    for (const [k, v] of Object.entries(s?.env ?? {})) if (v === '') emptyEnv(`sidecars[${i}].env[${JSON.stringify(k)}]`, k);
  });
  // swarmkit refuses a memory reservation below 4MiB (Kubernetes takes any request).
  const reservation = (field: string, text: unknown) => {
    const m = parseMemory(text);
    if (m && m.bytes < 4 * MEBIBYTE) c.targetError(path, field, 'swarm', `a Swarm memory reservation must be at least 4Mi (swarmkit refuses ${m.text})`);
  };
  reservation('resources.memory.request', props.resources?.memory?.request);
  (Array.isArray(props.sidecars) ? props.sidecars : []).forEach((s, i) => reservation(`sidecars[${i}].resources.memory.request`, s?.resources?.memory?.request));
  // Swarm placement constraints (swarmkit manager/constraint) take keys of [A-Za-z0-9-_.] and a non-empty value.
  const nodeLabels = props.placement?.nodeLabels;
  if (nodeLabels && typeof nodeLabels === 'object') {
    for (const [k, v] of Object.entries(nodeLabels)) {
      if (k.includes('/') || v === '') {
        c.targetError(path, `placement.nodeLabels[${JSON.stringify(k)}]`, 'swarm', `a Swarm constraint cannot test ${k.includes('/') ? 'a label key with "/"' : 'for an empty label value'} (swarmkit refuses "node.labels.${k} == ${v}"); use a key without a prefix and a value`);
      }
    }
  }
}

/** A config's files on Swarm: swarmkit refuses an empty config ("config data must be larger than 0"). */
export function configGaps(config: Config, c: ProblemCollector): void {
  for (const f of config.fileNames) {
    if (config.files[f] === '') c.targetError(config.node.path, `files[${JSON.stringify(f)}]`, 'swarm', 'a Swarm config holds at least one byte (swarmkit refuses empty config data); give the file content or leave it out');
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
  if (j.parallelism < j.completions) {
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

/**
 * Network isolation of a workload whose networks are all internal. On Swarm
 * a container with published ports is attached beyond its own networks:
 * ingress-mode ports put it on the `ingress` network and `docker_gwbridge`
 * (so its egress is open there), and host-mode ports are bound through
 * `docker_gwbridge`, which a container on internal networks only never joins.
 */
export function networkGaps(w: WorkloadBase, c: ProblemCollector): void {
  const nets = w.networks;
  if (nets.length === 0 || !nets.every((n) => n.internal === true)) return;
  const path = w.node.path;
  let ingressMode = false;
  w.ports.forEach((p, i) => {
    if (p.exposure === Exposure.INTERNAL) return;
    if (p.publishMode === PublishMode.HOST) {
      c.targetError(path, `ports[${i}].publishMode`, 'swarm', 'Docker binds a host-mode port through docker_gwbridge, which a container on internal networks only does not join, so the port would be unreachable; use PublishMode.INGRESS or join a network that is not internal');
    } else ingressMode = true;
  });
  if (ingressMode) {
    c.gap(path, 'networks', 'swarm', 'a service with published (ingress-mode) ports also joins the ingress network and docker_gwbridge, so on Swarm its egress is not limited to its internal networks (on Kubernetes it is)');
  }
}

/** Swarm has no Ingress: Traefik v2 labels, which need a Traefik the user runs. */
export function ingressGaps(ingress: Ingress, c: ProblemCollector): void {
  const workloads = [...new Set(ingress.rules.map((r) => r.workload?.name).filter((n): n is string => typeof n === 'string'))].sort();
  const where = ingress.swarmProxyNetwork !== undefined
    ? `attached to the external network "${ingress.swarmProxyNetwork}" (which ${workloads.join(', ')} join${workloads.length === 1 ? 's' : ''})`
    : `sharing a network with ${workloads.join(', ')} (e.g. a workload of this stack; or set swarmProxyNetwork)`;
  const extra = [
    ingress.className !== undefined ? `className "${ingress.className}" has no meaning there` : '',
    ingress.tls.length ? 'its certificates come from Traefik\'s own configuration (swarmCertResolver or file provider), not from the TLS Secret' : '',
  ].filter(Boolean);
  c.gap(ingress.node.path, 'rules', 'swarm', `Swarm has no Ingress: the routes are Traefik v2 labels (deploy.labels) that take effect only with a Traefik v2 service (Swarm provider) ${where}${extra.length ? `; ${extra.join('; ')}` : ''}`);
  if (ingress.swarmProxyNetwork !== undefined) {
    const restricted = [...new Set(ingress.rules.map((r) => r.workload))].filter((w) => w?.networks?.length && w.networks.every((n) => n.internal === true));
    for (const w of restricted) {
      c.gap(ingress.node.path, 'swarmProxyNetwork', 'swarm', `${w.name} also joins the proxy network "${ingress.swarmProxyNetwork}" on Swarm: unless that network is internal, its egress is not limited to its internal networks there (on Kubernetes it is)`);
    }
  }
}

/** Swarm does not autoscale. */
export function autoscalingGaps(path: string, a: Autoscaling, c: ProblemCollector): void {
  const message = `Swarm does not autoscale: the service runs minReplicas (${a.minReplicas}) replicas; scale it with "docker service scale" or an external autoscaler`;
  if (a.onSwarm === 'error') c.targetError(path, 'autoscaling', 'swarm', `${message} (onSwarm: 'error')`);
  else c.gap(path, 'autoscaling', 'swarm', message);
}

/** Swarm has no disruption budget. */
export function disruptionBudgetGaps(path: string, c: ProblemCollector): void {
  c.gap(path, 'disruptionBudget', 'swarm', 'Swarm has no disruption budget: update_config.parallelism bounds only rolling updates, and draining a node moves all of its tasks at once');
}
