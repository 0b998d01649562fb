import type { HostReference } from '../../model/checks';
import type { ProblemCollector } from '../../model/problems';

/**
 * Inside a Swarm stack a service name resolves whether or not the service
 * declares ports, and there is no port mapping: clients reach the container
 * port (targetPort), never a Kubernetes-style Service port.
 */
export function checkContainerPorts(refs: readonly HostReference[], c: ProblemCollector): void {
  for (const r of refs) {
    if (r.port === undefined) continue;
    const targets = [...new Set(r.server.ports.map((p) => p.targetPort))];
    if (targets.includes(r.port)) continue;
    const mapped = r.server.ports.find((p) => p.port === r.port);
    const listens = targets.length ? `it listens on ${targets.join(', ')}` : 'it declares no port';
    const hint = mapped ? ` (${r.port} is the Service port of ${mapped.targetPort} on Kubernetes; Swarm has no port mapping inside a stack)` : '';
    c.warning(r.client.node.path, r.field, `names ${r.server.name} ("${r.text}"): port ${r.port} is not a container port of ${r.server.name} `
      + `on Swarm, where clients reach the container port directly: ${listens}${hint}; use the same port and targetPort, or declare ${r.port}`, 'swarm');
  }
}
