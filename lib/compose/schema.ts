import type { ErrorObject, ValidateFunction } from 'ajv';
// The schema travels with the library (see SCHEMA.md); tsc copies it into build/.
import schemaJson from './config_schema_v3.13.json';

/** One schema violation: the path of the offending value and what is wrong, in words. */
export interface SchemaViolation {
  readonly path: (string | number)[];
  readonly message: string;
}

// Go's time.ParseDuration grammar.
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

// go-connections nat.ParsePortSpec: [ip:][hostPort[-end]:]containerPort[-end][/proto].
function isPortSpec(x: string | number): boolean {
  const m = /^(?:(?:(\[[0-9a-fA-F:]+\]|[0-9.]+):)?(?:(\d+(?:-\d+)?)?:))?(\d+(?:-\d+)?)(?:\/(tcp|udp|sctp))?$/.exec(String(x));
  if (!m) return false;
  const inRange = (r: string | undefined) => !r || r.split('-').every((p) => Number(p) >= 0 && Number(p) <= 65535);
  return inRange(m[2]) && inRange(m[3]) && Number(m[3].split('-')[0]) > 0;
}

/**
 * Prepares a Compose schema (a fresh copy) for ajv and adds its custom
 * formats, implemented as the docker CLI checks them. ajv keeps one
 * definition per format name, so number ports get a format of their own.
 * Also used by the tests' oracle, on the schema in ../shared/schemas.
 */
export function prepareComposeSchema(ajv: import('ajv').default, schema: Record<string, unknown>): Record<string, unknown> {
  renameNumberPortsFormat(schema);
  ajv.addFormat('duration', { type: 'string', validate: (s: string) => GO_DURATION.test(s) });
  ajv.addFormat('ports', { type: 'string', validate: isPortSpec });
  ajv.addFormat('ports-number', { type: 'number', validate: isPortSpec });
  ajv.addFormat('expose', { type: 'string', validate: (s: string) => /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/.test(s) });
  return schema;
}

function renameNumberPortsFormat(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(renameNumberPortsFormat);
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  if (n.format === 'ports' && n.type === 'number') n.format = 'ports-number';
  Object.values(n).forEach(renameNumberPortsFormat);
}

/** `v3`: the v3.13 schema `docker stack deploy` applies; `spec`: the Compose Specification (`docker compose`). */
export type ComposeSchemaName = 'v3' | 'spec';

const validators = new Map<ComposeSchemaName, ValidateFunction>();

function compile(which: ComposeSchemaName): ValidateFunction {
  const known = validators.get(which);
  if (known) return known;
  // Loaded on first use: only an import needs ajv.
  let validator: ValidateFunction;
  if (which === 'v3') {
    const Ajv04 = (require('ajv-draft-04') as { default: new (o: object) => import('ajv').default }).default;
    const ajv = new Ajv04({ strict: false, allErrors: true, verbose: true });
    validator = ajv.compile(prepareComposeSchema(ajv, JSON.parse(JSON.stringify(schemaJson)) as Record<string, unknown>));
  } else {
    // draft-07, no custom formats. An unmodified copy of compose-spec/compose-spec's schema (SCHEMA.md).
    const Ajv = (require('ajv') as { default: new (o: object) => import('ajv').default }).default;
    const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
    // Its `$schema` names draft-07 by an https address ajv does not know; the copy compiled here leaves it out.
    const { $schema: _draft, ...schema } = JSON.parse(JSON.stringify(require('./compose-spec.json'))) as Record<string, unknown>;
    validator = ajv.compile(schema);
  }
  validators.set(which, validator);
  return validator;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', array: 'a list', object: 'a mapping', integer: 'an integer', number: 'a number', boolean: 'a boolean (true or false)',
    null: 'empty',
};

const FORMAT_WORDS: Record<string, string> = {
  duration: 'must be a duration such as "10s", "1m30s" or "500ms"',
  ports: 'must be a port such as "8080", "80:8080", "9000-9001:9000-9001" or "127.0.0.1:53:53/udp"',
  'ports-number': 'must be a port number from 1 to 65535',
  expose: 'must be a port or range such as "3000" or "3000-3005/udp"',
};

