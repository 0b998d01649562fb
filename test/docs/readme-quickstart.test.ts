import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';
import type { ComposeFile } from '../../lib/swarm/compose-types';
import { cli } from '../cli/support';
import { composeSchemaErrors } from '../support/compose-schema';
import { dockerStackConfig } from '../support/docker';
import { kubeSchema } from '../support/kube-schema';
import { composeDeployErrors } from '../support/oracle';
import { REPO } from '../support/paths';
import { readTree, tempDir } from '../support/synth';

/*
 * The README's Quickstart runs verbatim in this repository: its TypeScript
 * block, copied as it is into a file beside the example apps (apps/), type
 * checks with the repository's tsconfig and synthesizes through the real CLI,
 * importing the library by its package name as a user's app does. The output
 * passes the oracles (Kubernetes 1.27 schemas, Compose schema, `docker stack config`).
 */
function quickstartCode(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.split(/^## Quickstart$/m)[1]?.split(/^## /m)[0];
  const code = section?.match(/^```ts\n([\s\S]*?)^```$/m)?.[1];
  if (!code) throw new Error('README.md has no ```ts block under "## Quickstart"');
  return code;
}

let dir: string;
let out: string;
let file: string;
beforeAll(() => {
  // A hidden directory under apps/: tsc's `include` globs and the examples skip it; .gitignore lists it.
  dir = fs.mkdtempSync(path.join(REPO, 'apps', '.readme-quickstart-'));
  out = tempDir('conductor-quickstart-out-');
  file = path.join(dir, 'main.ts');
  fs.writeFileSync(file, quickstartCode());
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

test('the Quickstart is an apps/main.ts that imports the package by its name', () => {
  const code = quickstartCode();
  expect(code.split('\n')[0]).toBe('// apps/main.ts');
  expect(code).toMatch(/^import \{[^}]+\} from 'cdk8s-conductor';$/m);
  expect(code).toMatch(/^app\.synth\(\);$/m);
});

test('the Quickstart type checks with the repository tsconfig', () => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(REPO, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  const program = ts.createProgram([file], { ...config!.options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.relative(REPO, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  expect(diagnostics).toEqual([]);
}, 120_000);

test('the Quickstart synthesizes through the CLI into valid Kubernetes manifests and a Swarm stack file', () => {
  const r = cli(['synth', '--app', path.relative(REPO, file), '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('shop: kubernetes');
  const files = readTree(out);
  expect([...files.keys()].filter((f) => !f.includes('/configs/') && f !== '.conductor-output').sort()).toEqual([
    'kubernetes/kustomization.yaml', 'kubernetes/shop/kustomization.yaml', 'kubernetes/shop/shop.k8s.yaml', 'shop.md', 'swarm/shop/compose.yaml',
  ]);
  const objects = parseAllDocuments(files.get('kubernetes/shop/shop.k8s.yaml')!.toString()).map((d) => d.toJSON());
  expect(objects.flatMap((o) => kubeSchema().validate(o))).toEqual([]);
  expect(objects.find((o) => o.kind === 'Deployment')?.spec.replicas).toBe(5);
  const compose = parse(files.get('swarm/shop/compose.yaml')!.toString()) as ComposeFile;
  expect([...composeSchemaErrors(compose), ...composeDeployErrors(compose)]).toEqual([]);
  const loaded = dockerStackConfig(path.join(out, 'swarm', 'shop', 'compose.yaml'));
  expect(loaded.stderr).toBe('');
  expect(loaded.status).toBe(0);
});
