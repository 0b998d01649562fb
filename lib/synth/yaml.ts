import { stringify } from 'yaml';
import type { ScalarTag } from 'yaml';

/**
 * Strings that Go reads as numbers: kubectl's yaml.v2 and the docker CLI's
 * yaml.v3 parse a plain scalar with strconv (underscores dropped, base
 * prefixes allowed), so an unquoted `0o17`, `1e3` or `0b1_0` is a number
 * there, though YAML 1.1 reads it as a string. Never used to read YAML:
 * its only job is to make the writer quote such strings.
 */
const GO_NUMBER: ScalarTag = {
  tag: 'tag:conductor.dev,2025:go-number',
  default: true,
  test: /^(?:[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?0[bBoOxX][0-9a-fA-F_]+)$/,
  resolve: (s: string) => s,
};

// No line folding: long strings stay on one line, so diffs show real changes.
// YAML 1.1 rules for quoting: kubectl (sigs.k8s.io/yaml) and Go's yaml.v2 read
// an unquoted `on`, `yes` or `n` as a boolean, so such strings must be quoted;
// and strings Go reads as numbers (GO_NUMBER) too.
// aliasDuplicateObjects: false: an object used twice (e.g. by an escape hatch) is written out twice, never as a YAML anchor and alias,
// which reviewers of a GitOps diff would have to resolve by hand.
const OPTIONS = { version: '1.1' as const, lineWidth: 0, minContentWidth: 0, customTags: [GO_NUMBER], aliasDuplicateObjects: false };

/** The options of every `stringify` here (the reference of test/synth/yaml.test.ts). */
export const YAML_OPTIONS = OPTIONS;

/** One YAML document. */
export function toYaml(value: unknown): string {
  const text = fastStringify(value);
  return text === undefined ? stringify(value, OPTIONS) : flatten(text);
}

/** Several YAML documents in one file, separated by `---`. */
export function toYamlDocuments(values: unknown[]): string {
  return values.map(toYaml).join('---\n');
}

/*
 * Performance: `stringify` of the `yaml` package builds a node tree for the
 * whole document and then prints it; for Conductor's output that cost more
 * than everything else in a synth together. `fastStringify` prints the same
 * bytes directly for what synth renders (plain objects, arrays, strings,
 * finite numbers, booleans, null), following yaml's block layout (2-space
 * indent, `- ` items indented under their key, `{}` / `[]` for empty
 * collections, entries with an undefined value left out). It never decides
 * how a scalar is written itself, except for strings that are plain in every
 * context (below): every other scalar is printed by `yaml` itself, in the
 * same position, and memoized. Anything else (class instances, toJSON,
 * shared objects that yaml would print as aliases, undefined in arrays, -0,
 * keys yaml would print as explicit `? ` keys) makes it return undefined,
 * and `stringify` prints the whole document as before. test/synth/yaml.test.ts
 * compares the two on the example apps and on generated values.
 */

class Unsupported extends Error {}

/**
 * Performance: `text` made one flat string. V8 keeps a string built by
 * concatenation as a tree of its pieces until something reads it; the
 * stack files of a synth are held until they are written, and thousands of
 * such trees (20 MB for 3,000 stacks) made garbage collection during synth
 * slower (about 5% of it). Reading a character flattens the tree in place.
 */
function flatten(text: string): string {
  // Every document ends with a newline: checking it reads the last character.
  if (text.charCodeAt(text.length - 1) !== 10) throw new Error('internal error: a YAML document must end with a newline');
  return text;
}

/**
 * Strings printed plain (unquoted) by yaml in any context, as a key or a
 * value: they start with a letter, `_`, `/` or `./`, use no YAML indicator, and
 * are none of the YAML 1.1 booleans and nulls (`y`, `No`, `on`, `NULL`, ...)
 * nor a float such as `e5` (`[eE][-+]?[0-9]+` is a YAML 1.1 float); every
 * other YAML 1.1 tag (numbers, timestamps, `.inf`, `<<`) starts with
 * something else.
 */
const PLAIN = /^(?:[A-Za-z_/]|\.\/)[A-Za-z0-9_./-]*$/;
const YAML11_WORDS = /^(?:[YyNn]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL|[eE]-?[0-9]+)$/;

/** Memoized scalar renderings; strings longer than this are printed each time. */
const MEMO_MAX_LENGTH = 256;
const MEMO_MAX_ENTRIES = 50_000;
const valueMemo = new Map<unknown, string>();
const multilineMemo = new Map<string, string>();
const keyMemo = new Map<string, string>();
const topKeyMemo = new Map<string, string>();

function remember(memo: Map<string, string> | Map<unknown, string>, key: never, text: string): string {
  if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
  (memo as Map<unknown, string>).set(key, text);
  return text;
}

/** yaml's rendering of `value` as the value of a pair nested `depth` maps deep (its content indent: 2·depth spaces). */
function yamlValueAt(value: unknown, depth: number): string {
  let doc: unknown = { a: value };
  for (let i = 1; i < depth; i++) doc = { a: doc };
  const text = stringify(doc, OPTIONS);
  let prefix = '';
  for (let i = 0; i < depth; i++) prefix += `${i ? '\n' : ''}${'  '.repeat(i)}a:${i === depth - 1 ? ' ' : ''}`;
  if (!text.startsWith(prefix) || !text.endsWith('\n')) throw new Unsupported();
  return text.slice(prefix.length, -1);
}

/** A scalar as a value (of a pair or a sequence item) whose content indent is `indent` spaces (at least 2). */
function scalar(value: unknown, indent: number): string {
  if (typeof value === 'string') {
    if (PLAIN.test(value) && !YAML11_WORDS.test(value)) return value;
    // Only a string with a line break can be printed over several lines, which depend on the indent.
    const multiline = value.includes('\n');
    if (value.length > MEMO_MAX_LENGTH) return yamlValueAt(value, multiline ? indent / 2 : 1);
    if (!multiline) return valueMemo.get(value) ?? remember(valueMemo, value as never, yamlValueAt(value, 1));
    const key = `${indent}\0${value}`;
    return multilineMemo.get(key) ?? remember(multilineMemo, key as never, yamlValueAt(value, indent / 2));
  }
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0))) {
    const known = valueMemo.get(value);
    if (known !== undefined) return known;
    const text = yamlValueAt(value, 1);
    if (text.includes('\n')) throw new Unsupported();
    return remember(valueMemo, value as never, text);
  }
  throw new Unsupported();
}

