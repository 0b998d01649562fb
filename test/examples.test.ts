import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App } from '../lib';
import { environmentOf } from '../lib/synth/environment';
import { writeTree } from '../lib/synth/writer';
import { defineExamples } from '../apps';
import { composeSchemaErrors } from './support/compose-schema';
import { dockerStackConfig } from './support/docker';
import { restrictedViolations } from './guarantees/support/pod-security';
import { kubeSchema } from './support/kube-schema';
import { kubectl127 } from './support/kubectl';
import { REPO } from './support/paths';
import { readTree, tempDir } from './support/synth';

const out = defineExamples(new App()).render();
const root = tempDir();
writeTree(root, out.files);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const kubeFiles = [...out.files.keys()].filter((f) => f.endsWith('.k8s.yaml'));
const composeFiles = [...out.files.keys()].filter((f) => f.endsWith('compose.yaml'));
const kustomizeDirs = [...out.files.keys()].filter((f) => f.endsWith('kustomization.yaml')).map((f) => path.dirname(f));

test('the examples render both targets for every stack', () => {
  // Stacks of an Environment render under <env>/ (apps/environments.ts).
  const dirs = out.stacks.map((s) => `${environmentOf(s) ? `${environmentOf(s)}/` : ''}${s.stackName}`).sort();
  expect(dirs).toEqual(expect.arrayContaining(['shop', 'web', 'dev/catalog', 'prod/catalog']));
  const at = (d: string, rest: string) => (d.includes('/') ? d.replace('/', `/${rest}/`) : `${rest}/${d}`);
  expect(kubeFiles.sort()).toEqual(dirs.map((d) => `${at(d, 'kubernetes')}/${d.split('/').pop()}.k8s.yaml`).sort());
  expect(composeFiles.sort()).toEqual(dirs.map((d) => `${at(d, 'swarm')}/compose.yaml`).sort());
});

describe.each(kubeFiles)('%s', (file) => {
  const objects = parseAllDocuments(out.files.get(file)!).map((d) => d.toJSON());
  test.each(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]))('%s validates strictly against Kubernetes 1.27', (_, o) => {
    expect(kubeSchema().validate(o)).toEqual([]);
  });
});

/** Where a pod template sits in each workload kind. */
function podTemplate(o: any): unknown {
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template;
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind) ? o.spec.template : undefined;
}

test('every pod of the examples passes Pod Security "restricted", apart from the risks the examples opt in to (none)', () => {
  expect(out.risks).toEqual([]);
  const pods = kubeFiles.flatMap((file) => parseAllDocuments(out.files.get(file)!).map((d) => d.toJSON()))
    .filter((o) => podTemplate(o))
    .map((o) => ({ pod: `${o.metadata.namespace}/${o.kind}/${o.metadata.name}`, violations: restrictedViolations(podTemplate(o)) }));
  expect(pods.length).toBeGreaterThanOrEqual(15);
  expect(pods.filter((p) => p.violations.length)).toEqual([]);
});

describe.each(composeFiles)('%s', (file) => {
  test('passes `docker stack config` (the real Swarm loader)', () => {
    const r = dockerStackConfig(path.join(root, file));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  test('validates against the Compose v3.13 schema of docker CLI 28.2.2', () => {
    expect(composeSchemaErrors(parse(out.files.get(file)!))).toEqual([]);
  });
});

describe.each(kustomizeDirs)('kubectl kustomize %s', (dir) => {
  test('builds with kubectl 1.27 and the result validates strictly', () => {
    const built = execFileSync(kubectl127(), ['kustomize', path.join(root, dir)], { encoding: 'utf8' });
    const objects = parseAllDocuments(built).map((d) => d.toJSON());
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(kubeSchema().validate(o)).toEqual([]);
  });
});

test('the committed dist/ is exactly what the examples synthesize (reviewed golden output)', () => {
  const committed = readTree(path.join(REPO, 'dist'));
  const fresh = readTree(root);
  // The marker: apps/main.ts owns dist/ and wrote exactly these files.
  const marker = JSON.parse(committed.get('.conductor-output')!.toString());
  expect({ app: marker.app, files: marker.files }).toEqual({ app: 'apps/main.ts', files: [...fresh.keys()].sort() });
  committed.delete('.conductor-output');
  expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
  for (const [file, bytes] of fresh) expect({ file, text: committed.get(file)?.toString() }).toEqual({ file, text: bytes.toString() });
});
