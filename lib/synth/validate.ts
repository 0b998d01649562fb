import { IConstruct } from 'constructs';
import { isValidatable, Problem, ProblemCollector, Target, TargetGap } from '../model/problems';
import { Stack } from '../model/stack';

export interface ValidationResult {
  readonly problems: Problem[];
  /** Warnings: approximations on a rendered target. */
  readonly gaps: TargetGap[];
}

/**
 * Validates every construct of the tree for the targets being rendered. A
 * gap of severity `error` on a rendered target is a problem; with `strict`,
 * every warning gap is one too, so CI fails on anything a target cannot
 * express exactly.
 */
export function validateTree(root: IConstruct, targets: readonly Target[], strict: boolean): ValidationResult {
  const c = new ProblemCollector();
  const all = root.node.findAll();
  if (!all.some((x) => Stack.isStack(x))) c.error(root.node.path || '(app)', 'stacks', 'an app needs at least one Stack');
  for (const x of all) if (isValidatable(x)) x.validate(c);
  const problems = [...c.problems];
  const gaps: TargetGap[] = [];
  for (const g of c.gaps) {
    if (!targets.includes(g.target)) continue;
    if (g.severity === 'error') problems.push({ path: g.path, field: g.field, rule: `has no ${g.target} form: ${g.message}` });
    else if (strict) problems.push({ path: g.path, field: g.field, rule: `strict mode forbids target gaps: [${g.target}] ${g.message}` });
    else gaps.push(g);
  }
  return { problems, gaps };
}
