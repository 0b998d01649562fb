import type { Ingress, IngressRule } from '../model/ingress';
import type { Port } from '../model/ports';
import type { Stack } from '../model/stack';
import type { WorkloadBase } from '../model/workload-base';

/*
 * The words of a stack's summary (lib/synth/graph.ts): workload kinds,
 * replicas, ports, health, uses of configs and secrets, routes and table rows.
 * Like graph.ts, reads the model through public getters and attributes only.
 */

const KINDS: Record<string, string> = {
  deployment: 'stateless',
  stateful: 'stateful',
  daemon: 'daemon',
  job: 'job',
  cron: 'cron job',
};

export function kindText(w: WorkloadBase): string {
  return KINDS[w.kind] ?? String(w.kind);
}

export function replicasText(w: WorkloadBase, unit = true): string {
  const x = w as unknown as {
    replicas?: unknown; completions?: unknown; parallelism?: unknown; schedule?: unknown; autoscaling?: { minReplicas: number; maxReplicas: number };
  };
  const a = x.autoscaling;
  if (a) return `${a.minReplicas}-${a.maxReplicas}${unit ? ' replicas' : ''} (autoscaled; Swarm: ${a.minReplicas})`;
  if (typeof x.replicas === 'number') return unit ? `${x.replicas} replica${x.replicas === 1 ? '' : 's'}` : String(x.replicas);
  if (w.kind === 'daemon') return 'one per node';
  if (typeof x.schedule === 'string') return `schedule ${x.schedule}`;
  if (typeof x.completions === 'number') {
    const atATime = typeof x.parallelism === 'number' && x.parallelism > 1 ? `, ${x.parallelism} at a time` : '';
    return `${x.completions} completion${x.completions === 1 ? '' : 's'}${atATime}`;
  }
  return '–';
}

export function exposureText(p: Port): string {
  const proto = p.protocol === 'udp' ? '/udp' : '';
  const host = p.publishMode === 'host' ? ', host mode' : '';
  switch (p.exposure) {
    case 'load-balancer':
      return `load balancer :${p.port}${proto} → ${p.targetPort}${host}`;
    case 'node-port':
      return `node port ${p.nodePort ?? '(allocated)'}${proto} → ${p.targetPort}${host}`;
    default:
      return `:${p.port}${proto} → ${p.targetPort}${host}`;
  }
}

export function portText(p: Port): string {
  const proto = p.protocol === 'udp' ? '/udp' : '';
  const to = p.port === p.targetPort ? `${p.port}${proto}` : `${p.port}${proto} → ${p.targetPort}`;
  const how = p.exposure === 'load-balancer' ? 'load balancer' : p.exposure === 'node-port' ? `node port ${p.nodePort ?? 'allocated'}` : 'internal';
  return `${to} ${p.name} (${how}${p.publishMode === 'host' ? ', host mode' : ''})`;
}

export function healthText(w: WorkloadBase): string {
  const h = w.health;
  if (!h) return '–';
  switch (h.check.kind) {
    case 'http':
      return `http \`${h.check.path}\` :${h.check.port}`;
    case 'tcp':
      return `tcp :${h.check.port}`;
    default:
      return `\`${(h.check.command ?? []).join(' ')}\``;
  }
}

export function pair(a: string | undefined, b: string | undefined): string {
  return a === undefined && b === undefined ? '–' : `${a ?? '–'} / ${b ?? '–'}`;
}

/** Config name -> how the workload uses it ("env", mount paths), in a stable order. */
export function configUses(w: WorkloadBase): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const add = (name: string, use: string) => uses.set(name, [...(uses.get(name) ?? []), use]);
  for (const c of w.envConfigs) add(c.name, 'env');
  for (const m of w.mounts) if (m.kind === 'config') add(m.config.name, m.file ? `${m.file} at ${m.path}` : m.path);
  return uses;
}

/** Secret name -> how the workload uses it (env names, file paths). */
export function secretUses(w: WorkloadBase): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const add = (name: string, use: string) => uses.set(name, [...(uses.get(name) ?? []), use]);
  for (const e of w.secretEnv) add(e.secret.name, `env ${e.name}`);
  for (const m of w.mounts) if (m.kind === 'secret') add(m.secret.name, m.path);
  return uses;
}

export interface PerReplicaVolumeView {
  readonly name: string;
  readonly path: string;
  readonly sizeText: string;
  readonly accessMode?: string;
}

export function perReplicaVolumes(w: WorkloadBase): readonly PerReplicaVolumeView[] {
  const v = (w as unknown as { perReplicaVolumes?: unknown }).perReplicaVolumes;
  return Array.isArray(v) ? (v as PerReplicaVolumeView[]) : [];
}

/** The Ingresses of a stack (a Stack of another copy of the library may have none). */
export function ingressesOf(stack: Stack): readonly Ingress[] {
  const list = (stack as unknown as { ingresses?: unknown }).ingresses;
  return Array.isArray(list) ? (list as Ingress[]) : [];
}

/** `shop.example.com/api → :80` (the rule's host, path and Service port). */
export function routeText(ing: Ingress, r: IngressRule): string {
  return `${r.host}${r.path}${r.pathType === 'Exact' ? ' (exact)' : ''}${r.port ? ` → :${r.port.port}` : ''}${ing.hasTls(r.host) ? ' TLS' : ''}`;
}

export function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
