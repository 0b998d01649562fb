/**
 * Target-neutral run-time checks (docs/runtime-checks.md): what validates
 * but would fail, or misbehave, once deployed, on every target. Each
 * target's own run-time checks live beside its renderer
 * (lib/kubernetes/checks, lib/swarm/checks); lib/synth/runtime-checks.ts
 * runs them all.
 */
import type { ProblemCollector } from '../problems';
import type { Stack } from '../stack';
import { checkHealthPort } from './health-port';
import { HostReference, hostReferences } from './host-references';
import { checkImageTags } from './image-tag';
import { checkNetworkReach } from './network-reach';
import { checkReplicatedServer } from './replicated-server';
import { SharedVolume, sharedVolumes } from './shared-volumes';

export { hostReferences, findHostNames } from './host-references';
export type { HostReference } from './host-references';
export { replicaRange } from './replicas';
export type { ReplicaRange } from './replicas';
export { sharedVolumes, SHARED_VOLUME_FIXES, usersText } from './shared-volumes';
export type { SharedVolume, VolumeUser } from './shared-volumes';

/** What the checks of every target read, worked out once per stack. */
export interface RuntimeFacts {
  readonly stack: Stack;
  readonly hostReferences: readonly HostReference[];
  readonly sharedVolumes: readonly SharedVolume[];
}

export function runtimeFacts(stack: Stack): RuntimeFacts {
  return { stack, hostReferences: hostReferences(stack), sharedVolumes: sharedVolumes(stack) };
}

/** The neutral checks of one stack. */
export function neutralRuntimeChecks(facts: RuntimeFacts, c: ProblemCollector): void {
  for (const w of facts.stack.workloads) {
    checkImageTags(w, c);
    checkHealthPort(w, c);
    checkReplicatedServer(w, c);
  }
  checkNetworkReach(facts.hostReferences, c);
}
