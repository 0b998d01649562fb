import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { nameKeyedChildren } from '../model/name-keyed';
import { Stack } from '../model/stack';
import { Kubernetes } from './escape-hatch';
import { renderReplicaPolicies } from './autoscaling';
import { renderIngresses } from './ingress';
import { stackLabels } from './labels';
import { renderNetworkPolicies } from './network-policy';
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

export interface KubernetesRenderOptions {
  /**
   * Apply the workloads' `Kubernetes.customize` and `Kubernetes.addJsonPatch`.
   * Without them: what the model alone renders (lib/kubernetes/hatch-risks.ts compares the two).
   * @default true
   */
  readonly escapeHatches?: boolean;
}

/**
 * Renders one stack to Kubernetes objects with cdk8s-plus-27.
 *
 * Each stack gets its own cdk8s App: cdk8s resolves dependencies and
 * validates by walking the whole App once per chart, so many charts in one
 * App cost quadratic time. One small App per chart keeps synth linear.
 */
export function renderKubernetesStack(stack: Stack, options: KubernetesRenderOptions = {}): KubeObject[] {
  const escapeHatches = options.escapeHatches ?? true;
  const app = new App({ outdir: '.', recordConstructMetadata: false });
  // The App's only child is named after the stack, the chart's children
  // after the stack's resources: see lib/model/name-keyed.ts.
  nameKeyedChildren(app);
  const chart = new Chart(app, stack.stackName, {
    namespace: stack.namespace,
    labels: stackLabels(stack),
    disableResourceNameHashes: true,
  });
  nameKeyedChildren(chart);
  new kplus.Namespace(chart, 'namespace', { metadata: { name: stack.namespace, namespace: undefined } });
  const storage = new StackStorage(chart);
  for (const config of stack.configs) storage.configMap(config);
  for (const volume of stack.volumes) storage.claim(volume);
  for (const secret of stack.secrets) if (secret.source === 'plaintext') storage.secret(secret);
  for (const w of stack.workloads) renderWorkload(chart, w, storage, escapeHatches);
  for (const w of stack.workloads) renderReplicaPolicies(chart, w);
  renderNetworkPolicies(chart, stack);
  renderIngresses(chart, stack, storage);
  const objects = synthChart(app, chart) as KubeObject[];
  if (escapeHatches) for (const w of stack.workloads) Kubernetes._patchRendered(w, objects);
  for (const o of objects) {
    // A Namespace is cluster-scoped and carries no namespace.
    if (o.kind === 'Namespace') delete o.metadata.namespace;
  }
  return objects.sort(compareObjects);
}

/**
 * What `chart.toJson()` returns, less its whole-App graph work where the
 * order that work computes cannot matter.
 *
 * Performance: cdk8s's Chart.toJson() (App._synthChart) resolves
 * dependencies across the whole App, validates every construct, and builds
 * a DependencyGraph of the chart to order its objects topologically before
 * calling ApiObject.toJson() on each; that graph work was a fifth of the
 * Kubernetes rendering time (bench/RESULTS.md). Conductor sorts the objects by kind and name
 * afterwards (compareObjects), and without dependencies between constructs
 * (or nested charts) cdk8s's topological order is the construct order
 * anyway. So in that case this validates exactly as cdk8s does and calls
 * ApiObject.toJson() on each object of the chart, in construct order; with
 * any dependency (e.g. a StatefulSet on its headless Service) or a nested
 * chart it calls chart.toJson() as before.
 */
function synthChart(app: App, chart: Chart): unknown[] {
  const all = app.node.findAll();
  if (all.some((c) => c.node.dependencies.length > 0 || (c !== chart && Chart.isChart(c)))) return chart.toJson();
  const errors: string[] = [];
  for (const c of all) for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  return all.filter((c): c is ApiObject => ApiObject.isApiObject(c)).map((o) => o.toJson());
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
