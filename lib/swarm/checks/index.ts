/**
 * Swarm's own run-time checks (docs/runtime-checks.md): what `docker stack
 * config` accepts but fails, or misbehaves, once deployed.
 */
import type { RuntimeFacts } from '../../model/checks';
import type { ProblemCollector } from '../../model/problems';
import { checkContainerPorts } from './service-names';
import { checkSharedVolumesOnSwarm } from './shared-volumes';

export function swarmRuntimeChecks(facts: RuntimeFacts, c: ProblemCollector): void {
  checkSharedVolumesOnSwarm(facts.sharedVolumes, c);
  checkContainerPorts(facts.hostReferences, c);
}
