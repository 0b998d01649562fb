/**
 * Kubernetes' own run-time checks (docs/runtime-checks.md): what renders and
 * validates against the schemas but fails once applied to a cluster.
 */
import type { RuntimeFacts } from '../../model/checks';
import type { ProblemCollector } from '../../model/problems';
import { checkDisruptionBudgets } from './disruption-budget';
import { checkServiceNames } from './service-names';
import { checkSharedVolumesOnKubernetes } from './shared-volumes';

export function kubernetesRuntimeChecks(facts: RuntimeFacts, c: ProblemCollector): void {
  checkSharedVolumesOnKubernetes(facts.sharedVolumes, c);
  checkServiceNames(facts.hostReferences, c);
  checkDisruptionBudgets(facts.stack, c);
}
