import { execFile, spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';

export interface StackConfigResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** No engine is needed: the loader runs client-side, so the CLI is pointed at a socket that does not exist. */
const NO_ENGINE = 'unix:///nonexistent.sock';

/**
 * `docker stack config -c FILE`: the real Swarm loader of the docker CLI
 * (schema, types, interpolation). Runs client-side, no engine needed.
 * With `exactEnv`, the loader interpolates from exactly those variables (and no docker
 * client configuration of the machine); without, from this process's environment.
 */
export function dockerStackConfig(file: string, exactEnv?: Record<string, string>): StackConfigResult {
  const r = spawnSync('docker', ['stack', 'config', '-c', path.basename(file)], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    env: exactEnv
      ? { ...exactEnv, DOCKER_HOST: NO_ENGINE, DOCKER_CONFIG: path.join(os.tmpdir(), 'conductor-no-docker-config') }
      : { ...process.env, DOCKER_HOST: process.env.DOCKER_HOST ?? NO_ENGINE },
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `dockerStackConfig` without blocking, so that several loaders run at once (the fuzz runs thousands);
 * `defaultEnv` fills variables this process's environment does not set.
 */
export function dockerStackConfigAsync(file: string, defaultEnv: Record<string, string> = {}): Promise<StackConfigResult> {
  return new Promise((resolve) => {
    execFile('docker', ['stack', 'config', '-c', path.basename(file)], {
      cwd: path.dirname(file),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...defaultEnv, ...process.env, DOCKER_HOST: process.env.DOCKER_HOST ?? NO_ENGINE },
    }, (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}
