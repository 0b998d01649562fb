import { Construct } from 'constructs';
import { Config } from '../model/config';
import { DaemonWorkload } from '../model/daemon-workload';
import { Job } from '../model/job';
import { Network } from '../model/network';
import { Secret } from '../model/secret';
import { Stack, StackProps } from '../model/stack';
import { StatefulWorkload } from '../model/stateful-workload';
import { Volume } from '../model/volume';
import { Workload } from '../model/workload';
import { WorkloadBase } from '../model/workload-base';
import { validateTree } from '../synth/validate';
import { targetNames } from '../targets';
import { ImportPlan, PlannedWorkload } from './plan';
import { ComposeImportError, ComposeImportNote, ComposeProblem } from './problems';

/** The constructs an import made, by their Compose names. */
export interface BuiltImport {
  readonly stack: Stack;
  readonly services: { readonly [composeName: string]: WorkloadBase };
  readonly configs: { readonly [composeName: string]: Config };
  readonly secrets: { readonly [composeName: string]: Secret };
  readonly volumes: { readonly [composeName: string]: Volume };
  readonly networks: { readonly [composeName: string]: Network };
}

/** Makes the constructs of a plan in `scope`: the same calls the generated TypeScript makes. */
export function buildPlan(scope: Construct, plan: ImportPlan, stackProps: StackProps = {}): BuiltImport {
  const stack = new Stack(scope, plan.stackName, stackProps);
  const configs: Record<string, Config> = {};
  const secrets: Record<string, Secret> = {};
  const volumes: Record<string, Volume> = {};
  const networks: Record<string, Network> = {};
  const byId = {
    configs: new Map<string, Config>(), secrets: new Map<string, Secret>(), volumes: new Map<string, Volume>(), networks: new Map<string, Network>(),
  };
  for (const c of plan.configs) {
    const files = Object.fromEntries(Object.entries(c.files).map(([f, { content }]) => [f, content]));
    byId.configs.set(c.id, (configs[c.composeName] = new Config(stack, c.id, { files })));
  }
  for (const s of plan.secrets) byId.secrets.set(s.id, (secrets[s.composeName] = Secret.fromExisting(stack, s.id)));
  for (const v of plan.volumes) byId.volumes.set(v.id, (volumes[v.composeName] = new Volume(stack, v.id, v.props)));
  for (const n of plan.networks) byId.networks.set(n.id, (networks[n.composeName] = new Network(stack, n.id, n.props)));

  const services: Record<string, WorkloadBase> = {};
  for (const w of plan.workloads) {
    const workload = construct(stack, w, w.networks.map((id) => byId.networks.get(id)!));
    for (const m of w.mounts) {
      switch (m.kind) {
        case 'config':
          workload.mountConfig(byId.configs.get(m.config)!, m.path, { file: m.file });
          break;
        case 'secret':
          workload.mountSecret(byId.secrets.get(m.secret)!, m.path !== undefined ? { path: m.path } : {});
          break;
        case 'volume':
          workload.mountVolume(m.path, byId.volumes.get(m.volume)!, m.readOnly ? { readOnly: true } : {});
          break;
        case 'scratch':
          workload.mountScratch(m.path, m.sizeLimit !== undefined ? { sizeLimit: m.sizeLimit } : {});
          break;
        case 'host':
          workload.mountHostPath(m.path, m.hostPath, { allowHostAccess: true, ...(m.readOnly ? { readOnly: true } : {}) });
          break;
        case 'perReplica':
          // The planner makes a service with a per-replica volume a StatefulWorkload.
          if (!(workload instanceof StatefulWorkload)) throw new Error(`internal: ${w.service} has a per-replica volume but is a ${w.kind}`);
          workload.mountPerReplicaVolume(m.path, m.name, m.props);
          break;
      }
    }
    services[w.service] = workload;
  }
  return { stack, services, configs, secrets, volumes, networks };
}

/** The workload of the planned class, with its props and the Networks it joins. */
function construct(stack: Stack, w: PlannedWorkload, networks: Network[]): WorkloadBase {
  const joins = networks.length ? { networks } : {};
  switch (w.kind) {
    case 'Workload': return new Workload(stack, w.id, { ...w.props, ...joins });
    case 'StatefulWorkload': return new StatefulWorkload(stack, w.id, { ...w.props, ...joins });
    case 'DaemonWorkload': return new DaemonWorkload(stack, w.id, { ...w.props, ...joins });
    case 'Job': return new Job(stack, w.id, { ...w.props, ...joins });
  }
}

/**
 * Validates the imported stack with the model's own rules, for both
 * targets. Problems become a ComposeImportError naming the file, the
 * service and the key; target gaps and security risks become notes.
 */
export function checkImported(built: BuiltImport, plan: ImportPlan): ComposeImportNote[] {
  const { problems, gaps, risks } = validateTree(built.stack, targetNames(), false);
  // The Compose key behind a field of a service's workload, as the planner recorded it.
  const composeKeys = new Map(plan.workloads.map((w) => [w.service, w.composeKeys]));
  const composeKey = (field: string, service: string) => composeKeys.get(service)?.keyOf(field) ?? '';
  const where = (constructPath: string): { service?: string; prefix?: string } => {
    for (const [service, w] of Object.entries(built.services)) if (w.node.path === constructPath) return { service };
    const sections = [['configs', built.configs], ['secrets', built.secrets], ['volumes', built.volumes], ['networks', built.networks]] as const;
    for (const [section, map] of sections) {
      for (const [name, c] of Object.entries(map)) if (c.node.path === constructPath) return { prefix: `${section}.${name}` };
    }
    return {};
  };
  const lineOf = (service: string | undefined, key: string) => {
    const parts = key.split('.').filter(Boolean);
    return plan.line(service !== undefined ? ['services', service, ...parts] : parts);
  };
  if (problems.length) {
    const out: ComposeProblem[] = problems.map((p) => {
      const { service, prefix } = where(p.path);
      const key = service !== undefined ? composeKey(p.field, service) : prefix ?? '';
      const value = 'value' in p ? ` (got ${JSON.stringify(p.value)})` : '';
      const line = lineOf(service, key);
      const message = `${p.rule}${value} [Conductor: ${p.field}]`;
      return { file: plan.file, ...(line !== undefined ? { line } : {}), ...(service !== undefined ? { service } : {}), key, message };
    });
    throw new ComposeImportError(out);
  }
  const notes: ComposeImportNote[] = [];
  for (const g of gaps) {
    const { service, prefix } = where(g.path);
    const key = service !== undefined ? composeKey(g.field, service) : prefix ?? '';
    const line = lineOf(service, key);
    notes.push({
      ...(service !== undefined ? { service } : {}), key, kind: 'changed', target: g.target, message: g.message,
      ...(line !== undefined ? { line } : {}),
    });
  }
  for (const r of risks) {
    const { service } = where(r.path);
    if (service === undefined) continue;
    // Host paths: the importer's own note explains them.
    if (/^mounts\[/.test(r.field)) continue;
    const key = composeKey(r.field, service);
    const line = lineOf(service, key);
    notes.push({ service, key, kind: 'info', message: `security risk: ${r.message}`, ...(line !== undefined ? { line } : {}) });
  }
  return notes;
}
