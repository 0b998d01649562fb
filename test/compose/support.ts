import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../support/paths';

export const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * The environment of every import and `docker stack config` of the corpus:
 * the variables the interpolation fixture uses, and nothing else of the
 * machine's environment but what the tools need to run.
 */
export const FIXTURE_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/root',
  TAG: '1.4.2',
  REPLICAS: '3',
  DOMAIN: 'shop.example.com',
  API_KEY_FILE: '/run/secrets/api_key',
};

export function fixtureNames(): string[] {
  return fs.readdirSync(FIXTURES).filter((n) => fs.existsSync(path.join(FIXTURES, n, 'docker-compose.yml'))).sort();
}

export function fixtureFile(name: string): string {
  return path.join(FIXTURES, name, 'docker-compose.yml');
}

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI (`node bin/conductor.js ...`) with exactly `env`. */
export function conductor(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'conductor.js'), ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    env: options.env ?? FIXTURE_ENV,
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A fresh project directory in which `import ... from 'cdk8s-conductor'`
 * resolves to this checkout (like an installed package): the generated
 * TypeScript runs unchanged.
 */
export function projectDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-import-'));
  const pkg = path.join(dir, 'node_modules', 'cdk8s-conductor');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'cdk8s-conductor', main: 'index.ts' }));
  fs.writeFileSync(path.join(pkg, 'index.ts'), `export * from ${JSON.stringify(path.join(REPO, 'lib'))};\n`);
  return dir;
}

/** The `note: ...` lines the CLI printed, without the prefix. */
export function noteLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('note: ')).map((l) => l.slice('note: '.length));
}
