import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import type { ComposeFile, ComposeFileObject } from '../swarm/compose-types';
import { SPEC_HASH_LABEL, StackFiles } from './stack-files';

/**
 * The stack file `docker stack deploy` gets: only the services to change
 * (the CLI leaves services missing from the file alone), each labelled with
 * its hash, every top-level object kept, and config and secret files by
 * absolute path (the file is written to a temporary directory, never into
 * dist/). Returns its path; `cleanup` removes it.
 */
export function writeDeployFile(stack: StackFiles, keys: readonly string[]): { file: string; cleanup: () => void } {
  const services: ComposeFile['services'] = {};
  for (const key of keys) {
    const s = stack.compose.services[key];
    services[key] = { ...s, deploy: { ...s.deploy, labels: { ...(s.deploy?.labels ?? {}), [SPEC_HASH_LABEL]: stack.hashes.get(key)! } } };
  }
  const absolute = (defs: Record<string, ComposeFileObject> | undefined) =>
    defs && Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, d.file !== undefined ? { ...d, file: path.resolve(stack.dir, d.file) } : d]));
  const compose: ComposeFile = { ...stack.compose, services };
  if (compose.configs) compose.configs = absolute(compose.configs);
  if (compose.secrets) compose.secrets = absolute(compose.secrets);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `conductor-deploy-${stack.name}-`));
  const file = path.join(dir, 'compose.yaml');
  fs.writeFileSync(file, stringify(compose), { mode: 0o600 });
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
