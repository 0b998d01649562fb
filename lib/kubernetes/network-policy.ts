import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { routesTo } from '../model/ingress';
import { DEFAULT_NETWORK, isEgressRestricted, networkNamesOf, stackHasNetworks } from '../model/network';
import { Port } from '../model/ports';
import { Stack } from '../model/stack';
import { WorkloadBase } from '../model/workload-base';
import { selectorLabels, workloadLabels } from './labels';

/*
 * Network isolation (only in a stack that declares Networks):
 *
 *   default-deny-ingress   every pod of the namespace: no ingress unless a policy admits it
 *   network-<net>          members of <net> admit ingress from members of <net>
 *   external-<workload>    the workload's exposed (NodePort / LoadBalancer) and
 *                          Ingress-routed target ports admit ingress from anywhere
 *                          (clients, load balancers, ingress controllers of other namespaces)
 *   egress-<workload>      a workload whose networks are all internal may egress only
 *                          to the members of its networks, and to DNS (port 53)
 *
 * Members carry the pod label `network.conductor.dev/<net>: "true"`; a
 * workload that joins no network is a member of `default`. Other pods may
 * egress anywhere: the destination's ingress policies already decide what
 * reaches a pod of the stack, and traffic leaving the cluster is not the
 * stack's to isolate (that is what `internal` is for).
 */

/** Prefix of the pod labels that mark network membership. */
export const NETWORK_LABEL_PREFIX = 'network.conductor.dev/';

/** The pod label key of membership in `network`. */
export function networkLabelKey(network: string): string {
  return `${NETWORK_LABEL_PREFIX}${network}`;
}

/** Pod labels of a workload's network membership (none in a stack without networks). */
export function networkLabels(w: WorkloadBase): Record<string, string> {
  return Object.fromEntries(networkNamesOf(w).map((n) => [networkLabelKey(n), 'true']));
}

/** Renders the stack's NetworkPolicies; nothing for a stack without Networks. */
export function renderNetworkPolicies(chart: Chart, stack: Stack): void {
  if (!stackHasNetworks(stack)) return;
  const workloads = stack.workloads;
  // Construct ids start with an upper-case letter: never the id of a workload (a lower-case name).
  new kplus.NetworkPolicy(chart, 'NetworkPolicy-default-deny-ingress', {
    metadata: { name: 'default-deny-ingress' },
    ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
  });

  const names = new Set(stack.networks.map((n) => n.name));
  if (workloads.some((w) => w.networks.length === 0)) names.add(DEFAULT_NETWORK);
  const members = new Map<string, kplus.Pods>();
  for (const net of [...names].sort()) {
    members.set(net, kplus.Pods.select(chart, `Members-${net}`, { labels: { [networkLabelKey(net)]: 'true' } }));
  }
  for (const [net, pods] of members) {
    const policy = new kplus.NetworkPolicy(chart, `NetworkPolicy-network-${net}`, { metadata: { name: `network-${net}` }, selector: pods });
    policy.addIngressRule(pods);
    // cdk8s-plus-27 writes `ports: []` for a rule of all ports; left out, it means the same and reads so.
    ApiObject.of(policy).addJsonPatch(JsonPatch.remove('/spec/ingress/0/ports'));
  }

  for (const w of workloads) {
    const external = externalPorts(w);
    const restricted = isEgressRestricted(w);
    if (!external.length && !restricted) continue;
    const pods = kplus.Pods.select(chart, `Pods-${w.name}`, { labels: selectorLabels(w) });
    if (external.length) {
      const policy = new kplus.NetworkPolicy(chart, `NetworkPolicy-external-${w.name}`, {
        metadata: { name: `external-${w.name}`, labels: workloadLabels(w) },
        selector: pods,
      });
      // cdk8s-plus-27 has no rule without peers ("from anywhere"). Ports are IntOrString
      // objects: the typed KubeNetworkPolicy reads patched values through its converters.
      ApiObject.of(policy).addJsonPatch(
        JsonPatch.add('/spec/policyTypes', ['Ingress']),
        JsonPatch.add('/spec/ingress', [{ ports: external.map(policyPort) }]),
      );
    }
    if (restricted) {
      const policy = new kplus.NetworkPolicy(chart, `NetworkPolicy-egress-${w.name}`, {
        metadata: { name: `egress-${w.name}`, labels: workloadLabels(w) },
        selector: pods,
      });
      const patches: JsonPatch[] = [];
      w.networks.forEach((n, i) => {
        policy.addEgressRule(members.get(n.name)!);
        patches.push(JsonPatch.remove(`/spec/egress/${i}/ports`));
      });
      // DNS, wherever the cluster runs it (kube-dns, node-local caches): a rule without peers.
      patches.push(JsonPatch.add('/spec/egress/-', {
        ports: (['UDP', 'TCP'] as const).map((protocol) => ({ port: kplus.k8s.IntOrString.fromNumber(53), protocol })),
      }));
      ApiObject.of(policy).addJsonPatch(...patches);
    }
  }
}

/** Target ports reachable from outside the namespace: exposed ports and Ingress-routed ports, each once. */
function externalPorts(w: WorkloadBase): Port[] {
  const byKey = new Map<string, Port>();
  for (const p of w.exposedPorts) byKey.set(`${p.targetPort}/${p.protocol}`, p);
  for (const { rule } of routesTo(w)) if (rule.port) byKey.set(`${rule.port.targetPort}/${rule.port.protocol}`, rule.port);
  return [...byKey.values()].sort((a, b) => a.targetPort - b.targetPort || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}

function policyPort(p: Port): { port: kplus.k8s.IntOrString; protocol: string } {
  return { port: kplus.k8s.IntOrString.fromNumber(p.targetPort), protocol: p.protocol.toUpperCase() };
}
