import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSync, sleepSync, tail } from './run';

/**
 * The single-node Docker Swarm the e2e suite runs on: Debian's docker.io
 * engine with its own state under a temporary directory, in its own network
 * and mount namespaces (`unshare --net --mount`). So it never touches the
 * host's network (no docker_gwbridge, no port 2377 on the host, no clash
 * with another engine or another run of this suite), and every mount it
 * makes vanishes with it.
 */

/** Where runs keep their state: one directory per run, `r-XXXXXX`. Short, for unix socket paths. */
export const STATE_ROOT = path.join(os.tmpdir(), 'conductor-e2e');

export interface Engine {
  /** The run's state directory. */
  readonly dir: string;
  /** `unix://...`: the DOCKER_HOST of this engine. */
  readonly host: string;
  readonly pid: number;
  /** The static busybox binary used for the test images. */
  readonly busybox: string;
}

interface EngineRecord {
  readonly pid: number;
  /** `mnt:[inode]` of the engine's mount namespace: every process in it is ours. */
  readonly mntNs?: string;
}

export function paths(dir: string) {
  return {
    data: path.join(dir, 'data'),
    exec: path.join(dir, 'x'),
    socket: path.join(dir, 'docker.sock'),
    pidFile: path.join(dir, 'dockerd.pid'),
    log: path.join(dir, 'dockerd.log'),
    record: path.join(dir, 'engine.json'),
    owner: path.join(dir, 'owner'),
    cliConfig: path.join(dir, 'cli'),
  };
}

/** Environment for the docker CLI talking to the engine of `dir`, and only to it. */
export function dockerEnvFor(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: `unix://${paths(dir).socket}`, DOCKER_CONFIG: paths(dir).cliConfig };
  for (const k of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION']) delete env[k];
  return env;
}

// ---------------------------------------------------------------------------
// Prerequisites: the engine and a static busybox, installed with apt-get when missing.

function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  for (const d of dirs) {
    if (!d) continue;
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** True when the ELF file has no program interpreter, i.e. runs in an empty root filesystem. */
export function isStaticElf(file: string): boolean {
  const b = fs.readFileSync(file);
  if (b.length < 64 || b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1) return false; // ELF64, little endian
  const phoff = Number(b.readBigUInt64LE(32));
  const phentsize = b.readUInt16LE(54);
  const phnum = b.readUInt16LE(56);
  for (let i = 0; i < phnum; i++) if (b.readUInt32LE(phoff + i * phentsize) === 3 /* PT_INTERP */) return false;
  return true;
}

function apt(args: string[], timeoutMs: number): void {
  const r = runSync('apt-get', args, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeoutMs,
    allowFailure: true,
  });
  if (r.status !== 0) {
    throw new Error(
      `the Swarm e2e suite could not install what it needs: \`apt-get ${args.join(' ')}\` failed (exit ${r.status}):\n${tail(
        `${r.stdout}\n${r.stderr}`,
        30,
      )}`,
    );
  }
}

export interface Prerequisites {
  readonly dockerd: string;
  readonly busybox: string;
  /** What was installed or downloaded, for the log. */
  readonly installed: string[];
}

/**
 * Finds dockerd and a static busybox. When dockerd is missing, installs
 * Debian's docker.io with apt-get; when the busybox-static package is not
 * installed, downloads it (`apt-get download`, unpacked under `cacheDir`,
 * nothing installed). Fails with apt's own error; never skips.
 */
