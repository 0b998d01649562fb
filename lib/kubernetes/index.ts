/**
 * The Kubernetes target (lib/targets.ts): its checks and its renderer,
 * `kubernetes/<stack>/<stack>.k8s.yaml` plus a kustomization per stack and
 * one per environment that lists every stack.
 */
import type { Stack } from '../model/stack';
import { toYaml, toYamlDocuments } from '../synth/yaml';
import { GENERATED_HEADER } from '../synth/header';
import type { TargetRenderer } from '../targets';
import { renderKubernetesStack } from './chart';
import { checkKubernetes } from './check';
import { escapeHatchRisks } from './hatch-risks';

const KUSTOMIZATION = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };

/** `kustomization.yaml` listing `resources` (a stack's manifest, or every stack directory). */
export function kustomization(resources: readonly string[]): string {
  return GENERATED_HEADER + toYaml({ ...KUSTOMIZATION, resources: [...resources] });
}

export const kubernetesTarget: TargetRenderer = {
  target: 'kubernetes',
  check: checkKubernetes,
  render(stack: Stack, reportRisk) {
    const name = stack.stackName;
    const objects = renderKubernetesStack(stack);
    if (reportRisk) for (const r of escapeHatchRisks(stack, objects)) reportRisk(r);
    return [
      { path: `${name}.k8s.yaml`, content: GENERATED_HEADER + toYamlDocuments(objects), secret: objects.some((o) => o.kind === 'Secret') },
      { path: 'kustomization.yaml', content: kustomization([`${name}.k8s.yaml`]) },
    ];
  },
  index: { file: 'kustomization.yaml', stackFile: 'kustomization.yaml', render: kustomization },
};
