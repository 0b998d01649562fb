import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { buildPlan, checkImported } from '../compose/build';
import { generateTypeScript } from '../compose/codegen';
import { loadComposeFile } from '../compose/loader';
import { modelName, planImport } from '../compose/plan';
import { ComposeImportError, ComposeImportNote, formatNote, sortNotes } from '../compose/problems';
import { checkName } from '../model/names';
import { appIdentity, MARKER_FILE, parseMarker } from '../synth/output-marker';
import { UsageError } from './args';
import { CliError } from './errors';
import type { Io } from './io';

export interface ImportCommandOptions {
  /** The Compose file. */
  readonly file: string;
  /** Where to write the TypeScript. @default apps/<name>.ts */
  readonly out?: string;
  /** Stack name. @default - from the file's name or directory */
  readonly name?: string;
  /** Variables for interpolation. @default - the .env beside the file */
  readonly envFile?: string;
  /** Also take variables from this process's environment (which wins). @default false */
  readonly useEnv?: boolean;
  /** Compose profiles to enable. @default - none */
  readonly profiles?: readonly string[];
  /** Apply the restricted security defaults where the file sets none. @default false */
  readonly harden?: boolean;
  /** Overwrite `out` when it exists. */
  readonly force?: boolean;
}

/**
 * The stack name a file suggests: its directory for the usual names
 * (docker-compose.yml, compose.yaml, docker-stack.yml), else the file name.
 */
export function stackNameFor(file: string): string {
  const abs = path.resolve(file);
  const base = path.basename(abs).replace(/\.ya?ml$/i, '');
  const generic = /^(docker-)?(compose|stack)([.-](prod|production|dev|stack|swarm|override))?$/i.test(base) || /^docker-stack$/i.test(base);
  return modelName(generic ? path.basename(path.dirname(abs)) : base, 'stack');
}

/** `conductor import FILE`: a Compose file -> TypeScript that makes the same stack with the public constructs. */
export function importCommand(o: ImportCommandOptions, io: Io): number {
  const name = o.name ?? stackNameFor(o.file);
  const rule = checkName(name);
  const fromFile = o.name === undefined ? ' (it comes from the file name; choose one with --name)' : '';
  if (rule) throw new UsageError(`stack name "${name}" ${rule}${fromFile}`);
  const out = o.out ?? path.join('apps', `${name}.ts`);
  const outFile = path.resolve(out);
  if (!/\.ts$/.test(outFile)) throw new UsageError(`--out must name a .ts file (got ${out})`);
  if (fs.existsSync(outFile) && !o.force) throw new CliError(`${out} exists: choose another --out, or overwrite it with --force`);

  let notes: ComposeImportNote[];
  let code: string;
  let summary: string;
  try {
    const loaded = loadComposeFile(o.file, { envFile: o.envFile, profiles: o.profiles, ...(o.useEnv ? { environment: process.env } : {}) });
    const plan = planImport(loaded, name, { harden: o.harden });
    // Made once in memory, so the model's own rules check the import before anything is written.
    const built = buildPlan(new Construct(undefined as unknown as Construct, ''), plan);
    notes = sortNotes([...plan.notes, ...checkImported(built, plan)]);
    code = generateTypeScript(plan, { libraryModule: 'cdk8s-conductor', outFile, notes });
    const kinds = new Map<string, number>();
    for (const w of plan.workloads) kinds.set(w.kind, (kinds.get(w.kind) ?? 0) + 1);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    summary = [
      `${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}`,
      ...[[plan.configs.length, 'config'], [plan.secrets.length, 'secret'], [plan.volumes.length, 'volume'], [plan.networks.length, 'network']]
        .filter(([n]) => n)
        .map(([n, w]) => count(n as number, w as string)),
    ].join(', ');
  } catch (e) {
    if (e instanceof ComposeImportError) {
      io.err(`conductor: ${e.message}`);
      io.err('nothing was written');
      return 1;
    }
    throw e;
  }

  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.conductor-tmp-${process.pid}`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, outFile);
  for (const n of notes) io.err(`note: ${formatNote(n)}`);
  io.out(`imported ${o.file} as stack ${name}: ${summary}`);
  io.out(`wrote ${out}${notes.length ? `; ${notes.length} note${notes.length === 1 ? '' : 's'} (printed above and written into the file)` : ''}`);
  io.out(`next: ${synthHint(out, name)}`);
  return 0;
}

/**
 * The synth command to run next. The generated app writes to `dist`; when
 * `dist` holds another app's output (or files conductor did not write),
 * synth would refuse it, so the hint names a directory of its own.
 */
function synthHint(out: string, name: string): string {
  const command = `npx conductor synth --app ${out}`;
  const dist = path.resolve('dist');
  if (!fs.existsSync(dist)) return command;
  let owner: string | undefined;
  try {
    const marker = parseMarker(fs.readFileSync(path.join(dist, MARKER_FILE), 'utf8'));
    owner = marker.kind === 'record' ? marker.record.app : undefined;
  } catch {
    // No marker: an empty dist is fine, any other is not conductor's.
    if (fs.readdirSync(dist).length === 0) return command;
  }
  if (owner === appIdentity(out)) return command;
  return `${command} --out dist-${name}   (dist holds ${owner ? `the output of ${owner}` : 'other files'}: this app gets a directory of its own)`;
}
