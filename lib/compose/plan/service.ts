import { checkImage } from '../../model/image';
import { checkContainerPath } from '../../model/names';
import { shellSplit } from '../syntax';
import { ComposeKeys } from './compose-keys';
import { Context, Dict, isDict, under } from './context';
import { planDeploy } from './deploy';
import { planEnvironment } from './environment';
import { planHealth } from './health';
import { planLabels } from './labels';
import { planLifecycle } from './lifecycle';
import { planMounts, readVolumes } from './mounts';
import { planPorts } from './ports';
import { planSecurity } from './security';
import { DROPPED_SERVICE_KEYS, MAPPED_SERVICE_KEYS } from './service-keys';
import { ServicePlanning } from './service-planning';
import { TopLevel } from './top-level';
import { Draft, PlannedNetwork, PlannedWorkload, ServiceProps, WorkloadClass } from './types';

/** The props in the order the generated code prints them. */
const PROP_ORDER: readonly (keyof ServiceProps)[] = [
  'image', 'replicas', 'completions', 'retries', 'command', 'args', 'workingDir', 'env', 'ports', 'health', 'resources',
  'security', 'rollout', 'restartPolicy', 'placement', 'lifecycle', 'labels', 'annotations',
];

/** Plans one service: its workload class, props (section by section), mounts and networks. */
export function planService(
  ctx: Context, top: TopLevel, name: string, id: string, svc: Dict, defaultNetwork: PlannedNetwork | undefined,
): PlannedWorkload | undefined {
  const at = under(name);
  const deploy = (isDict(svc.deploy) ? svc.deploy : {}) as Dict;

  for (const key of Object.keys(svc)) {
    if (key.startsWith('x-')) ctx.note(at(key), 'info', 'extension field ignored');
    else if (key in DROPPED_SERVICE_KEYS) ctx.note(at(key), 'dropped', DROPPED_SERVICE_KEYS[key]);
    else if (!(MAPPED_SERVICE_KEYS as readonly string[]).includes(key)) throw new Error(`internal: service key ${key} has no handling`);
  }

  const volumes = readVolumes(ctx, at, svc);
  const perReplica = volumes.some((v) => v?.type === 'volume' && v.source !== undefined && 'perReplica' in (top.volumes.get(v.source) ?? {}));
  const kind = workloadClass(ctx, at, deploy, perReplica);
  if (kind === undefined) return undefined;
  const s: ServicePlanning = { ctx, name, svc, deploy, id, kind, at, props: {}, comments: {}, mounts: [], composeKeys: new ComposeKeys() };

  planProcess(s);
  planEnvironment(s);
  planPorts(s);
  planHealth(s);
  planDeploy(s);
  planLifecycle(s);
  planLabels(s);
  planMounts(s, top, volumes);
  planSecurity(s);
  const networks = planNetworks(s, top, defaultNetwork);

  const image = s.props.image;
  if (image === undefined) return undefined; // a problem already
  const props = { ...inPrintOrder(s.props), image };
  // Checked against the class's props type; the sections set only props of that class (a Job's completions, a service's replicas).
  return { service: name, id, kind, props, networks, mounts: s.mounts, comments: s.comments, composeKeys: s.composeKeys };
}

/** deploy.mode (and a per-replica volume) -> the workload class; undefined (and a problem) when there is none. */
function workloadClass(ctx: Context, at: ServicePlanning['at'], deploy: Dict, perReplica: boolean): WorkloadClass | undefined {
  const mode = typeof deploy.mode === 'string' ? deploy.mode : 'replicated';
  let kind: WorkloadClass;
  switch (mode) {
    case 'replicated':
      kind = perReplica ? 'StatefulWorkload' : 'Workload';
      break;
    case 'global':
      kind = 'DaemonWorkload';
      break;
    case 'replicated-job':
      kind = 'Job';
      break;
    case 'global-job':
      ctx.problem(at('deploy', 'mode'),
        'global-job (one run to completion per node) has no Conductor workload: use replicated-job, or a global service');
      return undefined;
    default:
      ctx.problem(at('deploy', 'mode'), `must be replicated, global or replicated-job (got "${mode}")`);
      return undefined;
  }
  if (perReplica && kind !== 'StatefulWorkload') ctx.problem(at('volumes'),
    `a per-replica volume ({{.Task.Slot}}) needs deploy.mode replicated (got ${mode})`);
  return kind;
}

