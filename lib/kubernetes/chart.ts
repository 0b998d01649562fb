import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Stack } from '../model/stack';
import { Kubernetes } from './escape-hatch';
import { stackLabels } from './labels';
import { StackStorage } from './storage';
import { renderWorkload } from './workload';

/** A Kubernetes object as JSON. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [key: string]: unknown };

// Order of kinds in the output: what others refer to comes first, the way `kubectl apply` likes it.
const KIND_ORDER = [
  'Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'Secret', 'ConfigMap', 'PersistentVolumeClaim',
  'Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler',
  'PodDisruptionBudget', 'NetworkPolicy', 'Ingress',
];

/**
 * Renders one stack to Kubernetes objects with cdk8s-plus-27.
 *
 * Each stack gets its own cdk8s App: cdk8s resolves dependencies and
 * validates by walking the whole App once per chart, so many charts in one
 * App cost quadratic time. One small App per chart keeps synth linear.
 */
export function renderKubernetesStack(stack: Stack): KubeObject[] {
  const app = new App({ outdir: '.', recordConstructMetadata: false });
  const chart = new Chart(app, stack.stackName, {
    namespace: stack.namespace,
    labels: stackLabels(stack),
    disableResourceNameHashes: true,
  });
  new kplus.Namespace(chart, 'namespace', { metadata: { name: stack.namespace, namespace: undefined } });
  const storage = new StackStorage(chart);
  for (const config of stack.configs) storage.configMap(config);
  for (const volume of stack.volumes) storage.claim(volume);
  for (const secret of stack.secrets) if (secret.source === 'plaintext') storage.secret(secret);
  for (const w of stack.workloads) renderWorkload(chart, w, storage);
  const objects = chart.toJson() as KubeObject[];
  for (const w of stack.workloads) Kubernetes._patchRendered(w, objects);
  for (const o of objects) {
    // A Namespace is cluster-scoped and carries no namespace.
    if (o.kind === 'Namespace') delete o.metadata.namespace;
  }
  return objects.sort(compareObjects);
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  const ka = rank(a.kind);
  const kb = rank(b.kind);
  if (ka !== kb) return ka - kb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}
