import { ingressesOf } from '../model/ingress';
import { DEFAULT_NETWORK, networkNamesOf } from '../model/network';
import { nameKeyedRecord } from '../model/name-keyed';
import { Stack } from '../model/stack';
import { WorkloadBase } from '../model/workload-base';
import { ComposeNetwork } from './compose-types';
import { sortRecord } from './objects';

/**
 * The stack file's top-level networks: each Network as an overlay network
 * (`internal: true` when internal; Swarm names it `<stack>_<network>`), and
 * each Ingress's `swarmProxyNetwork` as an external network. The implicit
 * `default` network is Swarm's own and needs no declaration. Undefined when
 * there are none (a stack without networks keeps Swarm's default network).
 */
export function renderNetworks(stack: Stack): Record<string, ComposeNetwork> | undefined {
  const networks = nameKeyedRecord<ComposeNetwork>();
  for (const n of stack.networks) networks[n.name] = n.internal ? { driver: 'overlay', internal: true } : { driver: 'overlay' };
  for (const ingress of stack.ingresses) {
    const proxy = ingress.swarmProxyNetwork;
    if (proxy !== undefined) networks[proxy] = { external: true, name: proxy };
  }
  return Object.keys(networks).length ? sortRecord(networks) : undefined;
}

/**
 * The networks of a workload's service, sorted: its own (`default` when it
 * joined none in a stack with networks) and the proxy networks of the
 * Ingresses that route to it. Undefined when there are none: the service
 * stays on Swarm's default network, as in a stack without networks.
 */
export function serviceNetworks(w: WorkloadBase): string[] | undefined {
  const own = networkNamesOf(w);
  const proxies = ingressesOf(w).map((i) => i.swarmProxyNetwork).filter((n): n is string => n !== undefined);
  if (own.length === 0 && proxies.length === 0) return undefined;
  // Joining a proxy network must not take the service off the stack's default network.
  return [...new Set([...(own.length ? own : [DEFAULT_NETWORK]), ...proxies])].sort();
}

/** The networks of a sidecar's service: the workload's own (Traefik routes to the workload only). */
export function sidecarNetworks(w: WorkloadBase): string[] | undefined {
  const own = networkNamesOf(w);
  return own.length ? own : undefined;
}
