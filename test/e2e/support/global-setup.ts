import * as fs from 'fs';
import * as path from 'path';
import { cleanupStaleRuns, dockerEnvFor, ensurePrerequisites, startEngine, STATE_ROOT, stopEngine } from './engine';
import { buildImages } from './images';
import { buildServerImages } from './server-images';
import { recordStep, stepSync } from './timer';

/** Shared between the global set-up and teardown (one process: jest's). */
export interface E2eState {
  readonly dir: string;
  readonly startedAt: number;
  /** How long the set-up took (prerequisites, engine, images). */
  setupMs: number;
  stopped: boolean;
}
const KEY = Symbol.for('conductor-e2e.state');
export function e2eState(): E2eState | undefined {
  return (globalThis as Record<symbol, E2eState | undefined>)[KEY];
}

/** Stops the engine once, whoever asks first (teardown, exit or signal handler); returns how long it took. */
export function stopOnce(reason: string): number | undefined {
  const s = e2eState();
  if (!s || s.stopped) return undefined;
  s.stopped = true;
  // The timings file is in the run directory, which is about to go.
  delete process.env.CONDUCTOR_E2E_TIMINGS;
  const t0 = Date.now();
  for (const line of stopEngine(s.dir)) process.stderr.write(`e2e:   ${line}\n`);
  const ms = Date.now() - t0;
  recordStep(`engine stopped and state removed (${reason})`, ms);
  return ms;
}

/**
 * Jest global set-up of the e2e project: installs what is missing, starts
 * the engine (a single-node swarm), builds the local images, and exports
 * DOCKER_HOST for the tests (jest's workers inherit the environment).
 */
export default async function globalSetup(): Promise<void> {
  const startedAt = Date.now();
  process.stderr.write('\n');
  fs.mkdirSync(STATE_ROOT, { recursive: true, mode: 0o700 });
  const t0 = Date.now();
  const prereq = ensurePrerequisites(path.join(STATE_ROOT, 'cache'));
  for (const i of prereq.installed) process.stderr.write(`e2e:   installed ${i}\n`);
  for (const line of cleanupStaleRuns()) process.stderr.write(`e2e:   ${line}\n`);
  const prereqMs = Date.now() - t0;

  const t1 = Date.now();
  const engine = await startEngine(prereq);
  const state: E2eState = { dir: engine.dir, startedAt, setupMs: 0, stopped: false };
  (globalThis as Record<symbol, E2eState | undefined>)[KEY] = state;
  // Whatever happens next, the engine is stopped: by the teardown, or when this process exits.
  process.once('exit', () => stopOnce('process exit'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stopOnce(signal);
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const)[signal]);
    });
  }
  const timings = path.join(engine.dir, 'timings.jsonl');
  process.env.CONDUCTOR_E2E_TIMINGS = timings;
  recordStep(`prerequisites (docker.io, static busybox${prereq.installed.length ? ': installed' : ': present'})`, prereqMs);
  recordStep(`engine started, swarm initialized (dockerd pid ${engine.pid}, ${engine.dir})`, Date.now() - t1);

  try {
    const env = dockerEnvFor(engine.dir);
    stepSync('local images built (docker import)', () => buildImages(engine.busybox, engine.dir, env));
    // Real server software (postgres, nginx, redis, the examples' app image): root filesystems cached by package versions.
    const servers = stepSync('server images from Debian packages (built or cached, imported)', () => buildServerImages(engine.busybox, env));
    for (const i of servers) {
      const how = i.cached ? 'cached root filesystem' : `built from ${i.packages.length} packages`;
      const size = `${(i.sizeBytes / 1e6).toFixed(0)} MB`;
      recordStep(`  ${i.tag}: ${how} (${size}), docker import ${(i.importMs / 1000).toFixed(1)}s`, i.buildMs + i.importMs);
    }
    Object.assign(process.env, {
      CONDUCTOR_E2E_DIR: engine.dir,
      DOCKER_HOST: env.DOCKER_HOST,
      DOCKER_CONFIG: env.DOCKER_CONFIG,
    });
    for (const k of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION']) delete process.env[k];
    state.setupMs = Date.now() - startedAt;
  } catch (e) {
    stopOnce('set-up failed');
    throw e;
  }
}
