import Ajv04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { prepareComposeSchema } from '../../lib/compose/schema';
import { SCHEMAS } from './paths';

let validator: ValidateFunction | undefined;

/**
 * The Compose v3.13 schema that the docker CLI 28.2.2 embeds, read from
 * ../shared/schemas (not the library's copy), with its custom formats
 * implemented as the CLI checks them (not stubbed out).
 */
export function composeSchema(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'compose', 'config_schema_v3.13.json'), 'utf8'));
    const ajv = new Ajv04({ strict: false, allErrors: true });
    validator = ajv.compile(prepareComposeSchema(ajv, schema)) as unknown as ValidateFunction;
  }
  return validator;
}

export function composeSchemaErrors(doc: unknown): string[] {
  const v = composeSchema();
  return v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
