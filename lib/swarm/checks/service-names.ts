import type { HostReference } from '../../model/checks';
import type { ProblemCollector } from '../../model/problems';

/**
 * Inside a Swarm stack a service name resolves whether or not the service
 * declares ports, and there is no port mapping: clients reach the container
 * port (targetPort), never a Kubernetes-style Service port. A service that
 * declares ports but not the one named most likely moved (a warning); one
 * that declares none is reached on any port, so Swarm says nothing.
 */
export function checkContainerPorts(refs: readonly HostReference[], c: ProblemCollector): void {
  for (const r of refs) {
    // A service that declares no port is reached on any port on Swarm (Kubernetes warns: no Service).
    if (r.port === undefined || r.server.ports.length === 0) continue;
    const targets = [...new Set(r.server.ports.map((p) => p.targetPort))];
    if (targets.includes(r.port)) continue;
    const mapped = r.server.ports.find((p) => p.port === r.port);
    const listens = `it listens on ${targets.join(', ')}`;
    const hint = mapped ? ` (${r.port} is the Service port of ${mapped.targetPort} on Kubernetes; Swarm has no port mapping inside a stack)` : '';
    const message = `names ${r.server.name} ("${r.text}"): port ${r.port} is not a container port of ${r.server.name} on Swarm, `
      + `where clients reach the container port directly: ${listens}${hint}; use the same port and targetPort, or declare ${r.port}`;
    c.warning(r.client.node.path, r.field, message, 'swarm');
  }
}
