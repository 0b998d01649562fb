import { spawn, spawnSync } from 'child_process';

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  /** Kill the command after this long (it then fails with status -1). @default 60000 */
  readonly timeoutMs?: number;
  /** Return a failing result instead of throwing. @default false */
  readonly allowFailure?: boolean;
}

/** One line for messages: the command as typed. */
export function commandLine(cmd: string, args: readonly string[]): string {
  return [cmd, ...args].map((a) => (/^[-\w./:=@,{}]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

export class CommandError extends Error {
  constructor(public readonly command: string, public readonly result: RunResult) {
    super(`\`${command}\` failed (exit ${result.status}):\n${tail(result.stderr || result.stdout, 40)}`);
    this.name = 'CommandError';
  }
}

/** The last `n` lines of a text. */
export function tail(text: string, n: number): string {
  const lines = text.trimEnd().split('\n');
  return (lines.length > n ? ['...', ...lines.slice(-n)] : lines).join('\n');
}

/** Runs a command without a shell and collects its output. Throws CommandError when it fails. */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result: RunResult = {
        status: timedOut ? -1 : (code ?? -1),
        stdout,
        stderr: timedOut ? `${stderr}\n(killed after ${timeoutMs / 1000}s)` : stderr,
      };
      if (result.status !== 0 && !options.allowFailure) reject(new CommandError(commandLine(cmd, args), result));
      else resolve(result);
    });
    if (child.stdin) {
      // A command that exits without reading its input is not an error of ours.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}

/** The synchronous form, for set-up, teardown and exit handlers. */
export function runSync(cmd: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const r = spawnSync(cmd, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`cannot run ${cmd}: not found on PATH`);
  const timedOut = r.error !== undefined || r.signal === 'SIGKILL';
  const result: RunResult = {
    status: timedOut ? -1 : (r.status ?? -1),
    stdout: r.stdout ?? '',
    stderr: timedOut ? `${r.stderr ?? ''}\n(killed after ${(options.timeoutMs ?? 60_000) / 1000}s)` : (r.stderr ?? ''),
  };
  if (result.status !== 0 && !options.allowFailure) throw new CommandError(commandLine(cmd, args), result);
  return result;
}

/** Blocks the thread (for synchronous teardown only). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
