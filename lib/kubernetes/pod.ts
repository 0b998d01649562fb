import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { NodeRole } from '../model/placement';
import { WorkloadBase } from '../model/workload-base';
import { containerProps } from './container';
import { helperContainerProps } from './helpers';
import { selectorLabels, workloadLabels } from './labels';
import { networkLabels } from './network-policy';
import { StackStorage } from './storage';

const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';

/** Pod-level props every workload kind shares: names, labels, containers, security, service account. */
export function podProps(scope: Construct, w: WorkloadBase, storage: StackStorage) {
  const s = w.security;
  const serviceAccount = w.apiAccess.length ? renderApiAccess(scope, w) : undefined;
  return {
    metadata: { name: w.name, labels: workloadLabels(w), annotations: w.annotations },
    podMetadata: { labels: { ...workloadLabels(w), ...networkLabels(w) }, annotations: w.annotations },
    select: false,
    serviceAccount,
    automountServiceAccountToken: serviceAccount !== undefined,
    securityContext: { ensureNonRoot: s.runAsNonRoot, user: s.user, group: s.group, fsGroup: s.group },
    terminationGracePeriod: w.lifecycle.stopGracePeriodMs !== undefined ? Duration.seconds(w.lifecycle.stopGracePeriodMs / 1000) : undefined,
    containers: [containerProps(scope, w, storage), ...w.sidecars.map(helperContainerProps)],
    initContainers: w.initContainers.map(helperContainerProps),
  };
}

/**
 * After the pod object exists: selection by app.kubernetes.io labels,
 * placement, and what cdk8s-plus-27 has no API for (seccomp profile,
 * topology spread, dropping its own address label from the pod template).
 * `templatePath` is where the pod template sits in the object.
 */
export function finishPod(pod: kplus.Workload, w: WorkloadBase, templatePath = '/spec/template'): void {
  const p = w.placement;
  const scheduling = pod.scheduling;
  const queries = Object.keys(p.nodeLabels ?? {}).sort().map((k) => kplus.NodeLabelQuery.is(k, p.nodeLabels![k]));
  if (p.nodeRole === NodeRole.WORKER) queries.push(kplus.NodeLabelQuery.doesNotExist(CONTROL_PLANE));
  if (queries.length) scheduling.attract(kplus.Node.labeled(...queries));
  if (p.nodeRole === NodeRole.MANAGER) {
    // Managed clusters (GKE, EKS, AKS) schedule no pod on the control plane: a required
    // affinity would leave the pods Pending there. A preference, with the toleration,
    // places them on control-plane nodes where a cluster allows it, else on any node.
    scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.exists(CONTROL_PLANE)), { weight: 100 });
    scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists(CONTROL_PLANE, { effect: kplus.TaintEffect.NO_SCHEDULE })));
  }

  const patches = [
    ...seccompPatches(w, templatePath),
    JsonPatch.remove(`${templatePath}/metadata/labels/cdk8s.io~1metadata.addr`),
  ];
  if (p.spreadBy?.length) {
    patches.push(JsonPatch.add(`${templatePath}/spec/topologySpreadConstraints`, p.spreadBy.map((key) => ({
      maxSkew: 1,
      topologyKey: key,
      // Soft, like Swarm's spread preference.
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: selectorLabels(w) },
    }))));
  }
  ApiObject.of(pod).addJsonPatch(...patches);
}

/**
 * seccomp: the pod-wide profile is RuntimeDefault (Pod Security "restricted"
 * accepts it for every container that sets none); a container whose own
 * profile differs (main, sidecar or init) gets it in its own securityContext,
 * which the kubelet prefers over the pod's. So one container's Unconfined
 * never unconfines the others.
 */
function seccompPatches(w: WorkloadBase, templatePath: string): JsonPatch[] {
  const patches = [JsonPatch.add(`${templatePath}/spec/securityContext/seccompProfile`, { type: 'RuntimeDefault' })];
  const own = (list: string, i: number, profile: string) => {
    if (profile !== 'RuntimeDefault') {
      patches.push(JsonPatch.add(`${templatePath}/spec/${list}/${i}/securityContext/seccompProfile`, { type: profile }));
    }
  };
  [w.security, ...w.sidecars.map((h) => h.security)].forEach((s, i) => own('containers', i, s.seccompProfile));
  w.initContainers.forEach((h, i) => own('initContainers', i, h.security.seccompProfile));
  return patches;
}

/** ServiceAccount, Role and RoleBinding named after the workload. */
function renderApiAccess(scope: Construct, w: WorkloadBase): kplus.ServiceAccount {
  const sa = new kplus.ServiceAccount(scope, `${w.name}-service-account`, {
    metadata: { name: w.name, labels: workloadLabels(w) },
    automountToken: true,
  });
  const role = new kplus.Role(scope, `${w.name}-role`, { metadata: { name: w.name, labels: workloadLabels(w) } });
  for (const rule of w.apiAccess) {
    const groups = rule.apiGroups ?? [''];
    const resources: kplus.IApiResource[] = groups.flatMap((apiGroup) => rule.resources.flatMap((resourceType) =>
      (rule.resourceNames ?? [undefined]).map((resourceName) => ({ apiGroup, resourceType, resourceName }))));
    role.allow(rule.verbs, ...resources);
  }
  const binding = new kplus.RoleBinding(scope, `${w.name}-role-binding`, { metadata: { name: w.name, labels: workloadLabels(w) }, role });
  binding.addSubjects(sa);
  return sa;
}
