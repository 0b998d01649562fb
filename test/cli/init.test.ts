import { spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { readTree, tempDir } from '../support/synth';
import { BIN, cli } from './support';

/*
 * `conductor init` scaffolds a project that depends on the packed library
 * (vendor/*.tgz), prints a line as it packs and installs, and runs
 * `npm install`, which writes the package-lock.json the project commits.
 * The project then installs as its CI does (`npm ci`), synthesizes,
 * checks, tests, and runs its app the way `cdk8s synth` does.
 * npm prefers its cache (npm_config_prefer_offline) but may ask the
 * registry: without a lock, npm 11 resolves from full packuments, which
 * the repository's own `npm ci` does not cache (it fetches tarballs only),
 * so a strictly offline install fails on a fresh machine.
 */
const OFFLINE = { npm_config_prefer_offline: 'true' };
let root: string;
let project: string;
beforeAll(() => {
  root = tempDir('conductor-init-');
  project = path.join(root, 'hello-shop');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, {
    cwd: project, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', ...OFFLINE, ...env }, timeout: 180_000,
  });
  if (r.error) throw r.error;
  return r;
}

/** Runs the CLI asynchronously: its output, and when each line arrived (ms after the start) and when it exited. */
interface TimedRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly lines: { at: number; text: string }[];
  readonly exitAt: number;
}

function timedCli(args: string[]): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, GITHUB_ACTIONS: '', ...OFFLINE } });
    const lines: { at: number; text: string }[] = [];
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      for (const text of d.toString().split('\n').filter(Boolean)) lines.push({ at: Date.now() - start, text });
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, lines, exitAt: Date.now() - start }));
  });
}

test('init prints progress, installs (package-lock.json); npm ci, synth, check, test and the cdk8s app command work', async () => {
  const init = await timedCli(['init', project]);
  expect(init.stderr).toBe('');
  expect(init.status).toBe(0);
  // A line as each step starts and ends, in order; the first long before init ends (it is not silent while it works).
  const texts = init.lines.map((l) => l.text);
  const at = (re: RegExp) => texts.findIndex((t) => re.test(t));
  const steps = [
    /^packing cdk8s-conductor 0\.1\.0 \(compiling lib\/ with tsc, then npm pack\) \.\.\.$/,
    /^packed cdk8s-conductor-0\.1\.0\.tgz \(\d+ KiB\) in \d+\.\d s$/,
    /^installing the project's dependencies in .*hello-shop\/ \(npm install, which writes package-lock\.json\) \.\.\.$/,
    /^installed in \d+\.\d s$/,
    /^created .*hello-shop\/: .*package-lock\.json/,
  ].map(at);
  expect(steps.every((i) => i >= 0)).toBe(true);
  expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  expect(init.exitAt - init.lines[steps[0]].at).toBeGreaterThan(2000);
  expect(init.stdout).toContain('package-lock.json too: the project\'s CI runs npm ci');

  const files = fs.readdirSync(project, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !path.relative(project, e.parentPath).startsWith('node_modules'))
    .map((e) => path.relative(project, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
  expect(files).toEqual([
    '.gitattributes', '.github/workflows/conductor.yml', '.gitignore', 'README.md', 'apps/app.ts', 'apps/main.ts',
    'cdk8s.yaml', 'package-lock.json', 'package.json', 'test/app.test.ts', 'tsconfig.json', 'vendor/cdk8s-conductor-0.1.0.tgz',
  ]);
  // The lock pins the vendored tarball by its integrity; the README says to commit the lock, and CI runs npm ci.
  const lock = JSON.parse(fs.readFileSync(path.join(project, 'package-lock.json'), 'utf8'));
  expect(lock.packages['node_modules/cdk8s-conductor']).toMatchObject({ version: '0.1.0', integrity: expect.stringMatching(/^sha512-/) });
  expect(lock.packages['node_modules/cdk8s-conductor'].resolved).toMatch(/^file:vendor\/cdk8s-conductor-0\.1\.0\.tgz$/);
  const readme = fs.readFileSync(path.join(project, 'README.md'), 'utf8');
  expect(readme).toMatch(/wrote `package-lock\.json`:\s+commit it\. CI .* runs `npm ci`/);
  expect(fs.readFileSync(path.join(project, '.github/workflows/conductor.yml'), 'utf8')).toContain('- run: npm ci');
  const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
  expect(pkg.name).toBe('hello-shop');
  expect(pkg.dependencies['cdk8s-conductor']).toBe('file:vendor/cdk8s-conductor-0.1.0.tgz');
  // Every other dependency is pinned to an exact version.
  for (const [name, v] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (name !== 'cdk8s-conductor') expect({ name, v }).toEqual({ name, v: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  }

  // What the project's CI runs: fails when package.json and package-lock.json disagree.
  fs.rmSync(path.join(project, 'node_modules'), { recursive: true, force: true });
  const install = run('npm', ['ci', '--no-audit', '--no-fund']);
  expect(install.stderr).not.toMatch(/npm error/);
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
  expect(fs.readFileSync(path.join(outdir, 'hello-shop.k8s.yaml'), 'utf8')).toBe(
    fs.readFileSync(path.join(project, 'dist', 'kubernetes', 'hello-shop', 'hello-shop.k8s.yaml'), 'utf8'),
  );

  // The installed (packed, compiled) library scaffolds too: it packs itself as it is.
  const again = run('npx', ['conductor', 'init', path.join(root, 'again')]);
  expect(again.status).toBe(0);
  expect(again.stdout).toMatch(/^packing cdk8s-conductor 0\.1\.0 \(npm pack\) \.\.\.$/m);
  expect(fs.existsSync(path.join(root, 'again', 'vendor', 'cdk8s-conductor-0.1.0.tgz'))).toBe(true);
  expect(fs.existsSync(path.join(root, 'again', 'package-lock.json'))).toBe(true);
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
