/**
 * Every Swarm rule beside the Swarm renderer: what a stack file cannot
 * express exactly (gaps: rendered with a documented approximation, a
 * warning), what it cannot express at all (target errors: rendering Swarm
 * fails, `--target kubernetes` still renders), and Swarm's own run-time
 * checks (lib/swarm/checks). README's mapping table lists the same decisions.
 */
import type { IConstruct } from 'constructs';
import { runtimeFacts } from '../model/checks';
import { Config } from '../model/config';
import { CronJob, CronJobOnSwarm } from '../model/cron-job';
import { HealthCheck } from '../model/health';
import { Ingress } from '../model/ingress';
import { RunToCompletion } from '../model/job';
import { ReplicatedWorkload } from '../model/long-running';
import { isEgressRestricted, Network } from '../model/network';
import { Exposure, PublishMode } from '../model/ports';
import type { ProblemCollector } from '../model/problems';
import { MEBIBYTE, parseMemory } from '../model/quantity';
import { Secret } from '../model/secret';
import type { Stack } from '../model/stack';
import { StatefulWorkload } from '../model/stateful-workload';
import { WorkloadBase } from '../model/workload-base';
import { swarmRuntimeChecks } from './checks';
import { configFileKey, MAX_SWARM_OBJECT_NAME, MAX_SWARM_SCOPED_NAME, perReplicaVolumeName, secretKey, stackScoped } from './names';

const SWARM = 'swarm';
/** swarmkit: config data must be less than 1,024,000 bytes, secret data less than 512,000. */
export const MAX_SWARM_CONFIG_BYTES = 1_024_000;
export const MAX_SWARM_SECRET_BYTES = 512_000;

/** The Swarm target's check of one stack (lib/targets.ts). */
export function checkSwarm(stack: Stack, c: ProblemCollector): void {
  for (const x of stack.node.findAll()) checkConstruct(x, c);
  swarmRuntimeChecks(runtimeFacts(stack), c);
}

function checkConstruct(x: IConstruct, c: ProblemCollector): void {
  if (x instanceof WorkloadBase) {
    serviceNameLimits(x, c);
    if (x instanceof StatefulWorkload) volumeNameLimits(x, c);
    networkGaps(x, c);
    workloadGaps(x, c);
    if (x instanceof ReplicatedWorkload) replicatedGaps(x, c);
    if (x instanceof RunToCompletion) jobGaps(x, c);
    if (x instanceof CronJob) cronJobGaps(x, c);
  } else if (x instanceof Config) {
    configNameLimits(x, c);
    configContentLimits(x, c);
  } else if (x instanceof Secret) {
    secretNameLimit(x, c);
    secretSizeLimit(x, c);
  }
  else if (x instanceof Network) networkNameLimit(x, c);
  else if (x instanceof Ingress) ingressGaps(x, c);
}

/*
 * Name limits: `docker stack deploy` names services and networks
 * `<stack>_<name>` (at most 63 characters, a DNS label), configs, secrets
 * and volumes too (at most 64). Kubernetes renders such names unchanged.
 */

function serviceNameLimits(w: WorkloadBase, c: ProblemCollector): void {
  const path = w.node.path;
  const service = stackScoped(w.stackName, w.name);
  if (service.length > MAX_SWARM_SCOPED_NAME) {
    c.targetLimit(path, 'name', SWARM, `stack and workload names together are too long: Swarm service "${service}" must be at most `
      + `${MAX_SWARM_SCOPED_NAME} characters`, w.name);
  }
  for (const s of Array.isArray(w.givenProps.sidecars) ? w.givenProps.sidecars : []) {
    // A sidecar is the service `<stack>_<workload>-<sidecar>`.
    const sidecar = stackScoped(w.stackName, `${w.name}-${s.name}`);
    if (typeof s.name === 'string' && sidecar.length > MAX_SWARM_SCOPED_NAME) {
      c.targetLimit(path, 'sidecars.name', SWARM, `stack, workload and sidecar names are too long: Swarm service "${sidecar}" must be at most `
        + `${MAX_SWARM_SCOPED_NAME} characters`, s.name);
    }
  }
}

