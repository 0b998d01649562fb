import { neutralRuntimeChecks, runtimeFacts } from '../model/checks';
import { ProblemCollector, Warning } from '../model/problems';
import type { Stack } from '../model/stack';
import { kubernetesRuntimeChecks } from '../kubernetes/checks';
import { swarmRuntimeChecks } from '../swarm/checks';

/**
 * Every run-time check of a stack (docs/runtime-checks.md): the neutral ones
 * and each target's. Warnings and target problems name their target;
 * validateTree keeps those of the targets being rendered.
 */
export function runtimeChecks(stack: Stack, c: ProblemCollector): void {
  const facts = runtimeFacts(stack);
  neutralRuntimeChecks(facts, c);
  kubernetesRuntimeChecks(facts, c);
  swarmRuntimeChecks(facts, c);
}

/** The run-time warnings of one stack on every target (for its summary, `<stack>.md`). */
export function runtimeWarnings(stack: Stack): readonly Warning[] {
  const c = new ProblemCollector();
  runtimeChecks(stack, c);
  return c.warnings;
}
