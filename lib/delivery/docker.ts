import { spawn } from 'child_process';

/** What one docker CLI command returned. */
export interface DockerResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `docker <args>` and resolves with what it printed, whatever its exit
 * status. The one seam between Conductor's delivery and the engine: tests
 * pass a fake; the real one talks to the engine the docker CLI points at
 * (DOCKER_HOST, DOCKER_CONTEXT or the current context).
 */
export type DockerRunner = (args: readonly string[], options?: { readonly input?: string }) => Promise<DockerResult>;

/** A docker command that failed: the command and the CLI's own message. */
export class DockerError extends Error {
  constructor(public readonly args: readonly string[], public readonly result: DockerResult) {
    super(`\`docker ${args.join(' ')}\` failed (exit ${result.status}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`);
    this.name = 'DockerError';
  }
}

/** The docker CLI on the PATH. */
export const dockerCli: DockerRunner = (args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn('docker', [...args], { stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => resolve({ status: 127, stdout, stderr: `cannot run docker: ${e.message}` }));
    child.on('close', (code) => resolve({ status: code ?? 1, stdout, stderr }));
    if (child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });

/** The docker CLI with failures thrown, and the helpers every delivery step uses. */
export class Docker {
  constructor(private readonly runner: DockerRunner) {}

  /** Runs a command; throws DockerError when it fails. */
  async run(args: readonly string[], input?: string): Promise<string> {
    const r = await this.runner(args, input === undefined ? undefined : { input });
    if (r.status !== 0) throw new DockerError(args, r);
    return r.stdout;
  }

  /** Runs a command and returns its result, failing or not. */
  attempt(args: readonly string[]): Promise<DockerResult> {
    return this.runner(args);
  }

  /** stdout as trimmed, non-empty lines. */
  async lines(args: readonly string[]): Promise<string[]> {
    return (await this.run(args)).split('\n').map((l) => l.trim()).filter(Boolean);
  }

  /** `--format '{{json .}}'` output: one JSON object per line. */
  async jsonLines<T>(args: readonly string[]): Promise<T[]> {
    return (await this.lines(args)).map((l) => JSON.parse(l) as T);
  }

  /**
   * `docker inspect --type TYPE ids...` ([] for no ids). Objects gone since
   * they were listed are left out: Swarm removes old tasks (the task history
   * limit) and services at any time, and `docker inspect` then prints the
   * others and fails with "No such ..." for those (seen on the e2e engine).
   */
  async inspect<T>(type: 'service' | 'task' | 'config' | 'secret', ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const args = ['inspect', '--type', type, ...ids];
    const r = await this.runner(args);
    if (r.status === 0) return JSON.parse(r.stdout) as T[];
    const gone = r.stderr.trim().split('\n').every((l) => /^(Error: )?No such /i.test(l.trim()) || l.trim() === '');
    if (gone && r.stdout.trim().startsWith('[')) return JSON.parse(r.stdout) as T[];
    throw new DockerError(args, r);
  }
}