function volumeNameLimits(w: StatefulWorkload, c: ProblemCollector): void {
  w.perReplicaVolumes.forEach((v, i) => {
    const volume = perReplicaVolumeName(w, v).replace('{{.Task.Slot}}', '9999');
    if (volume.length > MAX_SWARM_OBJECT_NAME) {
      c.targetLimit(w.node.path, `perReplicaVolumes[${i}].name`, SWARM, `stack, workload and volume names are too long: Swarm volume "${volume}" `
        + `must be at most ${MAX_SWARM_OBJECT_NAME} characters`, v.name);
    }
  });
}

function configNameLimits(config: Config, c: ProblemCollector): void {
  for (const f of config.fileNames) {
    if (typeof config.files[f] !== 'string') continue;
    const name = stackScoped(config.stackName, configFileKey(config, f));
    if (name.length > MAX_SWARM_OBJECT_NAME) {
      c.targetLimit(config.node.path, `files[${JSON.stringify(f)}]`, SWARM, `stack, config and file names are too long: Swarm config "${name}" `
        + `must be at most ${MAX_SWARM_OBJECT_NAME} characters`, f);
    }
  }
}

function secretNameLimit(secret: Secret, c: ProblemCollector): void {
  const name = stackScoped(secret.stackName, secretKey(secret));
  if (secret.source === 'plaintext' && name.length > MAX_SWARM_OBJECT_NAME) {
    c.targetLimit(secret.node.path, 'name', SWARM, `Swarm secret "${name}" must be at most ${MAX_SWARM_OBJECT_NAME} characters`, secret.name);
  }
}

function networkNameLimit(n: Network, c: ProblemCollector): void {
  const name = stackScoped(n.stackName, n.name);
  if (name.length > MAX_SWARM_SCOPED_NAME) {
    c.targetLimit(n.node.path, 'name', SWARM, `stack and network names together are too long: Swarm network "${name}" must be at most `
      + `${MAX_SWARM_SCOPED_NAME} characters`, n.name);
  }
}

function workloadGaps(w: WorkloadBase, c: ProblemCollector): void {
  const path = w.node.path;
  const props = w.givenProps;
  const check = props.health?.check;
  // Not a HealthCheck: validateHealth reports it.
  if (check instanceof HealthCheck && check.kind !== 'command' && !check.swarmCommand) {
    const cmd = check.commandForSwarm.join(' ');
    c.gap(path, 'health.check', SWARM, `Swarm health checks run a command inside the container; this ${check.kind} check runs "${cmd}", `
      + `so the image must have ${check.kind === 'http' ? 'wget' : 'nc'} (set swarmCommand to say which tool the image has)`);
  }
  if (props.sidecars?.length) {
    c.gap(path, 'sidecars', SWARM, 'Swarm has no pods: each sidecar runs as its own service <workload>-<sidecar> (same mode, replicas, placement and '
      + 'networks) and does not share localhost or scratch volumes with the workload');
  }
  if (props.initContainers?.length) {
    c.targetError(path, 'initContainers', SWARM, 'Swarm has no init containers; do the step at the start of the main command, or in a Job');
  }
  if (props.apiAccess?.length) {
    c.targetError(path, 'apiAccess', SWARM, 'Kubernetes API access (ServiceAccount, Role) means nothing on Swarm; '
      + 'render this stack with --target kubernetes');
  }
  if (props.lifecycle?.preStop !== undefined) {
    c.gap(path, 'lifecycle.preStop', SWARM, 'Swarm has no pre-stop hook; the process gets the stop signal directly (handle it in the process)');
  }
  // `docker stack deploy` reads an empty environment value as "take it from the deploying shell":
  // `KEY: ""` would get the deployer's KEY (a CI secret, the runner's PATH). No stack file form sets "".
  const emptyEnv = (field: string, name: string) => c.targetError(path, field, SWARM, 'docker stack deploy fills an empty environment value from the '
    + `environment of the shell that deploys (its ${name}, if set, would leak into the service); a stack file cannot set "" `
    + '(leave the variable out, or give it a value)');
  for (const [k, v] of Object.entries(w.env)) if (v === '') emptyEnv(`env[${JSON.stringify(k)}]`, k);
  for (const cfg of w.envConfigs) {
    const env = (cfg as { env?: unknown })?.env;
    if (env && typeof env === 'object') for (const [k, v] of Object.entries(env)) if (v === '') emptyEnv('envFromConfig', k);
  }
  const sidecars = Array.isArray(props.sidecars) ? props.sidecars : [];
  sidecars.forEach((s, i) => {
    for (const [k, v] of Object.entries(s?.env ?? {})) if (v === '') emptyEnv(`sidecars[${i}].env[${JSON.stringify(k)}]`, k);
  });
  // swarmkit refuses a memory reservation below 4MiB (Kubernetes takes any request).
  const reservation = (field: string, text: unknown) => {
    const m = parseMemory(text);
    if (m && m.bytes < 4 * MEBIBYTE) {
      c.targetError(path, field, SWARM, `a Swarm memory reservation must be at least 4Mi (swarmkit refuses ${m.text})`);
    }
  };
  reservation('resources.memory.request', props.resources?.memory?.request);
  sidecars.forEach((s, i) => reservation(`sidecars[${i}].resources.memory.request`, s?.resources?.memory?.request));
  // Swarm placement constraints (swarmkit manager/constraint) take keys of [A-Za-z0-9-_.] and a non-empty value.
  const nodeLabels = props.placement?.nodeLabels;
  if (nodeLabels && typeof nodeLabels === 'object') {
    for (const [k, v] of Object.entries(nodeLabels)) {
      if (k.includes('/') || v === '') {
        const what = k.includes('/') ? 'a label key with "/"' : 'for an empty label value';
        c.targetError(path, `placement.nodeLabels[${JSON.stringify(k)}]`, SWARM, `a Swarm constraint cannot test ${what} `
          + `(swarmkit refuses "node.labels.${k} == ${v}"); use a key without a prefix and a value`);
      }
    }
  }
}

