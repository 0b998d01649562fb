import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { runSync } from '../run';
import { ServerImageSpec } from './spec';

/**
 * Where built root filesystems and downloaded packages are kept between runs
 * (each run starts a fresh engine, so the images are imported every time, but
 * built only when a package version or the spec changes).
 */
export const IMAGE_CACHE = process.env.CONDUCTOR_E2E_IMAGE_CACHE ?? '/var/cache/conductor-e2e';

/** How old another build of the same image must be before a build removes it. */
const STALE_AFTER_MS = 24 * 3600_000;

/** Bumped when the way images are assembled changes (invalidates every cached root filesystem). */
const BUILDER_VERSION = '2';

export interface BuiltImage {
  readonly tag: string;
  /** True when the root filesystem came from the cache. */
  readonly cached: boolean;
  readonly buildMs: number;
  readonly importMs: number;
  readonly sizeBytes: number;
  /** `name=version` of every package unpacked into it. */
  readonly packages: readonly string[];
}

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

/**
 * The dependency closure of `packages` as apt resolves it against an empty
 * dpkg status (so nothing counts as installed): `name=version` lines.
 */
export function resolveClosure(packages: readonly string[]): string[] {
  const r = runSync('apt-get', ['-s', '-o', 'Dir::State::status=/dev/null', 'install', '--no-install-recommends', ...packages],
    { env: APT_ENV, timeoutMs: 120_000 });
  const out: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^Inst (\S+) \((\S+) /.exec(line);
    if (m) out.push(`${m[1]}=${m[2]}`);
  }
  if (!out.length) throw new Error(`apt-get resolved nothing for ${packages.join(' ')}:\n${r.stdout}\n${r.stderr}`);
  return out.sort();
}

/** The .deb of `name=version` in the package cache, downloaded when missing. */
function debFor(pkg: string, debDir: string): string {
  const [name, version] = pkg.split('=');
  const file = `${name}_${version.replace(/:/g, '%3a')}_`;
  const find = () => fs.readdirSync(debDir).find((f) => f.startsWith(file) && f.endsWith('.deb'));
  let deb = find();
  if (!deb) {
    runSync('apt-get', ['download', pkg], { cwd: debDir, env: APT_ENV, timeoutMs: 600_000 });
    deb = find();
    if (!deb) throw new Error(`apt-get download ${pkg} left no ${file}*.deb in ${debDir}`);
  }
  return path.join(debDir, deb);
}