export function ensurePrerequisites(cacheDir: string): Prerequisites {
  if (process.platform !== 'linux') throw new Error(`the Swarm e2e suite runs a Docker engine and needs Linux (this is ${process.platform})`);
  if (process.getuid?.() !== 0) {
    throw new Error(
      'the Swarm e2e suite starts its own Docker engine (dockerd) and installs docker.io with apt-get when missing: run it as root (`npm run ' +
        'test:unit` runs everything else)',
    );
  }
  if (!findExecutable('docker')) throw new Error('the docker CLI is not on PATH (the suite uses it to talk to its own engine)');
  const installed: string[] = [];
  let updated = false;
  const update = () => {
    if (!updated) apt(['update'], 300_000);
    updated = true;
  };

  let dockerd = findExecutable('dockerd');
  if (!dockerd || !findExecutable('unshare')) {
    update();
    apt(['install', '-y', 'docker.io'], 900_000);
    installed.push('docker.io');
    dockerd = findExecutable('dockerd');
    if (!dockerd) throw new Error('apt-get installed docker.io, but dockerd is still not on PATH');
  }
  if (!findExecutable('unshare')) throw new Error('unshare (util-linux) is not on PATH');

  let busybox = '/bin/busybox';
  if (!(fs.existsSync(busybox) && isStaticElf(busybox))) {
    const unpacked = path.join(cacheDir, 'busybox-static');
    busybox = path.join(unpacked, 'bin', 'busybox');
    if (!fs.existsSync(busybox)) {
      update();
      const dl = path.join(cacheDir, 'deb');
      fs.rmSync(dl, { recursive: true, force: true });
      fs.mkdirSync(dl, { recursive: true });
      // `apt-get download` writes into the current directory.
      const r = runSync('apt-get', ['download', 'busybox-static'], {
        cwd: dl,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        timeoutMs: 300_000,
        allowFailure: true,
      });
      if (r.status !== 0) throw new Error(
        `the Swarm e2e suite could not download busybox-static: \`apt-get download busybox-static\` failed (exit ${r.status}):\n${tail(
          `${r.stdout}\n${r.stderr}`,
          30,
        )}`,
      );
      const deb = fs.readdirSync(dl).find((f) => f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download busybox-static left no .deb in ${dl}`);
      fs.rmSync(unpacked, { recursive: true, force: true });
      runSync('dpkg', ['-x', path.join(dl, deb), unpacked]);
      installed.push(`busybox-static (downloaded: ${deb})`);
    }
    if (!isStaticElf(busybox)) throw new Error(`${busybox} is not a static binary`);
  }
  return { dockerd, busybox, installed };
}

// ---------------------------------------------------------------------------
// Start and stop.

/** True while the process exists and is not a zombie (a child of this process is not reaped while a teardown blocks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  try {
    const n = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function mntNsOf(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return undefined;
  }
}

/** The command line of a process, or undefined when it is gone. */
function cmdlineOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

/**
 * Starts dockerd with its own state in a fresh directory under STATE_ROOT,
 * waits for its API and makes it a single-node swarm. On failure the error
 * carries the engine's own log; whatever was started is stopped again.
 */
export async function startEngine(prereq: Prerequisites): Promise<Engine> {
  fs.mkdirSync(STATE_ROOT, { recursive: true, mode: 0o700 });
  const dir = fs.mkdtempSync(path.join(STATE_ROOT, 'r-'));
  const p = paths(dir);
  fs.writeFileSync(p.owner, `${process.pid}\n`);
  fs.mkdirSync(p.cliConfig);
  const bb = prereq.busybox;
  // Runs inside the new namespaces: bring up loopback (the swarm advertises 127.0.0.1); if a
  // system containerd is running, hide its socket so that dockerd starts its own containerd
  // inside these namespaces; then become dockerd.
  const script = [
    'set -e',
    `"${bb}" ip link set lo up`,
    `if [ -S /run/containerd/containerd.sock ]; then "${bb}" mount -t tmpfs tmpfs /run/containerd; fi`,
    'exec "$@"',
  ].join('\n');
  const args = [
    '--net', '--mount', '--propagation', 'private', '--',
    '/bin/sh', '-c', script, 'conductor-e2e-engine',
    prereq.dockerd,
    '--data-root', p.data,
    '--exec-root', p.exec,
    '--pidfile', p.pidFile,
    '--host', `unix://${p.socket}`,
    '--storage-driver', 'vfs',
    '--iptables=false',
    '--ip6tables=false',
    '--bridge=none',
    '--containerd-namespace', 'conductor-e2e',
    '--containerd-plugins-namespace', 'conductor-e2e-plugins',
    '--shutdown-timeout', '3',
  ];
  const log = fs.openSync(p.log, 'a');
  let child: ChildProcess;
  try {
    // detached: its own session (setsid), so a Ctrl-C of the test run does not reach it first.
    child = spawn('unshare', args, { detached: true, stdio: ['ignore', log, log] });
  } finally {
    fs.closeSync(log);
  }
  child.unref();
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `exit ${code}`));
  const pid = child.pid!;
  // unshare without --fork execs the shell, which execs dockerd: one pid throughout.
  fs.writeFileSync(p.record, JSON.stringify({ pid } satisfies EngineRecord));
  const engine: Engine = { dir, host: `unix://${p.socket}`, pid, busybox: bb };
  const env = dockerEnvFor(dir);
  const engineLog = () => tail(fs.existsSync(p.log) ? fs.readFileSync(p.log, 'utf8') : '', 25);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited) throw new Error(`dockerd stopped during start-up (${exited}); its log:\n${engineLog()}`);
      const r = runSync('docker', ['version', '--format', '{{.Server.Version}}'], { env, allowFailure: true, timeoutMs: 10_000 });
      if (r.status === 0) break;
      if (Date.now() > deadline) throw new Error(`dockerd did not answer on ${p.socket} within 60s (${r.stderr.trim()}); its log:\n${engineLog()}`);
      await new Promise((res) => setTimeout(res, 200));
    }
    fs.writeFileSync(p.record, JSON.stringify({ pid, mntNs: mntNsOf(pid) } satisfies EngineRecord));
    const init = runSync('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1'], { env, allowFailure: true, timeoutMs: 60_000 });
    if (init.status !== 0) throw new Error(
      `\`docker swarm init --advertise-addr 127.0.0.1\` failed: ${init.stderr.trim()}\ndockerd log:\n${engineLog()}`,
    );
    return engine;
  } catch (e) {
    stopEngine(dir);
    throw e;
  }
}

