import { ValidationError } from '../model/problems';
import { Target } from '../model/problems';
import { OutputError } from '../synth/writer';
import { parseArgs, UsageError } from './args';
import { AppLoadError } from './load-app';
import { synthCommand } from './synth';

export const USAGE = `Usage: conductor <command> [options]

Commands:
  synth            validate, render both targets and write the output directory
  check            same as synth --check: fail (exit 1) when the output directory is stale

Options:
  --app FILE       the app (TypeScript) to run            (default: apps/main.ts)
  --out DIR        output directory                       (default: the App's outdir, dist)
  --target T       kubernetes or swarm                    (default: both)
  --stack NAME     only this stack                        (default: all)
  --check          compare with the output directory instead of writing
  --verbose        print stack traces on errors

Exit codes: 0 ok, 1 validation, app or output error (or stale output with --check), 2 usage error.`;

const SWITCHES = new Set(['check', 'verbose', 'help']);

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void } = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
}): Promise<number> {
  let verbose = argv.includes('--verbose');
  try {
    const args = parseArgs(argv, SWITCHES);
    verbose = args.flags.has('verbose');
    if (args.flags.has('help') || args.command === 'help' || args.command === undefined) {
      io.out(USAGE);
      return args.command === undefined && !args.flags.has('help') ? 2 : 0;
    }
    const target = args.flags.get('target');
    if (target !== undefined && target !== 'kubernetes' && target !== 'swarm') throw new UsageError(`--target must be kubernetes or swarm, not ${String(target)}`);
    const common = {
      app: stringFlag(args.flags, 'app') ?? 'apps/main.ts',
      out: stringFlag(args.flags, 'out'),
      targets: target ? [target as Target] : undefined,
      stacks: stringFlag(args.flags, 'stack')?.split(','),
    };
    switch (args.command) {
      case 'synth':
        return synthCommand({ ...common, check: args.flags.has('check') }, io);
      case 'check':
        return synthCommand({ ...common, check: true }, io);
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (e) {
    return reportError(e, verbose, io.err);
  }
}

function stringFlag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

/** One line (or the list of validation problems) and an exit code; a stack trace only with --verbose. */
export function reportError(e: unknown, verbose: boolean, err: (s: string) => void): number {
  if (e instanceof UsageError) {
    err(`conductor: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (e instanceof ValidationError || e instanceof OutputError || e instanceof AppLoadError) {
    err(`conductor: ${e.message}`);
    const cause = e instanceof AppLoadError ? e.cause : undefined;
    if (verbose) err(String((cause as Error)?.stack ?? e.stack));
    else if (cause) err('(run with --verbose for the stack trace)');
    return 1;
  }
  err(`conductor: unexpected error: ${(e as Error)?.message ?? String(e)}`);
  if (verbose) err(String((e as Error)?.stack));
  return 1;
}
