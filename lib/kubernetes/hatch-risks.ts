/**
 * The relaxations the Kubernetes escape hatches made: `Kubernetes.customize`
 * runs on the cdk8s-plus objects and `Kubernetes.addJsonPatch` on the
 * rendered JSON, so only the output tells what they changed. The pod
 * templates as written are read against Pod Security "restricted"
 * (lib/kubernetes/pod-security.ts), and so is the same stack rendered
 * without the escape hatches: a violation only the first has is the escape
 * hatches' doing (what the model set, e.g. `security: { user: 0 }`, the
 * model's own list reports: lib/model/security-risks.ts).
 *
 * Cost: one more render of a stack, and only of a stack with an escape hatch.
 */
import type { Stack } from '../model/stack';
import type { RenderedRisk } from '../targets';
import { KubeObject, renderKubernetesStack } from './chart';
import { Kubernetes, WORKLOAD_KINDS } from './escape-hatch';
import { podSecurityViolations, PodViolation } from './pod-security';

/** Where each kind that runs pods keeps its pod template. */
const TEMPLATES: Record<string, readonly string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function violations(o: KubeObject | undefined): PodViolation[] {
  const path = o && TEMPLATES[o.kind];
  if (!path) return [];
  let template: any = o;
  for (const key of path) template = template?.[key];
  return podSecurityViolations(template, path.join('.'));
}

/** Each relaxation of "restricted" in `written` (the stack's objects as output) that the escape hatches made. */
export function escapeHatchRisks(stack: Stack, written: readonly KubeObject[]): RenderedRisk[] {
  if (!stack.workloads.some((w) => Kubernetes._hasEscapeHatches(w))) return [];
  const modelOnly = renderKubernetesStack(stack, { escapeHatches: false });
  const found: RenderedRisk[] = [];
  for (const o of written) {
    if (!TEMPLATES[o.kind]) continue;
    const same = modelOnly.find((m) => m.kind === o.kind && m.metadata.name === o.metadata.name);
    const known = new Set(violations(same).map((v) => v.field));
    const workload = stack.workloads.find((w) => WORKLOAD_KINDS[w.kind] === o.kind && w.name === o.metadata.name);
    for (const v of violations(o)) {
      if (known.has(v.field)) continue;
      const message = workload ? v.message : `${o.kind} ${o.metadata.name}: ${v.message}`;
      found.push({ ...(workload ? { workload } : {}), field: `Kubernetes escape hatch: ${v.field}`, message });
    }
  }
  return found;
}
