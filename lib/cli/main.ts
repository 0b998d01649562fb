// The `conductor` command line. Only what every command needs is imported
// here; each command's module (and with it cdk8s, the renderers, the diff
// library) is required when that command runs, so that `init` and `help`
// start fast and `synth` loads nothing it does not use. (require, not
// import(): tsx's CommonJS hook does not see dynamic imports.)
import { isTarget, targetNames } from '../targets';
import { parseArgs, ParsedArgs, UsageError } from './args';
import type { Io } from './io';

export const USAGE = `Usage: conductor <command> [options]

Commands:
  synth          validate, render both targets and write the output directory
  check          fail (exit 1) with a diff when the output directory is stale (same as synth --check)
  diff           show per file what synth would change in the output directory
  graph          print each stack's topology (Mermaid) and workload table, as synth writes to <stack>.md
  init [DIR]     scaffold a new project that uses cdk8s-conductor (default: the current directory)
  import FILE    write TypeScript (public constructs) for a docker-compose file; prints what maps differently
  deploy         deploy the Swarm stack files of the output directory to the engine the docker CLI points at
  status         per Swarm service: running vs desired, last update, drift from the output directory (exit 1)

Options of synth, check, diff and graph:
  --app FILE        the app (TypeScript) to run                (default: apps/main.ts)
  --out DIR         output directory                           (default: the App's outdir, dist)
  --env NAME        only this environment (comma-separated list allowed)   (default: all)
  --stack NAME      only this stack (comma-separated list allowed)         (default: all)
  --target T        kubernetes or swarm                        (default: both)
  --strict          target gaps and run-time warnings are errors (also App({ strict: true }))
  --take-over       write into an output directory another app (or none) wrote: this app becomes its
                    owner and removes that app's files it does not write (see "Output directory")
  --check           (synth) compare instead of writing, like check
  --stat            (diff) list the files only
  --mermaid         (graph) print the Mermaid diagrams only
  --verbose         print stack traces on errors

Options of deploy and status (and --app, --out, --env, --stack as above):
  --timeout D       (deploy) how long a stack may take to converge   (default: from the rollout settings, >= 3m)
  --no-rollback     (deploy) leave a failed stack as it is (still exit 1)
  --resolve-image M (deploy) always, changed or never, as docker stack deploy (default: always)

Options of init:
  --name NAME       package name                               (default: the directory name)

Options of import:
  --out FILE        the TypeScript file to write               (default: apps/<stack>.ts)
  --name STACK      stack name                                 (default: from the file or its directory)
  --env-file FILE   KEY=VALUE variables for \${VAR} interpolation  (default: the .env beside the file)
  --use-env         also take variables from this process's environment, which wins
                    (off by default, so CI secrets never reach the output); each one is named
  --profile NAMES   enable these Compose profiles (comma-separated), like docker compose --profile
  --harden          apply Conductor's restricted security defaults where the file sets none
                    (default: keep the image's user, writable root and Docker's capabilities)
  --force           overwrite --out when it exists

--env, --stack and --target limit what is written: the other files of the
output directory are kept as they are.

Output directory: its .conductor-output file names the app that writes it
and the files it wrote. synth removes only files this app wrote and no
longer renders, keeps every other file, and refuses a directory another
app writes. A synth interrupted at any point (even kill -9) is finished by
the next conductor run: the output is then exactly the old or the new one.

Exit codes: 0 ok; 1 validation, app or output error, stale output (check, deploy,
status), a failed deploy, or drift (status); 2 usage error.`;

const OUTPUT_FLAGS = ['app', 'out', 'env', 'stack', 'target', 'strict', 'take-over', 'verbose'];
const FLAGS: Record<string, readonly string[]> = {
  synth: [...OUTPUT_FLAGS, 'check'],
  check: OUTPUT_FLAGS,
  diff: [...OUTPUT_FLAGS, 'stat'],
  graph: ['app', 'env', 'stack', 'mermaid', 'verbose'],
  init: ['name', 'verbose'],
  import: ['out', 'name', 'env-file', 'profile', 'force', 'use-env', 'harden', 'verbose'],
  deploy: ['app', 'out', 'env', 'stack', 'timeout', 'no-rollback', 'resolve-image', 'verbose'],
  status: ['app', 'out', 'env', 'stack', 'verbose'],
};
const POSITIONALS: Record<string, number> = { init: 1, import: 1 };
const SWITCHES = new Set(['check', 'verbose', 'help', 'stat', 'mermaid', 'force', 'strict', 'take-over', 'no-rollback', 'use-env', 'harden']);
const OPTIONS = new Set(['app', 'out', 'env', 'stack', 'target', 'name', 'env-file', 'timeout', 'resolve-image', 'profile']);

const defaultIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
};

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let verbose = argv.includes('--verbose');
  try {
    const args = parseArgs(argv, SWITCHES, OPTIONS);
    verbose = args.flags.has('verbose');
    if (args.flags.has('help') || args.command === 'help' || args.command === undefined) {
      const asked = args.command !== undefined || args.flags.has('help');
      (asked ? io.out : io.err)(USAGE);
      return asked ? 0 : 2;
    }
    const command = args.command;
    if (!Object.prototype.hasOwnProperty.call(FLAGS, command)) throw new UsageError(`unknown command "${command}"`);
    const allowed = FLAGS[command];
    for (const f of args.flags.keys()) if (!allowed.includes(f)) throw new UsageError(`${command} takes no option --${f}`);
    const positionals = POSITIONALS[command] ?? 0;
    if (args.positional.length > positionals) throw new UsageError(`${command}: unexpected argument "${args.positional[positionals]}"`);
    switch (command) {
      case 'synth':
      case 'check':
      case 'diff': {
        const mode = command === 'diff' ? 'diff' : command === 'check' || args.flags.has('check') ? 'check' : 'synth';
        const options = {
          ...outputOptions(args), mode, stat: args.flags.has('stat'),
          strict: args.flags.has('strict') || undefined, takeOver: args.flags.has('take-over'),
        } as const;
        const { outputCommand } = require('./synth') as typeof import('./synth');
        return outputCommand(options, io);
      }
      case 'graph': {
        const options = { ...outputOptions(args), mermaid: args.flags.has('mermaid') };
        const { graphCommand } = require('./graph') as typeof import('./graph');
        return graphCommand(options, io);
      }
      case 'init': {
        const options = { dir: args.positional[0] ?? '.', name: stringFlag(args, 'name') };
        const { initCommand } = require('./init') as typeof import('./init');
        return initCommand(options, io);
      }
      case 'import': {
        if (args.positional[0] === undefined) throw new UsageError('import needs the compose file: conductor import FILE');
        const options = {
          file: args.positional[0], out: stringFlag(args, 'out'), name: stringFlag(args, 'name'), envFile: stringFlag(args, 'env-file'),
          force: args.flags.has('force'), useEnv: args.flags.has('use-env'), harden: args.flags.has('harden'),
          profiles: stringFlag(args, 'profile')?.split(',').map((p) => p.trim()).filter((p) => p !== ''),
        };
        const { importCommand } = require('./import') as typeof import('./import');
        return importCommand(options, io);
      }
      case 'deploy': {
        const { deployOptions } = require('./deploy-options') as typeof import('./deploy-options');
        const options = { ...swarmOptions(args), ...deployOptions(args) };
        const { deployCommand } = require('./deploy') as typeof import('./deploy');
        return await deployCommand(options, io);
      }
      case 'status': {
        const { statusCommand } = require('./status') as typeof import('./status');
        return await statusCommand(swarmOptions(args), io);
      }
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    const { reportError } = require('./errors') as typeof import('./errors');
    return reportError(e, verbose, io.err, USAGE);
  }
}

function outputOptions(args: ParsedArgs) {
  const target = stringFlag(args, 'target');
  if (target !== undefined && !isTarget(target)) {
    throw new UsageError(`--target must be ${targetNames().join(' or ')}, not "${target}"`);
  }
  return {
    app: stringFlag(args, 'app') ?? 'apps/main.ts',
    out: stringFlag(args, 'out'),
    targets: target ? [target] : undefined,
    stacks: listFlag(args, 'stack'),
    environments: listFlag(args, 'env'),
  };
}

function swarmOptions(args: ParsedArgs) {
  const { targets: _targets, ...rest } = outputOptions(args);
  return rest;
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  if (v === '') throw new UsageError(`--${name} needs a non-empty value`);
  return v;
}

function listFlag(args: ParsedArgs, name: string): string[] | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const list = v.split(',').map((s) => s.trim());
  if (list.some((s) => s === '')) throw new UsageError(`--${name}: empty name in "${v}"`);
  return [...new Set(list)];
}
