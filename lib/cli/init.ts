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
 * copy, its built files are packed as they are.
 */
export function initCommand(o: InitCommandOptions, io: Io): number {
  const dir = path.resolve(o.dir);
  const name = o.name ?? path.basename(dir).toLowerCase().replace(/[^a-z0-9-._~]+/g, '-').replace(/^[-._]+|-+$/g, '');
  if (!/^[a-z0-9~][a-z0-9-._~]*$/.test(name) || name.length > 214) {
    throw new UsageError(`"${name}" is not an npm package name: choose one with --name`);
  }
  const existing = fs.existsSync(dir) ? fs.readdirSync(dir).filter((e) => !IGNORABLE.has(e)) : [];
  if (existing.length > 0) {
    throw new CliError(`refusing to init ${o.dir}: it is not empty (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', ...' : ''}); choose a new or empty directory`);
  }
  const lib = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    name: string; version: string; dependencies: Record<string, string>; devDependencies?: Record<string, string>;
  };
  const tarball = packLibrary(lib.name, lib.version);
  const tarballName = path.basename(tarball);
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
  io.out([
    `created ${shown}/: ${[...Object.keys(files), `vendor/${tarballName}`].sort().join(', ')}`,
    '',
    'Next:',
    ...(path.resolve(shown) === process.cwd() ? [] : [`  cd ${shown}`]),
    '  npm install',
    '  npx conductor synth      # writes dist/',
    '  npm test',
  ].join('\n'));
  return 0;
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
  if (fs.existsSync(path.join(PACKAGE_ROOT, 'lib', 'index.ts'))) {
    packDir = path.join(dest, 'package');
    fs.mkdirSync(path.join(packDir, 'bin'), { recursive: true });
    for (const f of ['package.json', 'README.md', path.join('bin', 'conductor.js')]) {
      if (fs.existsSync(path.join(PACKAGE_ROOT, f))) fs.copyFileSync(path.join(PACKAGE_ROOT, f), path.join(packDir, f));
    }
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(PACKAGE_ROOT, 'tsconfig.build.json'), '--outDir', path.join(packDir, 'build')], { encoding: 'utf8' });
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