/**
 * Stops the engine of a run directory and removes its state, synchronously
 * (it also runs from exit handlers): `docker swarm leave --force`, SIGTERM to
 * the pid in its pid file (SIGKILL after 30s), then any process left in its
 * mount namespace (containerd, shims) and their children, by pid; unmounts
 * whatever is still mounted under the directory; removes the directory.
 * Returns what it did, for the log.
 */
export function stopEngine(dir: string): string[] {
  const done: string[] = [];
  const p = paths(dir);
  let record: EngineRecord | undefined;
  try {
    record = JSON.parse(fs.readFileSync(p.record, 'utf8')) as EngineRecord;
  } catch {
    record = undefined;
  }
  const pid = readPid(p.pidFile) ?? record?.pid;
  // Only a process that is this run's dockerd (its command line names this directory).
  const ours = (n: number | undefined): n is number => n !== undefined && isAlive(n) && (cmdlineOf(n) ?? '').includes(dir);
  if (ours(pid)) {
    const env = dockerEnvFor(dir);
    const leave = runSync('docker', ['swarm', 'leave', '--force'], { env, allowFailure: true, timeoutMs: 30_000 });
    done.push(leave.status === 0 ? 'left the swarm' : `docker swarm leave --force failed: ${leave.stderr.trim()}`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) sleepSync(100);
    if (isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      done.push(`dockerd ${pid} did not stop within 30s: killed`);
    } else done.push(`dockerd ${pid} stopped`);
  }
  if (record?.mntNs) {
    const killed = killNamespace(record.mntNs);
    if (killed.length) done.push(`killed leftover processes of the engine's namespace: ${killed.join(', ')}`);
  }
  for (const m of mountsUnder(dir)) {
    const r = runSync('umount', ['-l', m], { allowFailure: true });
    done.push(r.status === 0 ? `unmounted ${m}` : `umount ${m} failed: ${r.stderr.trim()}`);
  }
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    done.push(`removed ${dir}`);
  } catch (e) {
    done.push(`could not remove ${dir}: ${(e as Error).message}`);
  }
  return done;
}

/** Processes in the mount namespace `ns`, and all their descendants, killed; their pids. */
function killNamespace(ns: string): number[] {
  const procs = new Map<number, number>(); // pid -> ppid
  const inNs = new Set<number>();
  for (const e of fs.readdirSync('/proc')) {
    const pid = Number(e);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      procs.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (mntNsOf(pid) === ns) inNs.add(pid);
    } catch {
      // gone
    }
  }
  const victims = new Set(inNs);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of procs) {
      if (!victims.has(pid) && victims.has(ppid)) {
        victims.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of victims) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  const deadline = Date.now() + 5_000;
  while ([...victims].some(isAlive) && Date.now() < deadline) sleepSync(50);
  return [...victims].sort((a, b) => a - b);
}

/** Mount points at or under `dir` in this process's mount namespace, deepest first. */
function mountsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const mountPoint = line.split(' ')[4];
    if (!mountPoint) continue;
    const decoded = mountPoint.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (decoded === dir || decoded.startsWith(`${dir}/`)) out.push(decoded);
  }
  return out.sort((a, b) => b.length - a.length);
}

/**
 * Stops engines of earlier runs whose test process is gone (killed before
 * its teardown ran). Runs of a live test process are left alone: each run
 * has its own namespaces, so they do not get in each other's way.
 */
export function cleanupStaleRuns(): string[] {
  if (!fs.existsSync(STATE_ROOT)) return [];
  const done: string[] = [];
  for (const e of fs.readdirSync(STATE_ROOT)) {
    if (!e.startsWith('r-')) continue;
    const dir = path.join(STATE_ROOT, e);
    const owner = readPid(paths(dir).owner);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) continue;
    done.push(`stale run ${dir}: ${stopEngine(dir).join('; ')}`);
  }
  return done;
}