/** `image`, `entrypoint`, `command`, `working_dir`. */
function planProcess(s: ServicePlanning): void {
  const { ctx, svc, at, props } = s;
  s.composeKeys.record('image', 'image');
  if (typeof svc.image !== 'string') {
    const build = svc.build !== undefined ? ' (build: is not supported: build and push it, then set image:)' : '';
    ctx.problem(at('image'), `needs an image: Conductor deploys images${build}`);
  } else {
    const rule = checkImage(svc.image);
    if (rule) ctx.problem(at('image'), `${rule} (got "${svc.image}")`);
    props.image = svc.image;
  }
  for (const [key, prop] of [['entrypoint', 'command'], ['command', 'args']] as const) {
    s.composeKeys.record(key, prop);
    const v = svc[key];
    if (v === undefined || v === null) continue;
    let words: string[];
    if (typeof v === 'string') {
      try {
        words = shellSplit(v);
      } catch (e) {
        ctx.problem(at(key), `cannot split it into words like the docker CLI does: ${(e as Error).message}`);
        continue;
      }
    } else words = (v as unknown[]).map(String);
    // An empty list keeps the image's own, on both targets.
    if (words.length) props[prop] = words;
  }
  s.composeKeys.record('working_dir', 'workingDir');
  if (typeof svc.working_dir === 'string') {
    const rule = checkContainerPath(svc.working_dir);
    if (rule) ctx.problem(at('working_dir'), `${rule} (got "${svc.working_dir}")`);
    else props.workingDir = svc.working_dir;
  }
}

/** The Compose networks a service lists. */
export function serviceNetworks(svc: Dict): string[] {
  const n = svc.networks;
  if (Array.isArray(n)) return n.map(String);
  if (isDict(n)) return Object.keys(n);
  return [];
}

/** `networks`: the ids of the Networks the workload joins. */
function planNetworks(s: ServicePlanning, top: TopLevel, defaultNetwork: PlannedNetwork | undefined): string[] {
  const { ctx, svc, at } = s;
  s.composeKeys.record('networks', 'networks');
  const networks: string[] = [];
  const listed = serviceNetworks(svc);
  if (isDict(svc.networks)) {
    for (const [net, opts] of Object.entries(svc.networks)) {
      if (!isDict(opts)) continue;
      for (const k of Object.keys(opts)) {
        ctx.note(at('networks', net, k), 'dropped', k === 'aliases'
          ? `network aliases are not in the model: other services reach it as "${s.id}"`
          : `${k} is not in the model`);
      }
    }
  }
  listed.forEach((net, i) => {
    const keys = Array.isArray(svc.networks) ? at('networks', i) : at('networks', net);
    if (net === 'default') {
      if (defaultNetwork) networks.push(defaultNetwork.id);
      return;
    }
    if (!top.networks.has(net) && !(ctx.loaded.doc.networks && net in ctx.loaded.doc.networks)) {
      ctx.problem(keys, `undefined network "${net}": declare it under the top-level networks:`);
      return;
    }
    const nid = top.networks.get(net);
    if (nid !== undefined) networks.push(nid);
    else ctx.note(keys, 'dropped', `"${net}" is an external network: the service is not attached to it`);
  });
  if (defaultNetwork && listed.length === 0) networks.push(defaultNetwork.id);
  return [...new Set(networks)];
}

/** The props set, in PROP_ORDER (the order the generated code prints them). */
function inPrintOrder(props: Draft<ServiceProps>): Draft<ServiceProps> {
  const out: Draft<ServiceProps> = {};
  const copy = <K extends keyof ServiceProps>(k: K) => {
    if (props[k] !== undefined) out[k] = props[k];
  };
  PROP_ORDER.forEach(copy);
  return out;
}
