import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../support/paths';

export const BIN = path.join(REPO, 'bin', 'conductor.js');

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI (`node bin/conductor.js ...`) as a subprocess. */
export function cli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', ...options.env },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes an app file that imports the library from this checkout; returns its path. */
export function writeApp(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lib = path.join(REPO, 'lib').split(path.sep).join('/');
  fs.writeFileSync(file, body.replace(/'LIB'/g, JSON.stringify(lib)));
  return file;
}

/** A small valid app with two stacks (`alpha`, `beta`) writing to `outdir`. */
export const TWO_STACKS = `import { App, Stack, Workload, Exposure } from 'LIB';
const app = new App({ outdir: process.env.OUT ?? 'dist' });
for (const name of ['alpha', 'beta']) {
  const stack = new Stack(app, name);
  new Workload(stack, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    replicas: Number(process.env[name.toUpperCase() + '_REPLICAS'] ?? 2),
    ports: [{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }],
  }).mountScratch('/tmp');
}
app.synth();
`;

/** `stderr` without the target-gap warnings that synth prints. */
export function errors(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '));
}
