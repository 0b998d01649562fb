import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { recover, TRANSIENT_PREFIX } from './output-journal';
import { MARKER_FILE, MarkerState, parseMarker } from './output-marker';

/** Thrown when the output directory cannot or must not be written; nothing was changed. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** An output directory, checked before anything in it is read. */
export interface OutputDir {
  /** As the user gave it, for messages. */
  readonly outdir: string;
  /** The directory written: a symlink to a directory is written through. */
  readonly root: string;
  readonly exists: boolean;
  /** The marker; undefined when the directory is new or empty. */
  readonly marker: MarkerState | undefined;
  /** What was found and done before the synth (a crashed synth finished, leftovers removed). */
  readonly notes: readonly string[];
}

export interface OpenOptions {
  /** The app that writes (appIdentity). */
  readonly app: string;
  /** Write into a directory another app (or no app) wrote. @default false */
  readonly takeOver?: boolean;
}

/**
 * Checks `outdir` before reading anything in it: a directory (or a symlink
 * to one), not `/` or the home directory, with no other app's marker
 * (unless `takeOver`). Finishes what a crashed synth left (a journal, or an
 * earlier version's staging directories) and says so in `notes`.
 */
export function openOutputDir(outdir: string, options: OpenOptions): OutputDir {
  const abs = path.resolve(outdir);
  const notes: string[] = [];
  let root = abs;
  let exists = true;
  try {
    if (fs.lstatSync(abs).isSymbolicLink()) root = resolveLink(abs);
    if (!fs.statSync(root).isDirectory()) throw new OutputError(`${outdir} is not a directory: choose a directory for the output with --out DIR`);
  } catch (e) {
    if (e instanceof OutputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new OutputError(`cannot use ${outdir} as the output directory: ${(e as Error).message}`);
    exists = false;
  }
  if (root === path.parse(root).root || root === realHome()) {
    const what = root === path.parse(root).root ? 'the file system root' : 'the home directory';
    throw new OutputError(`refusing to write into ${outdir} (${what}): choose an output directory with --out DIR`);
  }
  cleanLegacyLeftovers(abs, notes);
  if (fs.existsSync(root)) exists = true;
  if (!exists) return { outdir, root, exists, marker: undefined, notes };
  try {
    const r = recover(root);
    const state = r?.outcome === 'rolled back' ? 'the output is as before it' : 'its output is complete';
    if (r) notes.push(`${outdir}: finished a synth that was interrupted (${r.outcome}: ${state})`);
  } catch (e) {
    throw new OutputError(`cannot finish the interrupted synth in ${outdir}: ${(e as Error).message}`);
  }
  const entries = fs.readdirSync(root).filter((n) => !n.startsWith(TRANSIENT_PREFIX));
  let marker: MarkerState | undefined;
  if (entries.includes(MARKER_FILE)) {
    marker = parseMarker(fs.readFileSync(path.join(root, MARKER_FILE), 'utf8'));
  } else if (entries.length > 0 && !options.takeOver) {
    throw new OutputError(
      `refusing to write into ${outdir}: it is not empty and was not written by conductor (no ${MARKER_FILE} file); ` +
        "choose another --out, or add this app's files to it with --take-over (nothing in it is removed)",
    );
  }
  if (marker?.kind === 'corrupt' && !options.takeOver) {
    throw new OutputError(
      `${path.join(outdir, MARKER_FILE)} cannot be read (${marker.reason}): restore it (git checkout), ` +
        `or run with --take-over (then no file in ${outdir} is removed)`,
    );
  }
  if (marker?.kind === 'record' && marker.record.app !== options.app && !options.takeOver) {
    const other = marker.record.app;
    throw new OutputError(
      `${outdir} holds the output of ${other} (${marker.record.files.length} files), not of ${options.app}: ` +
        'write this app elsewhere with --out DIR, ' +
        `or take the directory over with --take-over (removes the files of ${other} that ${options.app} does not write)`,
    );
  }
  return { outdir, root, exists, marker, notes };
}

/** The directory a symlink leads to; a dangling link's target is where the output goes (made at write). */
function resolveLink(link: string): string {
  try {
    return fs.realpathSync(link);
  } catch {
    return path.resolve(path.dirname(link), fs.readlinkSync(link));
  }
}

function realHome(): string {
  try {
    return fs.realpathSync(os.homedir());
  } catch {
    return os.homedir();
  }
}

/**
 * Versions before the journal wrote `.conductor-tmp-<dir>-*` beside the
 * output directory and swapped it with `.conductor-old-<dir>-*`: a crash
 * could leave both (the old one may hold plaintext secrets), or only them.
 * The old output comes back if the directory is missing; the rest goes.
 */
function cleanLegacyLeftovers(abs: string, notes: string[]): void {
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  // Their names: .conductor-(tmp|old)-<dir>-<pid>-<8 hex digits>.
  const pattern = new RegExp(`^\\.conductor-(tmp|old)-${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+-[0-9a-f]{8}$`);
  const leftovers = names.filter((n) => pattern.test(n)).sort();
  for (const n of leftovers) {
    const p = path.join(parent, n);
    if (n.startsWith('.conductor-old-') && !fs.existsSync(abs)) {
      fs.renameSync(p, abs);
      notes.push(`${abs}: restored from ${n}, left by a synth of an earlier version that was interrupted`);
    } else {
      fs.rmSync(p, { recursive: true, force: true });
      notes.push(`${abs}: removed ${n}, left by a synth of an earlier version that was interrupted`);
    }
  }
}
