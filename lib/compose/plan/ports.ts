import { findHostNames } from '../../model/checks/host-references';
import { officialImageName } from '../../model/image';
import { Exposure, PortProps, PublishMode } from '../../model/ports';
import { parsePortSpec } from '../syntax';
import { wellKnownPort } from '../well-known-ports';
import { Context, Dict, isDict, Keys } from './context';
import { ServicePlanning } from './service-planning';

/** A `ports` entry, long or short syntax. */
interface PortSpec {
  readonly target: number;
  readonly published?: number;
  readonly protocol: string;
  readonly mode: string;
  readonly hostIp?: string;
}

/**
 * `ports` and `expose` -> ports; with neither, a port inferred from an
 * official image. A StatefulWorkload needs one (its headless Service names
 * each replica).
 */
export function planPorts(s: ServicePlanning): void {
  const { ctx, svc, kind, at } = s;
  s.composeKeys.record('ports', 'ports');
  const out: PortProps[] = [];
  const fronts = new Set<string>();
  const targets = new Set<string>();
  (Array.isArray(svc.ports) ? svc.ports : []).forEach((entry, i) => {
    const keys = at('ports', i);
    let specs: PortSpec[];
    if (isDict(entry)) {
      if (typeof entry.target !== 'number') return ctx.problem(keys, 'needs target: the container port');
      const published = typeof entry.published === 'number' && entry.published > 0 ? { published: entry.published } : {};
      specs = [{ target: entry.target, ...published, protocol: String(entry.protocol ?? 'tcp'), mode: String(entry.mode ?? 'ingress') }];
    } else {
      try {
        specs = parsePortSpec(String(entry)).map((spec) => ({ ...spec, mode: 'ingress' }));
      } catch (e) {
        return ctx.problem(keys, `${(e as Error).message} (got "${String(entry)}")`);
      }
    }
    for (const p of specs) {
      if (p.mode !== 'ingress' && p.mode !== 'host') return ctx.problem(at('ports', i, 'mode'), `must be ingress or host (got "${p.mode}")`);
      if (p.protocol !== 'tcp' && p.protocol !== 'udp') {
        ctx.note(keys, 'dropped', `protocol ${p.protocol} is not in the model (tcp and udp only)`);
        continue;
      }
      if (p.target < 1 || p.target > 65535) return ctx.problem(keys, `container port ${p.target} must be from 1 to 65535`);
      if (p.published !== undefined && p.published > 65535) return ctx.problem(keys, `published port ${p.published} must be from 1 to 65535`);
      if (p.hostIp) ctx.note(keys, 'info',
        `the host address ${p.hostIp} is dropped: Swarm publishes on every address (docker stack deploy ignores it too)`);
      if (kind === 'Job') {
        ctx.note(keys, 'dropped', 'a job publishes no ports (Conductor Jobs run to completion)');
        continue;
      }
      const front = `${p.published ?? p.target}/${p.protocol}`;
      const back = `${p.target}/${p.protocol}`;
      if (fronts.has(front) || targets.has(back)) {
        const taken = targets.has(back) ? `container port ${back} is already published` : `port ${front} is already taken`;
        ctx.note(keys, 'dropped', `${taken}: Conductor gives each container port one published port`);
        continue;
      }
      fronts.add(front);
      targets.add(back);
      out.push(portProps(s, keys, p));
    }
  });
  const expose = Array.isArray(svc.expose) ? svc.expose : [];
  expose.forEach((entry, i) => {
    const keys = at('expose', i);
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(String(entry));
    if (!m) return ctx.problem(keys, `must be a port or range such as "3000" or "3000-3005/udp" (got "${String(entry)}")`);
    const protocol = (m[3] ?? 'tcp') as 'tcp' | 'udp' | 'sctp';
    if (protocol === 'sctp') return ctx.note(keys, 'dropped', 'protocol sctp is not in the model');
    const [start, end] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (start < 1 || end > 65535 || end < start) return ctx.problem(keys, `ports must be from 1 to 65535 (got "${String(entry)}")`);
    for (let port = start; port <= end; port++) {
      // Published for this container port already: reachable inside the stack too.
      if (targets.has(`${port}/${protocol}`)) continue;
      if (fronts.has(`${port}/${protocol}`)) {
        ctx.note(keys, 'dropped',
          `port ${port}/${protocol} is also published for another container port: Conductor gives a port number one meaning per workload`);
        continue;
      }
      fronts.add(`${port}/${protocol}`);
      targets.add(`${port}/${protocol}`);
      out.push(protocol === 'tcp' ? { port } : { port, protocol });
    }
  });
  if (expose.length) {
    ctx.note(at('expose'), 'info',
      'internal ports: a ClusterIP Service on Kubernetes; Swarm needs none (services of a stack reach each other on any port)',
      'kubernetes');
  }
  if (out.length === 0 && kind !== 'Job' && typeof svc.image === 'string') out.push(...inferPorts(ctx, s.name, s.id, svc.image));
  if (out.length) s.props.ports = out;
  if (kind === 'StatefulWorkload' && out.length === 0) {
    ctx.problem(at('volumes'), 'a service with a per-replica volume ({{.Task.Slot}}) becomes a StatefulWorkload, which needs a port ' +
      '(its headless Service names each replica): add expose: [PORT]');
  }
}

