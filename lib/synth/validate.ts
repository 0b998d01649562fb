import { IConstruct } from 'constructs';
import { isValidatable, Problem, ProblemCollector, SecurityRisk, Target, TargetGap, Warning } from '../model/problems';
import { writtenPath } from '../model/resource';
import { Stack } from '../model/stack';
import { environmentOf } from './environment';
import { runtimeChecks } from './runtime-checks';

export interface ValidationResult {
  readonly problems: Problem[];
  /** Warnings: approximations on a rendered target. */
  readonly gaps: TargetGap[];
  /** Security risks the user opted in to: reported, never errors (not even in strict mode). */
  readonly risks: SecurityRisk[];
  /** Run-time failures foreseen on a rendered target (docs/runtime-checks.md); errors in strict mode. */
  readonly warnings: Warning[];
}

/**
 * Validates every construct of the tree for the targets being rendered. A
 * gap of severity `error` on a rendered target is a problem; with `strict`,
 * every warning gap is one too, so CI fails on anything a target cannot
 * express exactly, and so is every run-time warning (docs/runtime-checks.md).
 */
export function validateTree(root: IConstruct, targets: readonly Target[], strict: boolean): ValidationResult {
  const c = new ProblemCollector();
  const all = root.node.findAll();
  if (!all.some((x) => Stack.isStack(x))) c.error(root.node.path || '(app)', 'stacks', 'an app needs at least one Stack');
  for (const x of all) if (isValidatable(x)) x.validate(c);
  const stacks = all.filter((x): x is Stack => Stack.isStack(x));
  validateStackIdentity(stacks, c);
  for (const s of stacks) runtimeChecks(s, c);
  // Paths as the app wrote its ids: "a/b/w", not the tree's "a--b/w".
  const written = new Map(all.map((x): [string, string] => [x.node.path, writtenPath(x)]).filter(([p, w]) => p !== w));
  const shown = <T extends { readonly path: string }>(x: T): T => (written.has(x.path) ? { ...x, path: written.get(x.path)! } : x);
  const problems = c.problems.map(shown);
  const rendered = (t: Target | undefined) => t === undefined || targets.includes(t);
  for (const { target, ...p } of c.targetLimits.map(shown)) if (rendered(target)) problems.push(p);
  for (const p of c.targetProblems.map(shown)) {
    if (rendered(p.target)) problems.push({ path: p.path, field: p.field, rule: `[${p.target}] ${p.rule}` });
  }
  const warnings: Warning[] = [];
  for (const w of c.warnings.map(shown)) {
    if (!rendered(w.target)) continue;
    const rule = `strict mode forbids run-time warnings: ${w.target ? `[${w.target}] ` : ''}${w.message}`;
    if (strict) problems.push({ path: w.path, field: w.field, rule });
    else warnings.push(w);
  }
  const gaps: TargetGap[] = [];
  for (const g of c.gaps.map(shown)) {
    if (!targets.includes(g.target)) continue;
    if (g.severity === 'error') problems.push({ path: g.path, field: g.field, rule: `has no ${g.target} form: ${g.message}` });
    else if (strict) problems.push({ path: g.path, field: g.field, rule: `strict mode forbids target gaps: [${g.target}] ${g.message}` });
    else gaps.push(g);
  }
  return { problems, gaps, risks: c.risks.map(shown), warnings };
}

/**
 * The stacks of one environment share an output directory and, for
 * Kubernetes, one kustomization: their names (directories, Swarm stack
 * names) and namespaces (each stack renders its own Namespace object) must
 * differ. The construct tree only refuses a name twice in one scope.
 */
function validateStackIdentity(stacks: readonly Stack[], c: ProblemCollector): void {
  const names = new Map<string, string>();
  const namespaces = new Map<string, string>();
  for (const s of stacks) {
    const env = environmentOf(s) ?? '';
    const name = names.get(`${env}/${s.stackName}`);
    if (name !== undefined) {
      c.error(s.node.path, 'name', `must be unique among the stacks of ${env ? `environment ${env}` : 'the app'} (also ${name})`, s.stackName);
      continue;
    }
    names.set(`${env}/${s.stackName}`, s.node.path);
    const ns = namespaces.get(`${env}/${s.namespace}`);
    const rule = `must not be the namespace of another stack of the same environment (${ns})`;
    if (ns !== undefined) c.error(s.node.path, 'namespace', rule, s.namespace);
    else namespaces.set(`${env}/${s.namespace}`, s.node.path);
  }
}
