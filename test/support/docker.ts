import { spawnSync } from 'child_process';
import * as path from 'path';

export interface StackConfigResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `docker stack config -c FILE`: the real Swarm loader of the docker CLI
 * (schema, types, interpolation). Runs client-side, no engine needed.
 */
export function dockerStackConfig(file: string): StackConfigResult {
  const r = spawnSync('docker', ['stack', 'config', '-c', path.basename(file)], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///nonexistent.sock' },
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
