import * as path from 'path';
import { UsageError } from './args';

/** Thrown when the app file cannot be loaded or defines nothing to synthesize: exit code 1. */
export class AppLoadError extends Error {
  constructor(message: string, public readonly cause?: unknown) {
    super(message);
    this.name = 'AppLoadError';
  }
}

/** Any other failure the user can fix (e.g. `init` into a non-empty directory): exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

// Errors are recognized by name, not instanceof: the user's app may load
// another copy of the library than the CLI (e.g. the packed one).
const KNOWN = new Set(['ValidationError', 'OutputError', 'AppLoadError', 'CliError', 'DockerError']);

/**
 * Prints an error and returns the exit code: 2 for usage errors, 1 for the
 * rest. One line with the cause (a ValidationError lists every problem, one
 * per line); a stack trace only with `verbose`.
 */
export function reportError(e: unknown, verbose: boolean, err: (s: string) => void, usage: string): number {
  if (e instanceof UsageError || (e as Error)?.name === 'UsageError') {
    err(`conductor: ${(e as Error).message} (see conductor --help)`);
    if (verbose) err(usage);
    return 2;
  }
  const name = (e as Error)?.name;
  const message = (e as Error)?.message ?? String(e);
  if (KNOWN.has(name)) {
    const cause = (e as AppLoadError).cause;
    err(`conductor: ${name === 'ValidationError' ? message : oneLine(message)}${cause && !verbose ? ' (--verbose for the stack trace)' : ''}`);
    if (verbose) err(String((cause as Error)?.stack ?? (e as Error).stack));
    return 1;
  }
  err(`conductor: unexpected error: ${oneLine(message)}${verbose ? '' : ' (--verbose for the stack trace)'}`);
  if (verbose) err(String((e as Error)?.stack ?? e));
  return 1;
}

/** A message on one line: its lines joined, cut at 300 characters. */
export function oneLine(message: string): string {
  const text = String(message).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

// The library's own code: lib/ (source) and build/ (compiled) of this package.
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const LIBRARY_DIRS = [path.join(PACKAGE_ROOT, 'lib') + path.sep, path.join(PACKAGE_ROOT, 'build') + path.sep];

/**
 * Where an error was thrown, as `file:line` relative to the current
 * directory: the first stack frame outside node_modules, Node itself and this library.
 */
export function throwSite(e: unknown): string | undefined {
  const stack = (e as Error)?.stack;
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const m = /(?:\(|^at )((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    if (!m) continue;
    const file = m[1].replace(/^file:\/\//, '');
    if (file.includes(`${path.sep}node_modules${path.sep}`) || LIBRARY_DIRS.some((d) => file.startsWith(d))) continue;
    return `${path.relative(process.cwd(), file) || file}:${m[2]}`;
  }
  return undefined;
}
