/**
 * Variable interpolation in a Compose file, with the semantics of the
 * docker CLI's stack loader (`cli/compose/template` and
 * `cli/compose/interpolation` in docker/cli v28, re-implemented):
 *
 * - `$$` is a literal `$`;
 * - `$VAR` and `${VAR}` take the variable, "" when it is unset;
 * - `${VAR:-default}` when unset or empty, `${VAR-default}` when unset;
 * - `${VAR:?message}` fails when unset or empty, `${VAR?message}` when unset;
 * - any other `$` fails ("invalid interpolation format").
 *
 * Every string value of the file is interpolated (keys are not). A value
 * that changed and sits at one of the typed paths below is then read as the
 * number or boolean the schema expects, e.g. `replicas: ${N}`.
 */

export type Lookup = (name: string) => string | undefined;

/** One use of a variable. */
export interface VariableUse {
  readonly name: string;
  /** Where, e.g. `services.web.image`. */
  readonly path: string;
  /** The variable was unset (or empty for `:-`) and a default or "" was used. */
  readonly defaulted: boolean;
  /** The text that replaced it. */
  readonly value: string;
}

export class InterpolationError extends Error {
  constructor(public readonly path: (string | number)[], message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

// The loader's pattern: `$` then an escaped `$`, a bare name (which, like the
// loader's, may carry a default), a braced name, or nothing valid.
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*(?::?[-?][^}]*)?)|\{([_a-z][_a-z0-9]*(?::?[-?][^}]*)?)\}|)/gi;

function substitute(text: string, lookup: Lookup, path: string, uses: VariableUse[]): string {
  return text.replace(PATTERN, (_match, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
    if (escaped) return '$';
    const expr = named ?? braced;
    if (!expr) throw new Error(`invalid interpolation format in ${JSON.stringify(text)} (write $$ for a literal $)`);
    // The loader tries these forms in this order, each split at the first separator.
    const split = (sep: string): [string, string] => {
      const at = expr.indexOf(sep);
      return [expr.slice(0, at), expr.slice(at + sep.length)];
    };
    const use = (name: string, value: string, defaulted: boolean) => {
      uses.push({ name, path, defaulted, value });
      return value;
    };
    if (expr.includes(':-')) {
      const [name, fallback] = split(':-');
      const v = lookup(name);
      return v === undefined || v === '' ? use(name, fallback, true) : use(name, v, false);
    }
    if (expr.includes('-')) {
      const [name, fallback] = split('-');
      const v = lookup(name);
      return v === undefined ? use(name, fallback, true) : use(name, v, false);
    }
    if (expr.includes(':?')) {
      const [name, message] = split(':?');
      const v = lookup(name);
      if (v === undefined || v === '') throw new Error(`required variable ${name} is missing a value: ${message}`);
      return use(name, v, false);
    }
    if (expr.includes('?')) {
      const [name, message] = split('?');
      const v = lookup(name);
      if (v === undefined) throw new Error(`required variable ${name} is missing a value: ${message}`);
      return use(name, v, false);
    }
    const v = lookup(expr);
    return use(expr, v ?? '', v === undefined);
  });
}

type Cast = (text: string) => unknown;

const toInt: Cast = (t) => {
  if (!/^[-+]?\d+$/.test(t)) throw new Error(`"${t}" is not an integer`);
  return Number(t);
};
const toFloat: Cast = (t) => {
  const n = Number(t);
  if (t.trim() === '' || Number.isNaN(n)) throw new Error(`"${t}" is not a number`);
  return n;
};
const toBool: Cast = (t) => {
  const v = t.toLowerCase();
  if (['y', 'yes', 'true', 'on'].includes(v)) return true;
  if (['n', 'no', 'false', 'off'].includes(v)) return false;
  throw new Error(`"${t}" is not a boolean`);
};

// The loader's typed paths (`*` any key, `[]` any list item).
const CASTS: [string, Cast][] = [
  ['services.*.configs.[].mode', toInt],
  ['services.*.secrets.[].mode', toInt],
  ['services.*.healthcheck.retries', toInt],
  ['services.*.healthcheck.disable', toBool],
  ['services.*.deploy.replicas', toInt],
  ['services.*.deploy.update_config.parallelism', toInt],
  ['services.*.deploy.update_config.max_failure_ratio', toFloat],
  ['services.*.deploy.rollback_config.parallelism', toInt],
  ['services.*.deploy.rollback_config.max_failure_ratio', toFloat],
  ['services.*.deploy.restart_policy.max_attempts', toInt],
  ['services.*.deploy.placement.max_replicas_per_node', toInt],
  ['services.*.ports.[].target', toInt],
  ['services.*.ports.[].published', toInt],
  ['services.*.ulimits.*', toInt],
  ['services.*.ulimits.*.hard', toInt],
  ['services.*.ulimits.*.soft', toInt],
  ['services.*.privileged', toBool],
  ['services.*.oom_score_adj', toInt],
  ['services.*.read_only', toBool],
  ['services.*.stdin_open', toBool],
  ['services.*.tty', toBool],
  ['services.*.volumes.[].read_only', toBool],
  ['services.*.volumes.[].volume.nocopy', toBool],
  ['networks.*.external', toBool],
  ['networks.*.internal', toBool],
  ['networks.*.attachable', toBool],
  ['volumes.*.external', toBool],
  ['secrets.*.external', toBool],
  ['configs.*.external', toBool],
];

function castFor(pattern: string[]): Cast | undefined {
  for (const [p, cast] of CASTS) {
    const parts = p.split('.');
    if (parts.length === pattern.length && parts.every((x, i) => x === '*' || x === pattern[i])) return cast;
  }
  return undefined;
}

export function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Interpolates every string value of `doc` (a parsed Compose file) and
 * returns a new document, plus every variable use. Throws
 * InterpolationError naming the path.
 */
export function interpolate(doc: Record<string, unknown>, lookup: Lookup): { doc: Record<string, unknown>; uses: VariableUse[] } {
  const uses: VariableUse[] = [];
  const walk = (value: unknown, path: (string | number)[], pattern: string[]): unknown => {
    if (typeof value === 'string') {
      let out: string;
      try {
        out = substitute(value, lookup, pathText(path), uses);
      } catch (e) {
        throw new InterpolationError(path, (e as Error).message);
      }
      if (out === value) return value;
      const cast = castFor(pattern);
      if (!cast) return out;
      try {
        return cast(out);
      } catch (e) {
        throw new InterpolationError(path, `after interpolation, ${(e as Error).message}`);
      }
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], [...pattern, '[]']));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k], [...pattern, k])]));
    }
    return value;
  };
  return { doc: walk(doc, [], []) as Record<string, unknown>, uses };
}