/** Autoscaling and disruption budgets, as far as the model finds them valid. */
function replicatedGaps(w: ReplicatedWorkload, c: ProblemCollector): void {
  const path = w.node.path;
  const a = w.autoscaling;
  // Swarm does not autoscale.
  if (a !== undefined && (a.onSwarm === 'warn' || a.onSwarm === 'error')) {
    const message = `Swarm does not autoscale: the service runs minReplicas (${a.minReplicas}) replicas; `
      + 'scale it with "docker service scale" or an external autoscaler';
    if (a.onSwarm === 'error') c.targetError(path, 'autoscaling', SWARM, `${message} (onSwarm: 'error')`);
    else c.gap(path, 'autoscaling', SWARM, message);
  }
  const b = w.disruptionBudget as Record<string, unknown> | undefined;
  const given = b === undefined ? [] : (['minAvailable', 'maxUnavailable'] as const).filter((k) => b?.[k] !== undefined);
  const value = given.length === 1 ? b![given[0]] : undefined;
  // Swarm has no disruption budget.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    c.gap(path, 'disruptionBudget', SWARM, 'Swarm has no disruption budget: update_config.parallelism bounds only rolling updates, '
      + 'and draining a node moves all of its tasks at once');
  }
}

function jobGaps(j: RunToCompletion, c: ProblemCollector): void {
  const path = j.node.path;
  if (j.parallelism < j.completions) {
    c.gap(path, 'parallelism', SWARM, `a Swarm replicated-job runs all ${j.completions} completions at once `
      + '(a stack file cannot set MaxConcurrent apart from TotalCompletions)');
  }
  if (j.activeDeadlineMs !== undefined) c.gap(path, 'activeDeadline', SWARM, 'Swarm jobs have no deadline');
  if (j.ttlAfterFinishedMs !== undefined) c.gap(path, 'ttlAfterFinished', SWARM, 'Swarm keeps finished job tasks until the stack is removed');
}

/** Swarm has no scheduler. */
function cronJobGaps(j: CronJob, c: ProblemCollector): void {
  const path = j.node.path;
  if (j.onSwarm === CronJobOnSwarm.ERROR) {
    c.targetError(path, 'schedule', SWARM, 'Swarm has no scheduler; set onSwarm: CronJobOnSwarm.SWARM_CRONJOB (labels for crazy-max/swarm-cronjob) '
      + 'or CronJobOnSwarm.OMIT');
  } else if (j.onSwarm === CronJobOnSwarm.OMIT) {
    c.gap(path, 'onSwarm', SWARM, 'this CronJob is left out of the Swarm output (onSwarm: OMIT)');
  }
}

/**
 * A config's files on Swarm, each one Swarm config: swarmkit refuses config
 * data that is empty or not less than 1,024,000 bytes ("config data must be
 * larger than 0 and less than 1024000 bytes", measured on the engine).
 */
