import { networkNamesOf, stackHasNetworks } from '../network';
import type { ProblemCollector } from '../problems';
import type { HostReference } from './host-references';

/**
 * A client naming a workload it shares no Network with: network isolation
 * (Kubernetes NetworkPolicies, separate Swarm overlay networks) blocks the
 * connection on both targets.
 */
export function checkNetworkReach(refs: readonly HostReference[], c: ProblemCollector): void {
  for (const r of refs) {
    if (r.client === r.server || !stackHasNetworks(r.client)) continue;
    const mine = networkNamesOf(r.client);
    const theirs = networkNamesOf(r.server);
    if (mine.some((n) => theirs.includes(n))) continue;
    c.warning(r.client.node.path, r.field, `names ${r.server.name} ("${r.text}"), but ${r.client.name} (networks ${mine.join(', ')}) and `
      + `${r.server.name} (networks ${theirs.join(', ')}) share no Network, so network isolation blocks the connection on both targets; `
      + `join both to one Network`);
  }
}