function writeRootfs(spec: ServerImageSpec, packages: readonly string[], busybox: string, root: string, debDir: string): void {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  for (const p of packages) runSync('dpkg-deb', ['-x', debFor(p, debDir), root], { timeoutMs: 120_000 });
  for (const r of ['usr/share/doc', 'usr/share/man', 'usr/share/info', 'usr/share/lintian', ...(spec.remove ?? [])]) {
    fs.rmSync(path.join(root, r), { recursive: true, force: true });
  }
  // A shell and the small tools images usually have (sh, wget, nc, id): busybox, where the packages left a gap.
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  fs.copyFileSync(busybox, path.join(root, 'bin', 'busybox'));
  fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
  const applets = runSync(busybox, ['--list']).stdout.split('\n').map((s) => s.trim()).filter((a) => a && a !== 'busybox' && !a.includes('/'));
  for (const a of applets) {
    const packaged = ['bin', 'usr/bin', 'sbin', 'usr/sbin'].some((d) => fs.existsSync(path.join(root, d, a)));
    if (!packaged) fs.symlinkSync('busybox', path.join(root, 'bin', a));
  }
  for (const d of ['etc', 'tmp', 'run', 'var/run', 'proc', 'sys', 'dev']) fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  const users = spec.users.map((u) => u.split(':'));
  fs.writeFileSync(path.join(root, 'etc', 'passwd'),
    ['root:x:0:0:root:/root:/bin/sh', ...users.map(([n, uid, gid, home]) => `${n}:x:${uid}:${gid}:${n}:${home}:/bin/sh`), ''].join('\n'));
  fs.writeFileSync(path.join(root, 'etc', 'group'), ['root:x:0:', ...users.map(([n, , gid]) => `${n}:x:${gid}:`), ''].join('\n'));
  fs.writeFileSync(path.join(root, 'etc', 'nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files dns\n');
  for (const d of spec.dirs ?? []) {
    const p = path.join(root, d.path);
    fs.mkdirSync(p, { recursive: true });
    const [uid, gid] = d.owner.split(':').map(Number);
    fs.chownSync(p, uid, gid);
    fs.chmodSync(p, d.mode);
  }
  for (const [file, content] of Object.entries(spec.files ?? {})) {
    const p = path.join(root, file);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.rmSync(p, { force: true });
    fs.writeFileSync(p, content, { mode: content.startsWith('#!') ? 0o755 : 0o644 });
  }
  for (const [link, target] of Object.entries(spec.links ?? {})) {
    const p = path.join(root, link);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.rmSync(p, { force: true });
    fs.symlinkSync(target, p);
  }
  // The dynamic loader's cache, as dpkg's trigger would build it (libraries sit in /lib and /usr/lib: no merged /usr here).
  const ldConf = path.join(root, 'etc', 'ld.so.conf');
  if (!fs.existsSync(ldConf)) fs.writeFileSync(ldConf, 'include /etc/ld.so.conf.d/*.conf\n');
  runSync('ldconfig', ['-r', root]);
}

/** Fails the build when an executable the image must provide is not on its PATH (a package left out, a file removed). */
function checkProvides(spec: ServerImageSpec, root: string): void {
  const env = spec.changes.find((c) => c.startsWith('ENV PATH='));
  const dirs = (env ? env.slice('ENV PATH='.length) : '/usr/local/bin:/usr/bin:/bin').split(':');
  const missing = spec.provides.filter((x) => !dirs.some((d) => fs.existsSync(path.join(root, d, x))));
  if (missing.length) throw new Error(`image ${spec.tag}: ${missing.join(', ')} not found on PATH ${dirs.join(':')} of the built root filesystem`);
}

/** The cache key: the builder, the spec's root filesystem part, every package version, the busybox binary. */
function cacheKey(spec: ServerImageSpec, packages: readonly string[], busybox: string): string {
  const h = crypto.createHash('sha256');
  // `changes` apply at import, not to the root filesystem.
  const { changes: _changes, ...rootfs } = spec;
  h.update(JSON.stringify({ BUILDER_VERSION, rootfs, packages }));
  h.update(fs.readFileSync(busybox));
  return h.digest('hex').slice(0, 16);
}

/**
 * Builds (or takes from the cache) the root filesystem of `spec` and imports
 * it into the engine that `env` points at.
 */
export function buildServerImage(spec: ServerImageSpec, busybox: string, env: NodeJS.ProcessEnv, extraTags: readonly string[] = []): BuiltImage {
  const t0 = Date.now();
  const excluded = new Set(spec.exclude ?? []);
  const packages = resolveClosure(spec.packages).filter((p) => !excluded.has(p.split('=')[0]));
  const debDir = path.join(IMAGE_CACHE, 'debs');
  const rootfsDir = path.join(IMAGE_CACHE, 'rootfs');
  for (const d of [debDir, rootfsDir]) fs.mkdirSync(d, { recursive: true });
  const name = spec.tag.replace(/[^a-z0-9]+/gi, '-');
  const tar = path.join(rootfsDir, `${name}-${cacheKey(spec, packages, busybox)}.tar`);
  const cached = fs.existsSync(tar);
  if (!cached) {
    // A work directory and a partial file of this run only: two runs may build at once; the last rename wins.
    const root = fs.mkdtempSync(path.join(rootfsDir, `${name}.work-`));
    writeRootfs(spec, packages, busybox, root, debDir);
    const part = `${root}.tar`;
    checkProvides(spec, root);
    runSync('tar', ['--numeric-owner', '-C', root, '-cf', part, '.'], { timeoutMs: 300_000 });
    fs.renameSync(part, tar);
    fs.rmSync(root, { recursive: true, force: true });
    // Other builds of the same image are stale once a day old (younger ones may be another checkout's, in use now).
    for (const f of fs.readdirSync(rootfsDir)) {
      const other = path.join(rootfsDir, f);
      if (f.startsWith(`${name}-`) && f.endsWith('.tar') && other !== tar && Date.now() - fs.statSync(other).mtimeMs > STALE_AFTER_MS) {
        fs.rmSync(other, { force: true });
      }
    }
  }
  const buildMs = Date.now() - t0;
  const t1 = Date.now();
  const changes = spec.changes.flatMap((c) => ['-c', c]);
  runSync('docker', ['import', ...changes, tar, spec.tag], { env, timeoutMs: 300_000 });
  for (const t of extraTags) runSync('docker', ['tag', spec.tag, t], { env });
  return { tag: spec.tag, cached, buildMs, importMs: Date.now() - t1, sizeBytes: fs.statSync(tar).size, packages };
}
