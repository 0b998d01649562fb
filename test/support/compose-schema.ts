import Ajv04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { SCHEMAS } from './paths';

// Go's time.ParseDuration grammar.
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$/;

// go-connections nat.ParsePortSpec: [ip:][hostPort[-end]:]containerPort[-end][/proto].
function isPortSpec(x: string | number): boolean {
  const text = String(x);
  const m = /^(?:(?:(\[[0-9a-fA-F:]+\]|[0-9.]+):)?(?:(\d+(?:-\d+)?)?:))?(\d+(?:-\d+)?)(?:\/(tcp|udp|sctp))?$/.exec(text);
  if (!m) return false;
  const inRange = (r: string | undefined) => !r || r.split('-').every((p) => Number(p) >= 0 && Number(p) <= 65535);
  return inRange(m[2]) && inRange(m[3]) && Number(m[3].split('-')[0]) > 0;
}

function renameNumberPortsFormat(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(renameNumberPortsFormat);
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  if (n.format === 'ports' && n.type === 'number') n.format = 'ports-number';
  Object.values(n).forEach(renameNumberPortsFormat);
}

let validator: ValidateFunction | undefined;

/**
 * The Compose v3.13 schema that the docker CLI 28.2.2 embeds, with its
 * custom formats implemented as the CLI checks them (not stubbed out).
 */
export function composeSchema(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'compose', 'config_schema_v3.13.json'), 'utf8'));
    // ajv keeps one definition per format name (a second addFormat('ports') replaced the
    // first, leaving string ports unchecked): number ports get a format of their own.
    renameNumberPortsFormat(schema);
    const ajv = new Ajv04({ strict: false, allErrors: true });
    ajv.addFormat('duration', { type: 'string', validate: (s: string) => GO_DURATION.test(s) });
    ajv.addFormat('ports', { type: 'string', validate: isPortSpec });
    ajv.addFormat('ports-number', { type: 'number', validate: isPortSpec });
    ajv.addFormat('expose', { type: 'string', validate: (s: string) => /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/.test(s) });
    validator = ajv.compile(schema) as unknown as ValidateFunction;
  }
  return validator;
}

export function composeSchemaErrors(doc: unknown): string[] {
  const v = composeSchema();
  return v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