function toPath(pointer: string, doc: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** Every key some object of the Compose Specification knows (services, deploy, ports, ...). */
let specKeys: Set<string> | undefined;

function composeSpecKeys(): Set<string> {
  if (specKeys) return specKeys;
  specKeys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.properties && typeof n.properties === 'object') for (const k of Object.keys(n.properties)) specKeys!.add(k);
    Object.values(n).forEach(walk);
  };
  walk(require('./compose-spec.json'));
  return specKeys;
}

function unknownKey(e: ErrorObject, which: ComposeSchemaName): string {
  const key = String(e.params.additionalProperty);
  const known = Object.keys(((e.parentSchema as { properties?: object })?.properties) ?? {});
  const close = known.filter((k) => distance(k, key) <= Math.max(1, Math.floor(key.length / 4))).sort((a, b) => distance(a, key) - distance(b, key));
  if (close.length) return `unknown key "${key}"; did you mean "${close[0]}"?`;
  if (which === 'v3' && composeSpecKeys().has(key)) {
    return `unknown key "${key}": a Compose Specification key that docker stack deploy does not read; ` +
      'remove version: to import the file as a Compose Specification file (docker compose), or remove the key';
  }
  return `unknown key "${key}"${known.length && known.length <= 12 ? ` (known keys: ${known.join(', ')})` : ''}`;
}

/** One violation, with what the tools need to repair it (the key, or the expected types). */
export interface DetailedViolation extends SchemaViolation {
  readonly keyword: string;
  /** additionalProperties: the unknown key. type: the types the schema wants. */
  readonly unknownKey?: string;
  readonly types?: readonly string[];
}

/**
 * Validates a document against the Compose v3.13 schema (what `docker
 * stack config` checks), or the Compose Specification. The errors of ajv,
 * which reports every branch of a `oneOf`, are reduced to one message per
 * offending value.
 */
export function validateComposeSchema(doc: unknown, which: ComposeSchemaName = 'v3'): SchemaViolation[] {
  return detailedViolations(doc, which).map(({ path, message }) => ({ path, message }));
}

export function detailedViolations(doc: unknown, which: ComposeSchemaName = 'v3'): DetailedViolation[] {
  const validate = compile(which);
  if (validate(doc)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  // A mapping key in error is reported at the key itself.
  const located = errors.map((e) => ({
    e,
    pointer: e.keyword === 'additionalProperties'
      ? `${e.instancePath}/${String(e.params.additionalProperty).replace(/~/g, '~0').replace(/\//g, '~1')}` : e.instancePath,
  }));
  const under = (p: string, q: string) => q === p || q.startsWith(`${p}/`);
  const byPointer = new Map<string, ErrorObject[]>();
  for (const { e, pointer } of located) {
    // Type errors of a oneOf branch that did not apply: another branch got further.
    if (e.keyword === 'type' && located.some((o) => o.e.keyword !== 'type' && under(e.instancePath, o.pointer))) continue;
    byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), e]);
  }
  const out: DetailedViolation[] = [];
  for (const [pointer, list] of byPointer) {
    const path = toPath(pointer, doc);
    const types = [...new Set(list.filter((e) => e.keyword === 'type').flatMap((e) => String(e.params.type).split(',')))];
    if (types.length) out.push({ path, keyword: 'type', types, message: `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}` });
    for (const e of list) {
      const at = { path, keyword: e.keyword };
      switch (e.keyword) {
        case 'type':
          break;
        case 'additionalProperties':
          out.push({ ...at, unknownKey: String(e.params.additionalProperty), message: unknownKey(e, which) });
          break;
        case 'required':
          out.push({ ...at, message: `needs the key "${String(e.params.missingProperty)}"` });
          break;
        case 'format':
          out.push({ ...at, message: FORMAT_WORDS[String(e.params.format)] ?? `must be of format ${String(e.params.format)}` });
          break;
        case 'enum':
          out.push({ ...at, message: `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` });
          break;
        case 'uniqueItems':
          out.push({ ...at, message: `must not repeat an item (items ${e.params.j} and ${e.params.i} are the same)` });
          break;
        default:
          out.push({ ...at, message: e.message ?? e.keyword });
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((v) => {
    const k = `${JSON.stringify(v.path)} ${v.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