/** A map key; yaml quotes a few more keys at the top level than below it. */
function key(k: string, top: boolean): string {
  // Over 1024 characters, yaml writes an explicit key (`? key`).
  if (k.length <= 1024 && PLAIN.test(k) && !YAML11_WORDS.test(k)) return k;
  const memo = top ? topKeyMemo : keyMemo;
  const known = memo.get(k);
  if (known !== undefined) return known;
  const text = stringify(top ? { [k]: 0 } : { a: { [k]: 0 } }, OPTIONS);
  const prefix = top ? '' : 'a:\n  ';
  // A long or multi-line key becomes an explicit `? key`: leave that to yaml.
  const oneLine = text.startsWith(prefix) && text.endsWith(': 0\n') && !text.startsWith(`${prefix}? `)
    && !text.slice(prefix.length, -4).includes('\n');
  if (!oneLine) throw new Unsupported();
  const rendered = text.slice(prefix.length, -4);
  return k.length > MEMO_MAX_LENGTH ? rendered : remember(memo, k as never, rendered);
}

function isPlainObject(x: object): x is Record<string, unknown> {
  const proto = Object.getPrototypeOf(x);
  return (proto === Object.prototype || proto === null) && typeof (x as { toJSON?: unknown }).toJSON !== 'function';
}

/** Objects seen in the current document: a second sighting would be a yaml alias. */
let seen = new Set<object>();

function enter(x: object): void {
  if (seen.has(x)) throw new Unsupported();
  seen.add(x);
}

/** A block map whose pairs sit at `indent` (the first line without it). */
function map(obj: Record<string, unknown>, indent: string): string {
  enter(obj);
  let out = '';
  const childIndent = `${indent}  `;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) continue;
    // A collection value starts on the next line, at the child indent.
    const line = `${key(k, indent === '')}:${node(v, childIndent, `\n${childIndent}`)}`;
    out += out === '' ? line : `\n${indent}${line}`;
  }
  return out === '' ? '{}' : out;
}

/** A block sequence whose `- ` items sit at `indent` (the first line without it). */
function seq(arr: unknown[], indent: string): string {
  enter(arr);
  let out = '';
  const itemIndent = `${indent}  `;
  for (let i = 0; i < arr.length; i++) {
    if (!(i in arr) || arr[i] === undefined) throw new Unsupported();
    // A collection item starts on the same line: `- - a`, `- key: value`.
    const line = `-${node(arr[i], itemIndent, ' ')}`;
    out += i === 0 ? line : `\n${indent}${line}`;
  }
  return out === '' ? '[]' : out;
}

/**
 * What follows `key:` or `-`: a scalar or an empty collection after a
 * space; a non-empty collection, indented `childIndent`, after `before`.
 */
function node(v: unknown, childIndent: string, before: string): string {
  if (typeof v !== 'object' || v === null) return ` ${scalar(v, childIndent.length)}`;
  let body: string;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) throw new Unsupported();
    body = seq(v, childIndent);
  } else {
    if (!isPlainObject(v)) throw new Unsupported();
    body = map(v, childIndent);
  }
  return body === '[]' || body === '{}' ? ` ${body}` : before + body;
}

/** The document, or undefined when yaml must print it (see above). */
function fastStringify(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  seen = new Set();
  try {
    if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype ? `${seq(value, '')}\n` : undefined;
    return isPlainObject(value) ? `${map(value, '')}\n` : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  } finally {
    seen = new Set();
  }
}
