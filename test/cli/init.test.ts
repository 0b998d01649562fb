import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { readTree, tempDir } from '../support/synth';
import { cli } from './support';

/*
 * `conductor init` scaffolds a project that depends on the packed library
 * (vendor/*.tgz). The project must install with the npm cache only
 * (`npm install --offline`: no network request at all) and then synthesize,
 * check, test, and run its app the way `cdk8s synth` does.
 */
let root: string;
let project: string;
beforeAll(() => {
  root = tempDir('conductor-init-');
  project = path.join(root, 'hello-shop');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd: project, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', ...env }, timeout: 180_000 });
  if (r.error) throw r.error;
  return r;
}

test('init, then npm install --offline, synth, check, test and the cdk8s app command all work', () => {
  const init = cli(['init', project]);
  expect(init.stderr).toBe('');
  expect(init.status).toBe(0);
  expect(init.stdout).toContain('npm install');
  const files = [...readTree(project).keys()].sort();
  expect(files).toEqual([
    '.gitattributes', '.github/workflows/conductor.yml', '.gitignore', 'README.md', 'apps/app.ts', 'apps/main.ts',
    'cdk8s.yaml', 'package.json', 'test/app.test.ts', 'tsconfig.json', 'vendor/cdk8s-conductor-0.1.0.tgz',
  ]);
  const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  expect(pkg.name).toBe('hello-shop');
  expect(pkg.dependencies['cdk8s-conductor']).toBe('file:vendor/cdk8s-conductor-0.1.0.tgz');
  // Every other dependency is pinned to an exact version.
  for (const [name, v] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (name !== 'cdk8s-conductor') expect({ name, v }).toEqual({ name, v: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  }

  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund']);
  expect(install.status).toBe(0);
  // The packed library: compiled JavaScript and declarations, no TypeScript sources.
  const installed = path.join(project, 'node_modules', 'cdk8s-conductor');
  expect(fs.existsSync(path.join(installed, 'build', 'index.js'))).toBe(true);
  expect(fs.existsSync(path.join(installed, 'build', 'index.d.ts'))).toBe(true);
  expect(fs.existsSync(path.join(installed, 'lib'))).toBe(false);

  const synth = run('npx', ['conductor', 'synth']);
  expect(synth.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'))).toEqual([]);
  expect(synth.status).toBe(0);
  expect(synth.stdout).toContain('hello-shop: kubernetes 1 Namespace, 1 ConfigMap, 1 Service, 1 Deployment; swarm 1 service');
  const dist = [...readTree(path.join(project, 'dist')).keys()].sort();
  expect(dist).toEqual(expect.arrayContaining([
    'hello-shop.md', 'kubernetes/hello-shop/hello-shop.k8s.yaml', 'kubernetes/kustomization.yaml', 'swarm/hello-shop/compose.yaml',
  ]));

  expect(run('npx', ['conductor', 'check']).status).toBe(0);
  fs.appendFileSync(path.join(project, 'dist', 'hello-shop.md'), 'edit\n');
  expect(run('npx', ['conductor', 'check']).status).toBe(1);

  const test = run('npm', ['test']);
  expect(test.stdout).toMatch(/^# pass 2$/m);
  expect(test.status).toBe(0);

  // cdk8s synth: the app command of cdk8s.yaml with CDK8S_OUTDIR (what cdk8s-cli runs).
  const config = parse(fs.readFileSync(path.join(project, 'cdk8s.yaml'), 'utf8'));
  const outdir = path.join(root, 'cdk8s.out');
  const c = spawnSync(config.app, { shell: true, cwd: project, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: outdir } });
  expect(c.status).toBe(0);
  expect(fs.readdirSync(outdir)).toEqual(['hello-shop.k8s.yaml']);
  expect(fs.readFileSync(path.join(outdir, 'hello-shop.k8s.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(project, 'dist', 'kubernetes', 'hello-shop', 'hello-shop.k8s.yaml'), 'utf8'));

  // The installed (packed, compiled) library scaffolds too: it packs itself as it is.
  const again = run('npx', ['conductor', 'init', path.join(root, 'again')]);
  expect(again.status).toBe(0);
  expect(fs.existsSync(path.join(root, 'again', 'vendor', 'cdk8s-conductor-0.1.0.tgz'))).toBe(true);
}, 300_000);

test('init refuses a directory that is not empty, and a name npm would refuse', () => {
  const full = path.join(root, 'full');
  fs.mkdirSync(full);
  fs.writeFileSync(path.join(full, 'keep.txt'), 'mine\n');
  const r = cli(['init', full]);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^conductor: refusing to init .*full: it is not empty \(keep\.txt\); choose a new or empty directory\n$/);
  expect(fs.readdirSync(full)).toEqual(['keep.txt']);
  const bad = cli(['init', path.join(root, 'x'), '--name', 'Bad Name']);
  expect(bad.status).toBe(2);
  expect(fs.existsSync(path.join(root, 'x'))).toBe(false);
});