/** A published port: a LoadBalancer port when `published` is given, else a NodePort (Swarm picks the published port). */
function portProps(s: ServicePlanning, keys: Keys, p: PortSpec): PortProps {
  const protocol: Pick<PortProps, 'protocol'> = p.protocol === 'udp' ? { protocol: 'udp' } : {};
  const hostMode = p.mode === 'host' ? { publishMode: PublishMode.HOST } : {};
  if (p.published !== undefined) {
    const targetPort = p.target !== p.published ? { targetPort: p.target } : {};
    return { port: p.published, ...targetPort, ...protocol, exposure: Exposure.LOAD_BALANCER, ...hostMode };
  }
  // Swarm picks the published port, like a Kubernetes NodePort.
  if (p.mode === 'host') s.ctx.note(keys, 'changed',
    `published at ${p.target} on the node (host mode without a published port would take a random one)`);
  return { port: p.target, ...protocol, exposure: Exposure.NODE_PORT, ...hostMode };
}

/**
 * A service with neither `ports` nor `expose`: Swarm resolves its name on its
 * networks whatever the port, Kubernetes only through a Service, which needs
 * a port. Declared as internal (no published port on Swarm).
 */
function inferPorts(ctx: Context, name: string, id: string, image: string): PortProps[] {
  const port = wellKnownPort(image);
  if (port !== undefined) {
    ctx.note(['services', name], 'changed',
      `port ${port} inferred from the official ${officialImageName(image)} image (neither ports nor expose is set): ` +
      `declared as an internal port, so clients reach "${id}:${port}" by name on Kubernetes too (a Service); nothing is published`);
    return [{ port }];
  }
  const users = referrers(ctx.loaded.doc.services ?? {}, name);
  const add = 'add the port it listens on: expose: ["PORT"] in the file, or ports: [{ port: PORT }] in the app';
  if (users.length) {
    ctx.note(['services', name], 'warning', `neither ports nor expose is set, so on Kubernetes "${id}" gets no Service and ${users.join(', ')} ` +
      `cannot reach it by name (on Swarm they can): ${add}`, 'kubernetes');
  } else {
    ctx.note(['services', name], 'info', `neither ports nor expose is set: no Kubernetes Service, so nothing can reach "${id}" by name there ` +
      `(nothing in the file does); if clients connect to it, ${add}`, 'kubernetes');
  }
  return [];
}

/**
 * The other services that name `name` as a host: in `depends_on`; in URL or
 * `name:PORT` form in env, command or entrypoint (the run-time checks' own
 * matcher, lib/model/checks/host-references.ts); or as a whole env value
 * (`DB_HOST=db`). By name.
 */
function referrers(services: Record<string, Dict>, name: string): string[] {
  const named = new Set([name]);
  const strings = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : isDict(v) ? Object.values(v).flatMap(strings) : [];
  // A list-form env entry is `KEY=value`: its value is what names a host.
  const envValues = (env: unknown) => strings(env).map((e) => (Array.isArray(env) && e.includes('=') ? e.slice(e.indexOf('=') + 1) : e));
  return Object.keys(services).filter((other) => {
    if (other === name) return false;
    const svc = services[other] ?? {};
    const dependsOn = Array.isArray(svc.depends_on) ? svc.depends_on.map(String) : isDict(svc.depends_on) ? Object.keys(svc.depends_on) : [];
    const values = envValues(svc.environment);
    return dependsOn.includes(name) || values.includes(name)
      || [...values, ...strings(svc.command), ...strings(svc.entrypoint)].some((t) => findHostNames(t, named).length > 0);
  }).sort();
}
