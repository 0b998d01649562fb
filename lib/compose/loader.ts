import * as fs from 'fs';
import * as path from 'path';
import { Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument, ScalarTag } from 'yaml';
import { interpolate, InterpolationError, Lookup, VariableUse } from './interpolation';
import { ComposeImportError, ComposeProblem } from './problems';
import { validateComposeSchema } from './schema';
import { fromComposeSpec, SpecNote } from './spec';
import { parseEnvFile } from './syntax';

export interface ComposeLoadOptions {
  /**
   * Variables for `${VAR}` interpolation and for environment entries without
   * a value, like the shell `docker stack deploy` runs in; they win over the
   * env files. The process environment is never read unless it is passed
   * here on purpose (`environment: process.env`): a CI job's secrets must not
   * reach the generated code or `dist/` because the file names them.
   * @default - none: only the file, its `.env` and `envFile`
   */
  readonly environment?: { readonly [name: string]: string | undefined };
  /**
   * A file of `KEY=VALUE` lines giving variables, like
   * `docker compose --env-file`. It replaces the `.env` file beside the
   * Compose file.
   * @default - the `.env` file beside the Compose file, when there is one
   */
  readonly envFile?: string;
  /**
   * Profiles to enable in a Compose Specification file, like
   * `docker compose --profile`.
   * @default - none: services that list `profiles` are not imported
   */
  readonly profiles?: readonly string[];
}

/** A Compose file read, interpolated and validated: what the mapping works on. */
export interface LoadedCompose {
  /** The file as the user named it (for messages). */
  readonly file: string;
  /** Its directory, absolute: relative paths in the file are relative to it. */
  readonly dir: string;
  /**
   * `v3`: a file `docker stack deploy` reads (format 3.x), mapped exactly.
   * `spec`: a Compose Specification file (`docker compose`), converted to
   * the v3.13 subset first (`specNotes` says how).
   */
  readonly format: 'v3' | 'spec';
  /** The document after interpolation (and conversion), valid against the v3.13 schema. */
  readonly doc: ComposeDocument;
  /** What the conversion of a Compose Specification file did, per key. */
  readonly specNotes: readonly SpecNote[];
  /** Every variable the file uses. */
  readonly variables: readonly VariableUse[];
  /** The interpolation variables. */
  readonly lookup: Lookup;
  /** Names whose value came from `environment` (an explicit opt-in), in order of first use. */
  readonly fromEnvironment: ReadonlySet<string>;
  /** The env file the variables were read from (`envFile`, or the `.env` beside the file), if any. */
  readonly envFile?: string;
  /** 1-based line of the value at `keys`, or of its nearest ancestor in the file. */
  line(keys: readonly (string | number)[]): number | undefined;
}

/** A v3.13 Compose document, loosely typed: the schema has checked the shapes. */
export type ComposeDocument = Record<string, unknown> & {
  services?: Record<string, Record<string, unknown>>;
  volumes?: Record<string, Record<string, unknown> | null>;
  networks?: Record<string, Record<string, unknown> | null>;
  secrets?: Record<string, Record<string, unknown>>;
  configs?: Record<string, Record<string, unknown>>;
};

// Numbers as gopkg.in/yaml.v3 (the docker CLI's parser) reads them where YAML
// 1.2 differs: a leading 0 means octal (`mode: 0440` is 288), `_` separates digits.
const GO_OCTAL: ScalarTag = {
  identify: (v) => typeof v === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^[-+]?0[0-7]+$/,
  resolve: (s) => (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[-+]/, ''), 8),
};
const GO_UNDERSCORE_INT: ScalarTag = {
  identify: (v) => typeof v === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^[-+]?[0-9]+(_[0-9]+)+$/,
  resolve: (s) => Number(s.replace(/_/g, '')),
};

/** Reads, interpolates and validates a Compose file. Throws ComposeImportError. */
export function loadComposeFile(file: string, options: ComposeLoadOptions = {}): LoadedCompose {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ComposeImportError([{ file, key: '', message: code === 'ENOENT' ? 'no such file'
      : `cannot read it (${code ?? (e as Error).message})` }]);
  }
  return loadComposeText(text, { ...options, file, dir: path.dirname(path.resolve(file)) });
}

