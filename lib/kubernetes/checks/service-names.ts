import type { HostReference } from '../../model/checks';
import type { ProblemCollector } from '../../model/problems';

/**
 * A client naming a workload as a host resolves that name through the
 * workload's Service `<name>`: a workload without ports (and any Job or
 * CronJob) has none, so the name does not resolve on Kubernetes (on Swarm
 * it does). The port must be one of the Service's ports; a StatefulWorkload's
 * Service is headless (the name resolves to the pods), so there it must be
 * a container port (targetPort).
 */
export function checkServiceNames(refs: readonly HostReference[], c: ProblemCollector): void {
  for (const r of refs) {
    const s = r.server;
    const at = `names ${s.name} ("${r.text}")`;
    const ports = s.ports;
    if (s.kind === 'job' || s.kind === 'cron' || ports.length === 0) {
      const reason = ports.length === 0 ? `${s.name} declares no port` : `${s.name} is a ${s.kind === 'job' ? 'Job' : 'CronJob'}`;
      c.warning(r.client.node.path, r.field, `${at}, but ${reason}, so it has no Service and the name does not resolve on Kubernetes `
        + '(on Swarm it does); declare the port it listens on', 'kubernetes');
      continue;
    }
    if (r.port === undefined) continue;
    const headless = s.kind === 'stateful';
    const reachable = ports.map((p) => (headless ? p.targetPort : p.port));
    if (reachable.includes(r.port)) continue;
    const listed = ports.map((p) => (p.port === p.targetPort || headless ? `${p.targetPort}` : `${p.port} (→ ${p.targetPort})`)).join(', ');
    const how = headless
      ? `the headless Service ${s.name} resolves to the pods, which listen on ${listed}`
      : `the Service ${s.name} has the ports ${listed}, and clients reach a Service port`;
    const message = `${at}: port ${r.port} is not declared on Kubernetes: ${how}; use one of them or declare ${r.port}`;
    c.warning(r.client.node.path, r.field, message, 'kubernetes');
  }
}
