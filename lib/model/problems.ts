/**
 * Validation problems and target gaps, collected across a whole synth so that
 * every problem is reported at once, each naming the construct path, the
 * field, the rule and the offending value.
 */

/** One broken rule on one field of one construct. */
export interface Problem {
  /** Construct path, e.g. `shop/api`. */
  readonly path: string;
  /** Field (prop) name, e.g. `replicas` or `ports[0].targetPort`. */
  readonly field: string;
  /** The rule in words, e.g. `must be a non-negative integer`. */
  readonly rule: string;
  /**
   * The offending value, if there is one.
   * @default - no value (the field is missing or the problem is about several fields)
   */
  readonly value?: unknown;
}

/**
 * The name of an orchestrator Conductor renders for: a target of the
 * registry (lib/targets.ts), built in `kubernetes` and `swarm`.
 */
export type Target = string;

/**
 * A concept one target cannot express exactly. Warnings by default; an App
 * with `strict: true` turns every gap into an error.
 */
export interface TargetGap {
  /** Construct path, e.g. `shop/api`. */
  readonly path: string;
  /** Field (prop) name, e.g. `autoscaling`. */
  readonly field: string;
  /** The target that cannot express the field as given. */
  readonly target: Target;
  /** What happens on that target instead, in words. */
  readonly message: string;
  /**
   * `error`: the concept has no form on that target at all, so rendering
   * that target fails. `warning`: rendered with a documented approximation
   * (an error only in strict mode).
   */
  readonly severity: 'warning' | 'error';
}

/**
 * A setting that weakens isolation, made on purpose behind an explicit
 * opt-in (e.g. a host path mount). Synth reports every risk; strict mode
 * does not turn risks into errors (the opt-in is the decision).
 */
export interface SecurityRisk {
  /** Construct path, e.g. `shop/api`. */
  readonly path: string;
  /** Field (prop) name, e.g. `security.user`. */
  readonly field: string;
  /** What is exposed, in words. */
  readonly message: string;
}

/**
 * Something that validates but would most likely fail, or misbehave, once
 * deployed (a client naming a port its server does not declare, an image
 * without a tag). Synth prints it and goes on; an App or synth with
 * `strict` turns every warning into an error.
 */
export interface Warning {
  /** The construct path (`shop/api`). */
  readonly path: string;
  /** The prop, as written (`disruptionBudget.minAvailable`). */
  readonly field: string;
  /** What goes wrong at run time, and how to fix it. */
  readonly message: string;
  /** The one target it happens on. @default - every target */
  readonly target?: Target;
}

/**
 * A rule broken on one target only (a ReadWriteOnce volume shared across
 * nodes, on Kubernetes): rendering that target fails, the other renders.
 */
export interface TargetProblem {
  readonly path: string;
  readonly field: string;
  readonly target: Target;
  readonly rule: string;
}

/**
 * A limit of one target (a Swarm name length): rendering that target fails
 * with the problem as it reads (its rule names the target), the other renders.
 */
export interface TargetLimit extends Problem {
  readonly target: Target;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  // JSON would print NaN and Infinity as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? json.slice(0, 77) + '...' : json;
  } catch {
    return String(value);
  }
}

export function formatProblem(p: Problem): string {
  const got = 'value' in p ? ` (got ${formatValue(p.value)})` : '';
  return `${p.path}: ${p.field}: ${p.rule}${got}`;
}

export function formatGap(g: TargetGap): string {
  return `${g.path}: ${g.field}: [${g.target}] ${g.message}`;
}

export function formatWarning(w: Warning): string {
  return `${w.path}: ${w.field}: ${w.target ? `[${w.target}] ` : ''}${w.message}`;
}

export function formatRisk(r: SecurityRisk): string {
  return `${r.path}: ${r.field}: ${r.message}`;
}

/** Collects problems and gaps; model constructs report into one of these. */
export class ProblemCollector {
  private readonly _problems: Problem[] = [];
  private readonly _gaps: TargetGap[] = [];
  private readonly _risks: SecurityRisk[] = [];
  private readonly _warnings: Warning[] = [];
  private readonly _targetProblems: TargetProblem[] = [];
  private readonly _targetLimits: TargetLimit[] = [];

  /** Report a broken rule. Pass `value` to show the offending value. */
  public error(path: string, field: string, rule: string, ...value: [unknown?]): void {
    this._problems.push(value.length > 0 ? { path, field, rule, value: value[0] } : { path, field, rule });
  }

  /**
   * An error `must be one of <values>` unless `value` is one of an enum's
   * values; `shown` is the value as the app gave it, when that differs.
   */
  public oneOf(path: string, field: string, values: Readonly<Record<string, string>>, value: unknown, shown: unknown = value): void {
    const allowed = Object.values(values);
    if (!allowed.includes(value as string)) this.error(path, field, `must be one of ${allowed.join(', ')}`, shown);
  }

  /** A documented approximation on one target: a warning, or an error in strict mode. */
  public gap(path: string, field: string, target: Target, message: string): void {
    this._gaps.push({ path, field, target, message, severity: 'warning' });
  }

  /** A concept with no form on one target: rendering that target fails. */
  public targetError(path: string, field: string, target: Target, message: string): void {
    this._gaps.push({ path, field, target, message, severity: 'error' });
  }

  /** A security risk the user opted in to: reported, never an error. */
  public risk(path: string, field: string, message: string): void {
    this._risks.push({ path, field, message });
  }

  /** A run-time failure synth can foresee: printed, an error in strict mode. `target`: the one target it concerns. */
  public warning(path: string, field: string, message: string, target?: Target): void {
    this._warnings.push(target === undefined ? { path, field, message } : { path, field, message, target });
  }

  /** A rule broken on one target only: rendering that target fails. */
  public targetProblem(path: string, field: string, target: Target, rule: string): void {
    this._targetProblems.push({ path, field, target, rule });
  }

  /** A limit of one target, e.g. a name length: rendering that target fails with this problem. */
  public targetLimit(path: string, field: string, target: Target, rule: string, value: unknown): void {
    this._targetLimits.push({ path, field, target, rule, value });
  }

  public get targetLimits(): readonly TargetLimit[] {
    return this._targetLimits;
  }

  public get warnings(): readonly Warning[] {
    return this._warnings;
  }

  public get targetProblems(): readonly TargetProblem[] {
    return this._targetProblems;
  }

  public get problems(): readonly Problem[] {
    return this._problems;
  }

  public get gaps(): readonly TargetGap[] {
    return this._gaps;
  }

  public get risks(): readonly SecurityRisk[] {
    return this._risks;
  }
}

/** Thrown by synth when the model is invalid; lists every problem. */
export class ValidationError extends Error {
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    super(`Conductor found ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n${lines.join('\n')}`);
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

/** A construct of the model that can check its own props. */
export interface IValidatable {
  validate(collector: ProblemCollector): void;
}

export function isValidatable(x: unknown): x is IValidatable {
  return typeof x === 'object' && x !== null && typeof (x as IValidatable).validate === 'function';
}