/** Like loadComposeFile, for text already read. `file` names it in messages; `dir` resolves relative paths. */
export function loadComposeText(text: string, options: ComposeLoadOptions & { file: string; dir: string }): LoadedCompose {
  const { file } = options;
  const fail = (problems: Omit<ComposeProblem, 'file'>[]): never => {
    throw new ComposeImportError(problems.map((p) => ({ file, ...p })));
  };
  const { lookup, fromEnvironment, envFile } = environmentLookup(options);
  const lineCounter = new LineCounter();
  const source = parseDocument(text, {
    merge: true, lineCounter, uniqueKeys: true, prettyErrors: false, customTags: (tags) => [GO_OCTAL, GO_UNDERSCORE_INT, ...tags],
  });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (source.errors.length) {
    fail(source.errors.map((e) => ({ key: '', line: lineAt(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}` })));
  }
  if (!isMap(source.contents)) fail([{ key: '', message: 'the top level must be a mapping (services:, volumes:, ...)' }]);
  let raw: unknown;
  try {
    raw = source.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    fail([{ key: '', message: `not valid YAML: ${(e as Error).message}` }]);
  }
  const line = (keys: readonly (string | number)[]) => findLine(source, keys, lineAt);
  const at = (keys: (string | number)[]) => ({ ...splitKey(keys), line: line(keys) });

  const version = (raw as Record<string, unknown>).version;
  if (version !== undefined) {
    const v = String(version);
    const m = /^3(?:\.(\d+))?$/.exec(v);
    if (!m || Number(m[1] ?? 0) > 13) {
      fail([{ ...at(['version']),
        message: `Compose file format "${v}" is not supported: the importer reads format 3.x (3.0 to 3.13, what docker stack deploy reads)` }]);
    }
  }

  let doc: Record<string, unknown>;
  let variables: VariableUse[];
  try {
    ({ doc, uses: variables } = interpolate(raw as Record<string, unknown>, lookup));
  } catch (e) {
    if (e instanceof InterpolationError) fail([{ ...at(e.path), message: e.message }]);
    throw e;
  }
  const base = { file, dir: options.dir, variables, lookup, fromEnvironment, envFile, line };
  const violations = validateComposeSchema(doc);
  if (violations.length === 0) return { ...base, format: 'v3', doc: doc as ComposeDocument, specNotes: [] };
  // A file that says it is v3 is read as docker stack deploy reads it, and so is any file that is no valid Compose Specification.
  const spec = version === undefined ? validateComposeSchema(doc, 'spec') : [];
  if (version !== undefined || spec.length) {
    const flaggedBySpec = new Set(spec.map((v) => JSON.stringify(v.path)));
    const shown = version !== undefined ? violations : violations.filter((v) => !/^unknown key /.test(v.message)
      || flaggedBySpec.has(JSON.stringify(v.path)));
    fail((shown.length ? shown : spec).map((v) => ({ ...at(v.path), message: v.message })));
  }
  const converted = fromComposeSpec(doc, { profiles: options.profiles, baseDir: options.dir });
  if (converted.problems.length) fail(converted.problems.map((p) => ({ ...at(p.keys), message: p.message })));
  return { ...base, format: 'spec', doc: converted.doc as ComposeDocument, specNotes: converted.notes };
}

/**
 * The variables of an import: the explicit `environment` (an opt-in), then
 * the env file. Never `process.env` by default.
 */
function environmentLookup(options: ComposeLoadOptions & { dir: string }): { lookup: Lookup; fromEnvironment: Set<string>; envFile?: string } {
  const env = options.environment ?? {};
  const own = (name: string) => Object.prototype.hasOwnProperty.call(env, name) && env[name] !== undefined;
  const fromFile = new Map<string, string>();
  const fromEnvironment = new Set<string>();
  const takeFromEnvironment = (name: string) => {
    if (!own(name)) return undefined;
    fromEnvironment.add(name);
    return env[name];
  };
  const dotEnv = path.join(options.dir, '.env');
  const envFile = options.envFile ?? (fs.existsSync(dotEnv) && fs.statSync(dotEnv).isFile() ? dotEnv : undefined);
  if (envFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(envFile, 'utf8');
    } catch (e) {
      throw new ComposeImportError([{ file: envFile, key: '',
        message: `cannot read the env file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
    }
    try {
      for (const [k, v] of parseEnvFile(text, takeFromEnvironment)) fromFile.set(k, v);
    } catch (e) {
      throw new ComposeImportError([{ file: envFile, key: '', message: `not a valid env file: ${(e as Error).message}` }]);
    }
  }
  const lookup: Lookup = (name) => (own(name) ? takeFromEnvironment(name) : fromFile.get(name));
  return { lookup, fromEnvironment, ...(envFile !== undefined ? { envFile } : {}) };
}

/** `['services', 'web', 'ports', 0]` -> service `web`, key `ports[0]`. */
export function splitKey(keys: readonly (string | number)[]): { service?: string; key: string } {
  const text = (parts: readonly (string | number)[]) =>
    parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  if (keys[0] === 'services' && keys.length >= 2) return { service: String(keys[1]), key: text(keys.slice(2)) };
  return { key: text(keys) };
}

function findLine(doc: Document, keys: readonly (string | number)[], lineAt: (offset: number) => number): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined = isNode(node) && node.range ? lineAt(node.range[0]) : undefined;
  for (const k of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) break;
      const keyNode = pair.key as { range?: [number, number, number] };
      if (keyNode.range) best = lineAt(keyNode.range[0]);
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items) && typeof k === 'number') {
      node = (node as { items: unknown[] }).items[k];
      if (isNode(node) && node.range) best = lineAt(node.range[0]);
      else break;
    } else break;
  }
  return best;
}
