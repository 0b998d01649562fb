import { IConstruct } from 'constructs';
import { formatGap, isValidatable, Problem, ProblemCollector, TargetGap } from '../model/problems';
import { Stack } from '../model/stack';

export interface ValidationResult {
  readonly problems: Problem[];
  readonly gaps: TargetGap[];
}

/**
 * Validates every construct of the tree. With `strict`, each target gap is
 * a problem too, so CI fails on anything one target cannot express.
 */
export function validateTree(root: IConstruct, strict: boolean): ValidationResult {
  const c = new ProblemCollector();
  const stacks = root.node.findAll().filter((x): x is Stack => Stack.isStack(x));
  if (stacks.length === 0) c.error(root.node.path || '(app)', 'stacks', 'an app needs at least one Stack');
  for (const x of root.node.findAll()) if (isValidatable(x)) x.validate(c);
  const problems = [...c.problems];
  if (strict) {
    for (const g of c.gaps) problems.push({ path: g.path, field: g.field, rule: `strict mode forbids target gaps: ${formatGap(g).slice(g.path.length + g.field.length + 4)}` });
  }
  return { problems, gaps: [...c.gaps] };
}
