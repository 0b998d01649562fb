import { checkLabelKey, checkLabelValue } from './names';
import { ProblemCollector } from './problems';

/** Node role: Swarm managers and workers; Kubernetes control-plane and other nodes. */
export enum NodeRole {
  /**
   * Swarm `node.role == manager`. Kubernetes: a preference (not a requirement) for
   * nodes labelled `node-role.kubernetes.io/control-plane`, tolerating its taint,
   * since managed clusters (GKE, EKS, AKS) run no pod there; synth reports the gap.
   */
  MANAGER = 'manager',
  /** Swarm `node.role == worker`; Kubernetes nodes without that label. */
  WORKER = 'worker',
}

/**
 * Where replicas may run. Node label keys are the same on both targets:
 * label Swarm nodes with `docker node update --label-add KEY=VALUE`.
 */
export interface PlacementProps {
  /**
   * Nodes must carry all these labels. Kubernetes: required node affinity.
   * Swarm: `node.labels.KEY == VALUE` constraints.
   * @default - any node
   */
  readonly nodeLabels?: { readonly [key: string]: string };
  /**
   * Only nodes of this role. Kubernetes: node affinity on `node-role.kubernetes.io/control-plane`. Swarm:
   * `node.role` constraint.
   * @default - any role
   */
  readonly nodeRole?: NodeRole;
  /**
   * Spread replicas evenly across the values of these node labels, e.g.
   * `topology.kubernetes.io/zone`. Kubernetes: topologySpreadConstraints
   * (ScheduleAnyway). Swarm: `preferences.spread: node.labels.KEY`.
   * @default - no spreading
   */
  readonly spreadBy?: string[];
}

export function validatePlacement(p: PlacementProps | undefined, c: ProblemCollector, path: string): void {
  if (!p) return;
  for (const [k, v] of Object.entries(p.nodeLabels ?? {})) {
    const kr = checkLabelKey(k);
    if (kr) c.error(path, `placement.nodeLabels[${JSON.stringify(k)}]`, `key ${kr}`, k);
    const vr = checkLabelValue(v);
    if (vr) c.error(path, `placement.nodeLabels[${JSON.stringify(k)}]`, `value ${vr}`, v);
  }
  if (p.nodeRole !== undefined && !Object.values(NodeRole).includes(p.nodeRole)) {
    c.error(path, 'placement.nodeRole', 'must be NodeRole.MANAGER or NodeRole.WORKER', p.nodeRole);
  }
  const seen = new Set<string>();
  if (p.spreadBy !== undefined && !Array.isArray(p.spreadBy)) {
    c.error(path, 'placement.spreadBy', 'must be a list of node label keys', p.spreadBy);
    return;
  }
  for (const k of p.spreadBy ?? []) {
    const kr = checkLabelKey(k);
    if (kr) c.error(path, 'placement.spreadBy', `key ${kr}`, k);
    if (seen.has(k)) c.error(path, 'placement.spreadBy', 'must not repeat a key', k);
    seen.add(k);
  }
}