function configContentLimits(config: Config, c: ProblemCollector): void {
  for (const f of config.fileNames) {
    const field = `files[${JSON.stringify(f)}]`;
    if (config.files[f] === '') {
      const rule = 'a Swarm config holds at least one byte (swarmkit refuses empty config data); give the file content or leave it out';
      c.targetError(config.node.path, field, SWARM, rule);
    }
    const bytes = Buffer.byteLength(String(config.files[f]));
    if (bytes >= MAX_SWARM_CONFIG_BYTES) c.targetLimit(config.node.path, field, SWARM, `must be less than ${MAX_SWARM_CONFIG_BYTES} bytes `
      + '(each file is one Swarm config, and swarmkit refuses larger config data)', `${bytes} bytes`);
  }
}

/** A plaintext secret on Swarm: swarmkit refuses secret data not less than 512,000 bytes (measured on the engine). Never shows the value. */
function secretSizeLimit(secret: Secret, c: ProblemCollector): void {
  const value = secret.plaintextValue;
  if (typeof value !== 'string') return;
  const bytes = Buffer.byteLength(value);
  if (bytes >= MAX_SWARM_SECRET_BYTES) c.targetLimit(secret.node.path, 'value', SWARM, `must be less than ${MAX_SWARM_SECRET_BYTES} bytes `
    + '(swarmkit refuses larger secret data)', `${bytes} bytes`);
}

/**
 * Network isolation of a workload whose networks are all internal. On Swarm
 * a container with published ports is attached beyond its own networks:
 * ingress-mode ports put it on the `ingress` network and `docker_gwbridge`
 * (so its egress is open there), and host-mode ports are bound through
 * `docker_gwbridge`, which a container on internal networks only never joins.
 */
function networkGaps(w: WorkloadBase, c: ProblemCollector): void {
  if (!isEgressRestricted(w)) return;
  const path = w.node.path;
  let ingressMode = false;
  w.ports.forEach((p, i) => {
    if (p.exposure === Exposure.INTERNAL) return;
    if (p.publishMode === PublishMode.HOST) {
      c.targetError(path, `ports[${i}].publishMode`, SWARM, 'Docker binds a host-mode port through docker_gwbridge, which a container on internal '
        + 'networks only does not join, so the port would be unreachable; use PublishMode.INGRESS or join a network that is not internal');
    } else ingressMode = true;
  });
  if (ingressMode) {
    c.gap(path, 'networks', SWARM, 'a service with published (ingress-mode) ports also joins the ingress network and docker_gwbridge, so on Swarm '
      + 'its egress is not limited to its internal networks (on Kubernetes it is)');
  }
}

/** Swarm has no Ingress: Traefik v2 labels, which need a Traefik the user runs. */
function ingressGaps(ingress: Ingress, c: ProblemCollector): void {
  const workloads = [...new Set(ingress.rules.map((r) => r.workload?.name).filter((n): n is string => typeof n === 'string'))].sort();
  const where = ingress.swarmProxyNetwork !== undefined
    ? `attached to the external network "${ingress.swarmProxyNetwork}" (which ${workloads.join(', ')} join${workloads.length === 1 ? 's' : ''})`
    : `sharing a network with ${workloads.join(', ')} (e.g. a workload of this stack; or set swarmProxyNetwork)`;
  const extra = [
    ingress.className !== undefined ? `className "${ingress.className}" has no meaning there` : '',
    ingress.tls.length ? 'its certificates come from Traefik\'s own configuration (swarmCertResolver or file provider), not from the TLS Secret' : '',
  ].filter(Boolean);
  c.gap(ingress.node.path, 'rules', SWARM, 'Swarm has no Ingress: the routes are Traefik v2 labels (deploy.labels) that take effect only with a '
    + `Traefik v2 service (Swarm provider) ${where}${extra.length ? `; ${extra.join('; ')}` : ''}`);
  if (ingress.swarmProxyNetwork !== undefined) {
    const restricted = [...new Set(ingress.rules.map((r) => r.workload))]
      .filter((w) => w?.networks?.length && w.networks.every((n) => n.internal === true));
    for (const w of restricted) {
      c.gap(ingress.node.path, 'swarmProxyNetwork', SWARM, `${w.name} also joins the proxy network "${ingress.swarmProxyNetwork}" on Swarm: `
        + 'unless that network is internal, its egress is not limited to its internal networks there (on Kubernetes it is)');
    }
  }
}
