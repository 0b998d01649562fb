import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageError } from './args';
import { CliError } from './errors';
import type { Io } from './io';
import { projectFiles, ScaffoldVersions } from './init-templates';

export interface InitCommandOptions {
  readonly dir: string;
  readonly name?: string;
}

/** The root of this package: lib/cli/ (source) or build/cli/ (packed) are two levels down. */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** Entries a fresh repository may already hold. */
const IGNORABLE = new Set(['.git', '.DS_Store']);

/**
 * `conductor init [dir]`: scaffolds a project that uses this library.
 *
 * The library is not on the npm registry, so the project depends on a
 * tarball of it, `npm pack`ed into `vendor/` (`"cdk8s-conductor":
 * "file:vendor/cdk8s-conductor-<version>.tgz"`): the project is
 * self-contained, can be committed and moved, and `npm install` needs only
 * the registry (or its cache) for the library's own dependencies. From a
 * checkout, the library is compiled for the tarball; from an installed
 * copy, its built files are packed as they are. Then init runs `npm
 * install` in the project, which writes the `package-lock.json` that the
 * project commits (its CI runs `npm ci`). Packing and installing take
 * tens of seconds: init prints a line as each step starts and ends.
 */
export function initCommand(o: InitCommandOptions, io: Io): number {
  const dir = path.resolve(o.dir);
  const name = o.name ?? path.basename(dir).toLowerCase().replace(/[^a-z0-9-._~]+/g, '-').replace(/^[-._]+|-+$/g, '');
  if (!/^[a-z0-9~][a-z0-9-._~]*$/.test(name) || name.length > 214) {
    throw new UsageError(`"${name}" is not an npm package name: choose one with --name`);
  }
  const existing = fs.existsSync(dir) ? fs.readdirSync(dir).filter((e) => !IGNORABLE.has(e)) : [];
  if (existing.length > 0) {
    const some = `${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', ...' : ''}`;
    throw new CliError(`refusing to init ${o.dir}: it is not empty (${some}); choose a new or empty directory`);
  }
  const lib = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    name: string; version: string; dependencies: Record<string, string>; devDependencies?: Record<string, string>;
  };
  const started = Date.now();
  io.out(`packing ${lib.name} ${lib.version}${isCheckout() ? ' (compiling lib/ with tsc, then npm pack)' : ' (npm pack)'} ...`);
  const tarball = packLibrary(lib.name, lib.version);
  const tarballName = path.basename(tarball);
  io.out(`packed ${tarballName} (${Math.round(fs.statSync(tarball).size / 1024)} KiB) in ${seconds(started)}`);
  const pinned = (pkg: string) => {
    const v = lib.dependencies[pkg] ?? lib.devDependencies?.[pkg];
    if (!v) throw new Error(`package.json of ${lib.name} has no version of ${pkg}`);
    return v;
  };
  const versions: ScaffoldVersions = {
    library: `file:vendor/${tarballName}`,
    constructs: pinned('constructs'),
    tsx: pinned('tsx'),
    typescript: pinned('typescript'),
    typesNode: pinned('@types/node'),
  };
  const stackName = /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 40 ? name : 'app';
  const files = projectFiles({ name, stackName, versions, tarballName });
  try {
    for (const [rel, text] of Object.entries(files)) {
      const file = path.join(dir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text, { flag: 'wx' });
    }
    fs.mkdirSync(path.join(dir, 'vendor'), { recursive: true });
    fs.copyFileSync(tarball, path.join(dir, 'vendor', tarballName));
  } finally {
    fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
  }
  const shown = o.dir.replace(/\/+$/, '') || '.';
  const installing = Date.now();
  io.out(`installing the project's dependencies in ${shown}/ (npm install, which writes package-lock.json) ...`);
  installDependencies(dir, shown);
  io.out(`installed in ${seconds(installing)}`);
  io.out([
    `created ${shown}/: ${[...Object.keys(files), 'package-lock.json', `vendor/${tarballName}`].sort().join(', ')}`,
    'Commit them all (package-lock.json too: the project\'s CI runs npm ci).',
    '',
    'Next:',
    ...(path.resolve(shown) === process.cwd() ? [] : [`  cd ${shown}`]),
    '  npx conductor synth      # writes dist/',
    '  npm test',
  ].join('\n'));
  return 0;
}

/** True when this package runs from a checkout (TypeScript sources in lib/), not from a packed copy. */
function isCheckout(): boolean {
  return fs.existsSync(path.join(PACKAGE_ROOT, 'lib', 'index.ts'));
}

/** Wall time since `start`, e.g. `12.3 s`. */
function seconds(start: number): string {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

/**
 * `npm install` in the new project: node_modules/ and package-lock.json.
 * npm's own settings apply (npm_config_offline, a registry mirror, ...).
 * On failure the project stays as written, and the error says what to run.
 */
function installDependencies(dir: string, shown: string): void {
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.error || r.status !== 0 || !fs.existsSync(path.join(dir, 'package-lock.json'))) {
    const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').filter((l) => /err/i.test(l)).slice(0, 3).join(' ');
    throw new CliError(`created ${shown}/, but npm install failed there (exit ${r.status}): ${r.error?.message ?? (output || 'no output')}; `
      + `run npm install in ${shown}/ once the registry is reachable, and commit package-lock.json`);
  }
}

/**
 * `npm pack`s this package into a temporary directory; returns the
 * tarball's path. From a checkout, the package is staged in that directory
 * first (package.json, README, bin/, and build/ compiled there by tsc), so
 * that init neither writes into the checkout nor races another build.
 */
function packLibrary(name: string, version: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-pack-'));
  const fail = (what: string, r: { status: number | null; stdout?: string; stderr?: string; error?: Error }): never => {
    fs.rmSync(dest, { recursive: true, force: true });
    const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').filter((l) => /error/i.test(l)).slice(0, 3).join(' ');
    throw new CliError(`cannot pack ${name}: ${what} exited ${r.status}: ${r.error?.message ?? (output || 'no output')}`);
  };
  let packDir = PACKAGE_ROOT;
  if (isCheckout()) {
    packDir = path.join(dest, 'package');
    fs.mkdirSync(path.join(packDir, 'bin'), { recursive: true });
    for (const f of ['package.json', 'README.md', path.join('bin', 'conductor.js')]) {
      if (fs.existsSync(path.join(PACKAGE_ROOT, f))) fs.copyFileSync(path.join(PACKAGE_ROOT, f), path.join(packDir, f));
    }
    const tscArgs = [
      require.resolve('typescript/bin/tsc'), '-p', path.join(PACKAGE_ROOT, 'tsconfig.build.json'), '--outDir', path.join(packDir, 'build'),
    ];
    const tsc = spawnSync(process.execPath, tscArgs, { encoding: 'utf8' });
    if (tsc.error || tsc.status !== 0) fail('tsc -p tsconfig.build.json', tsc);
  }
  const r = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dest], {
    cwd: packDir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const file = path.join(dest, `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`);
  if (r.error || r.status !== 0 || !fs.existsSync(file)) fail('npm pack', r);
  return file;
}
