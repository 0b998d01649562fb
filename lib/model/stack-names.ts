import type { IConstruct } from 'constructs';
import { Exposure, PublishMode } from './ports';
import { ProblemCollector } from './problems';
import { findStack, Resource } from './resource';
import type { Stack } from './stack';
import { StatefulWorkload } from './stateful-workload';
import { Volume } from './volume';
import { WorkloadBase } from './workload-base';

/**
 * Names must not collide in a stack's output. The construct tree refuses a
 * name twice in one scope when the construct is made; this finds what it
 * cannot see, which a renderer would otherwise overwrite without a word or
 * crash on: the same name in two scopes of one stack, a Swarm sidecar
 * service `<workload>-<sidecar>` that is another workload, a per-replica
 * volume that is a Volume, and a port
 * published twice (Swarm publishes exposed ports on every node; a fixed
 * Kubernetes nodePort is cluster-wide). The names of the extra Kubernetes
 * Services are lib/kubernetes/check.ts's business.
 */
export function validateStackNames(stack: Stack, c: ProblemCollector): void {
  const own = (x: IConstruct) => findStack(x) === stack;
  const resources = stack.node.findAll().filter((x): x is Resource => x instanceof Resource && own(x));
  const byName = new Map<string, string>();
  for (const r of resources) {
    const first = byName.get(r.name);
    if (first !== undefined) c.error(r.node.path, 'name', `must be unique in stack ${stack.stackName} (also ${first})`, r.name);
    else byName.set(r.name, r.node.path);
  }

  const workloads = resources.filter((r): r is WorkloadBase => r instanceof WorkloadBase);
  const unique = workloads.filter((w) => byName.get(w.name) === w.node.path);

  // Swarm services: each workload, and `<workload>-<sidecar>` for each sidecar.
  const services = new Map<string, string>(unique.map((w) => [w.name, `the workload ${w.node.path}`]));
  for (const w of unique) {
    (Array.isArray(w.givenProps.sidecars) ? w.givenProps.sidecars : []).forEach((s, i) => {
      if (typeof s?.name !== 'string') return;
      const key = `${w.name}-${s.name}`;
      const owner = services.get(key);
      if (owner !== undefined) c.error(w.node.path, `sidecars[${i}].name`, `Swarm service "${key}" is also ${owner}`, s.name);
      else services.set(key, `a sidecar service of ${w.node.path}`);
    });
  }

  // Per-replica volumes: Kubernetes claims `<volume>-<workload>-<ordinal>`, Swarm volumes `<workload>-<volume>-<slot>`.
  const volumes = resources.filter((r) => r instanceof Volume);
  for (const w of unique) {
    if (!(w instanceof StatefulWorkload)) continue;
    for (const v of w.perReplicaVolumes) {
      const patterns = [new RegExp(`^${escape(`${v.name}-${w.name}`)}-\\d+$`), new RegExp(`^${escape(`${w.name}-${v.name}`)}-\\d+$`)];
      for (const vol of volumes) {
        if (patterns.some((re) => re.test(vol.name))) {
          c.error(
            vol.node.path,
            'name',
            `must not be the name of a replica's volume of ${w.node.path} (Kubernetes claims "${v.name}-${w.name}-N", Swarm volumes ` +
              `"${w.name}-${v.name}-N")`,
            vol.name,
          );
        }
      }
    }
  }

  // Published ports, as swarmkit checks them: a service publishes each port number (per
  // protocol) once, whatever the mode; an ingress-mode port is published on every node, so no
  // other service may publish it (ingress or host mode). A fixed Kubernetes nodePort is taken
  // on every node of the cluster.
  const published = new Map<string, { path: string; mode: PublishMode }[]>();
  const nodePorts = new Map<string, string>();
  for (const w of unique) {
    const own = new Map<string, unknown>();
    w.ports.forEach((p, i) => {
      if (p.exposure === Exposure.INTERNAL) return;
      const error = (rule: string, n: unknown) => c.error(w.node.path, `ports[${i}]`, rule, n);
      const n = p.exposure === Exposure.NODE_PORT && p.publishMode === PublishMode.INGRESS ? p.nodePort : p.nodePort ?? p.port;
      let reported = false;
      if (typeof n === 'number') {
        const key = `${n}/${p.protocol}`;
        // The same `port` twice in one workload is reported with its ports.
        if (own.has(key) && own.get(key) !== p.port) {
          error(`must not publish port ${key} twice (a Swarm service publishes each port once)`, n);
          reported = true;
        }
        own.set(key, p.port);
        const clash = (published.get(key) ?? []).find(
          (o) => o.path !== w.node.path && (o.mode === PublishMode.INGRESS || p.publishMode === PublishMode.INGRESS),
        );
        if (!reported && clash) {
          error(`must not publish port ${key}, which ${clash.path} publishes (Swarm publishes an ingress-mode port on every node)`, n);
          reported = true;
        }
        published.set(key, [...(published.get(key) ?? []), { path: w.node.path, mode: p.publishMode }]);
      }
      if (!reported && typeof p.nodePort === 'number') {
        const key = `${p.nodePort}/${p.protocol}`;
        const owner = nodePorts.get(key);
        if (owner !== undefined && owner !== w.node.path) error(
          `must not use nodePort ${key}, which ${owner} uses (a Kubernetes nodePort is taken on every node of the cluster)`,
          p.nodePort,
        );
        else nodePorts.set(key, w.node.path);
      }
    });
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
