import { IngressRule, normalizePath, PathType, routesTo } from '../model/ingress';
import { WorkloadBase } from '../model/workload-base';

/*
 * Swarm has no Ingress. Each rule of an Ingress becomes Traefik v2 labels on
 * the routed workload's service (deploy.labels, which Traefik's Swarm
 * provider reads):
 *
 *   traefik.enable=true
 *   traefik.docker.network=<swarmProxyNetwork>                  (when given)
 *   traefik.http.routers.<stack>_<ingress>_<rule index>.rule=Host(`h`) && (Path(`/p`) || PathPrefix(`/p/`))
 *   traefik.http.routers.<router>.service=<stack>_<workload>_<port name>
 *   traefik.http.routers.<router>.tls=true                      (host in a TLS entry)
 *   traefik.http.routers.<router>.tls.certresolver=<resolver>   (swarmCertResolver)
 *   traefik.http.services.<service>.loadbalancer.server.port=<targetPort>
 *
 * Router and service names carry the stack name (one Traefik serves many
 * stacks), joined by "_", which no name contains, so that they never collide. A Prefix path matches whole segments like Kubernetes' (`/api`
 * matches `/api` and `/api/x`, not `/apix`); `*.example.com` becomes a
 * HostRegexp matching one label.
 */

/** The Traefik v2 rule of an Ingress rule. */
export function traefikRule(rule: IngressRule): string {
  const host = rule.host.startsWith('*.')
    ? `HostRegexp(\`{subdomain:[a-z0-9-]+}.${rule.host.slice(2)}\`)`
    : `Host(\`${rule.host}\`)`;
  const path = normalizePath(rule.path, rule.pathType);
  const match = rule.pathType === PathType.EXACT
    ? `Path(\`${path}\`)`
    : path === '/' ? 'PathPrefix(`/`)' : `(Path(\`${path}\`) || PathPrefix(\`${path}/\`))`;
  return `${host} && ${match}`;
}

/** The Traefik labels of a workload's service; empty when no Ingress routes to it. */
export function routingLabels(w: WorkloadBase): Record<string, string> {
  const routes = routesTo(w);
  if (routes.length === 0) return {};
  const labels: Record<string, string> = { 'traefik.enable': 'true' };
  const proxy = routes.map((r) => r.ingress.swarmProxyNetwork).find((n) => n !== undefined);
  if (proxy !== undefined) labels['traefik.docker.network'] = proxy;
  for (const { ingress, rule } of routes) {
    const port = rule.port!;
    const router = `traefik.http.routers.${w.stackName}_${ingress.name}_${rule.index}`;
    const service = `${w.stackName}_${w.name}_${port.name}`;
    labels[`${router}.rule`] = traefikRule(rule);
    labels[`${router}.service`] = service;
    if (ingress.hasTls(rule.host)) {
      labels[`${router}.tls`] = 'true';
      if (ingress.swarmCertResolver !== undefined) labels[`${router}.tls.certresolver`] = ingress.swarmCertResolver;
    }
    labels[`traefik.http.services.${service}.loadbalancer.server.port`] = String(port.targetPort);
  }
  return labels;
}
