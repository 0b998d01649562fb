import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../support/paths';
import { DROPPED_SERVICE_KEYS, MAPPED_SERVICE_KEYS } from '../../lib/compose/plan';

/**
 * docs/compose-import.md has a row for every key of the Compose v3.13
 * schema, and the importer handles every service key (mapped or noted).
 */
const doc = fs.readFileSync(path.join(REPO, 'docs', 'compose-import.md'), 'utf8');
const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'lib', 'compose', 'config_schema_v3.13.json'), 'utf8'));
const defs = schema.definitions;
const props = (node: any): string[] => Object.keys(node?.properties ?? {});
const oneOfObject = (node: any) => (node.oneOf ?? node.items?.oneOf ?? []).find((x: any) => x.type === 'object');

function schemaKeys(): string[] {
  const keys: string[] = [];
  const service = defs.service.properties;
  keys.push(...props(defs.service));
  for (const k of props(defs.deployment)) {
    const d = defs.deployment.properties[k];
    if (k === 'resources') for (const side of props(d)) keys.push(...props(d.properties[side]).map((x) => `deploy.resources.${side}.${x}`));
    else if (['restart_policy', 'update_config', 'rollback_config', 'placement'].includes(k)) keys.push(...props(d).map((x) => `deploy.${k}.${x}`));
    else keys.push(`deploy.${k}`);
  }
  keys.push(...props(defs.healthcheck).map((k) => `healthcheck.${k}`));
  for (const list of ['ports', 'configs', 'secrets']) keys.push(...props(oneOfObject(service[list])).map((k) => `${list}[].${k}`));
  const volume = oneOfObject(service.volumes);
  for (const k of props(volume)) {
    const sub = props(volume.properties[k]);
    keys.push(...(sub.length ? sub.map((s) => `volumes[].${k}.${s}`) : [`volumes[].${k}`]));
  }
  const net = service.networks.oneOf.find((x: any) => x.type === 'object').patternProperties['^[a-zA-Z0-9._-]+$'].oneOf.find(
    (x: any) => x.type === 'object',
  );
  keys.push(...props(net).map((k) => `networks.<network>.${k}`));
  keys.push('version', 'services', 'x-*');
  for (const top of ['volumes', 'networks', 'secrets', 'configs']) keys.push(...props(defs[top.slice(0, -1)]).map((k) => `${top}.<name>.${k}`));
  return keys;
}

test('every key of the v3.13 schema has a row in docs/compose-import.md', () => {
  const missing = schemaKeys().filter((k) => !doc.includes(`| \`${k}\` |`));
  expect(missing).toEqual([]);
});

test('every service key is either mapped or dropped with a reason, never both', () => {
  const handled = [...MAPPED_SERVICE_KEYS, ...Object.keys(DROPPED_SERVICE_KEYS)];
  expect([...handled].sort()).toEqual(props(defs.service).sort());
  expect(MAPPED_SERVICE_KEYS.filter((k) => k in DROPPED_SERVICE_KEYS)).toEqual([]);
});

test('the docs cite Kompose\'s conversion table', () => {
  expect(doc).toContain('https://github.com/kubernetes/kompose/blob/main/docs/conversion.md');
});
