import { neutralRuntimeChecks, runtimeFacts } from '../model/checks';
import { ProblemCollector, Warning } from '../model/problems';
import { _frozenGeneration, Stack } from '../model/stack';
import { targetRenderers } from '../targets';

/**
 * The warnings the validation of the current synth found per stack, which
 * the stack's summary of the same synth reads instead of running the checks
 * again (only while the model is frozen: outside a synth it may change).
 */
const lastWarnings = new WeakMap<Stack, { readonly generation: number; readonly warnings: readonly Warning[] }>();

/**
 * Every check of a stack beyond each construct's own validate(): the
 * neutral run-time checks (docs/runtime-checks.md) and each registered
 * target's check(). Warnings and target problems name their target;
 * validateTree keeps those of the targets being rendered.
 */
export function runtimeChecks(stack: Stack, c: ProblemCollector): void {
  const own = new ProblemCollector();
  const facts = runtimeFacts(stack);
  neutralRuntimeChecks(facts, own);
  for (const t of targetRenderers()) t.check(stack, own);
  for (const w of own.warnings) c.warning(w.path, w.field, w.message, w.target);
  for (const p of own.targetProblems) c.targetProblem(p.path, p.field, p.target, p.rule);
  for (const p of own.targetLimits) c.targetLimit(p.path, p.field, p.target, p.rule, p.value);
  for (const g of own.gaps) (g.severity === 'error' ? c.targetError : c.gap).call(c, g.path, g.field, g.target, g.message);
  const generation = _frozenGeneration();
  if (generation !== undefined) lastWarnings.set(stack, { generation, warnings: own.warnings });
}

/** The run-time warnings of one stack on every target (for its summary, `<stack>.md`). */
export function runtimeWarnings(stack: Stack): readonly Warning[] {
  const known = lastWarnings.get(stack);
  if (known !== undefined && known.generation === _frozenGeneration()) return known.warnings;
  const c = new ProblemCollector();
  runtimeChecks(stack, c);
  return c.warnings;
}
