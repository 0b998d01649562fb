import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { App } from '../../lib';
import { defineExamples } from '../../apps';
import { REPO } from '../support/paths';
import { readTree, tempDir } from '../support/synth';

/*
 * `cdk8s synth` through cdk8s.yaml. cdk8s-cli is not a dependency (it pulls
 * jsii-pacmak, jsii-rosetta and cdk8s-plus-33: far more than this check
 * needs), so the test does what cdk8s-cli 2.x's synth does with the config
 * (src/config.ts and src/util.ts synthApp): read `app` and `output` from
 * cdk8s.yaml, run `app` through a shell with CDK8S_OUTDIR and
 * CDK8S_RECORD_CONSTRUCT_METADATA set, and collect every *.yaml under the
 * output directory, subdirectories included.
 */
const config = parse(fs.readFileSync(path.join(REPO, 'cdk8s.yaml'), 'utf8')) as { app: string; language: string; output?: string };

function findManifests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? findManifests(p) : e.name.endsWith('.yaml') ? [p] : [];
  });
}

test('cdk8s.yaml: a TypeScript app, and an output directory that is not dist/ (cdk8s synth empties it first)', () => {
  expect(config.language).toBe('typescript');
  expect(config.app).toBe('node -r tsx/cjs apps/main.ts');
  expect(config.output).toBeDefined();
  expect(path.resolve(REPO, config.output!)).not.toBe(path.join(REPO, 'dist'));
});

test('the app command writes one <stack>.k8s.yaml per stack into CDK8S_OUTDIR, and leaves dist/ alone', () => {
  const outdir = tempDir('conductor-cdk8s-');
  const distBefore = readTree(path.join(REPO, 'dist'));
  try {
    const r = spawnSync(config.app, {
      shell: true,
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_OUTDIR: outdir, CDK8S_RECORD_CONSTRUCT_METADATA: 'false' },
    });
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('warning: '))).toEqual([]);
    expect(r.status).toBe(0);
    const expected = defineExamples(new App()).render({ targets: ['kubernetes'] }).files;
    const manifests = findManifests(outdir).map((f) => path.relative(outdir, f)).sort();
    const want = [...expected.keys()].flatMap((f) => {
      const m = /^(?:([^/]+)\/)?kubernetes\/([^/]+)\/\2\.k8s\.yaml$/.exec(f);
      return m ? [[m[1] ? `${m[1]}/${m[2]}.k8s.yaml` : `${m[2]}.k8s.yaml`, f]] : [];
    });
    expect(manifests).toEqual(want.map(([file]) => file).sort());
    for (const [file, source] of want) expect(fs.readFileSync(path.join(outdir, file), 'utf8')).toBe(expected.get(source));
    expect(readTree(path.join(REPO, 'dist'))).toEqual(distBefore);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
