import * as fs from 'fs';
import * as path from 'path';
import { classifyPath, mergeOutput, OutputScope } from './layout';
import { OutputDir, OutputError } from './output-dir';
import { TRANSIENT_PREFIX } from './output-journal';
import { MARKER_FILE, markerText } from './output-marker';
import type { FileSet } from './render';

/** What a synth changes in an output directory, and what it leaves. */
export interface OutputPlan {
  /** Files to write (new or changed content), the marker included when it changes. */
  readonly writes: ReadonlyMap<string, string>;
  /** Files this app wrote before and no longer renders. */
  readonly removes: readonly string[];
  /** For the change list and diffs: the old text of the files written or removed, and of the unchanged rendered files. */
  readonly current: FileSet;
  /** The new text of every rendered file and of the marker. */
  readonly next: FileSet;
  /** Files the app owns after the synth (the marker's list). */
  readonly owned: readonly string[];
  /** Files nobody recorded: kept as they are. */
  readonly unknown: readonly string[];
}

// Stands for "a file of this app, kept as it is" in mergeOutput: never read, never written.
const KEPT = '\0kept';

/**
 * Plans the synth of `fresh` (a render of `scope`) by `app` into `dir`.
 * Reads only the marker, the names of the files, and the files this app
 * writes or removes: a file it does not render is never read or rewritten.
 *
 * Prunes only files the marker says this app wrote (those of another app
 * too with `takeOver`); keeps every other file. A file in the way of one
 * it writes (not recorded, so a user's) is refused unless `takeOver`.
 */
export function planOutput(dir: OutputDir, fresh: FileSet, scope: OutputScope, app: string, takeOver = false): OutputPlan {
  const present = dir.exists ? listFiles(dir.root) : [];
  const presentSet = new Set(present);
  const marker = dir.marker;
  let previous: string[] = [];
  if (marker?.kind === 'record' && (marker.record.app === app || takeOver)) previous = [...marker.record.files];
  // An earlier version replaced the directory as a whole: the files of its layout were its own.
  if (marker?.kind === 'legacy') previous = present.filter((p) => classifyPath(p).role !== 'other');
  const merged = mergeOutput(new Map(previous.map((p) => [p, KEPT])), fresh, scope);
  const owned = [...merged.keys()].sort();
  const removes = previous.filter((p) => !merged.has(p) && presentSet.has(p));
  if (marker?.kind === 'legacy' && removes.length > 0 && !takeOver) {
    throw new OutputError(
      `${dir.outdir} was written by an earlier conductor version that did not record its app, ` +
        `and ${app} does not write ${removes.length} of its files: ` +
        `if they are this app's old output, run once with --take-over to remove them; else choose another --out (${examples(removes, 2)})`,
    );
  }
  for (const p of owned) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (merged.has(prefix)) throw new OutputError(`cannot write ${path.join(dir.outdir, p)}: ${prefix} is a file of the output too`);
    }
  }
  const previousSet = new Set(previous);
  const current: FileSet = new Map();
  const next: FileSet = new Map();
  const writes = new Map<string, string>();
  for (const [p, text] of merged) {
    if (text === KEPT) continue;
    next.set(p, text);
    const file = path.join(dir.root, ...p.split('/'));
    const old = readIfFile(file, p, dir.outdir);
    if (old !== undefined && !previousSet.has(p) && !takeOver) {
      throw new OutputError(
        `${path.join(dir.outdir, p)} is in the way: ${app} writes it, but it was not written by conductor (not in ${MARKER_FILE}); ` +
          'move it away, or overwrite it with --take-over',
      );
    }
    if (old !== undefined) current.set(p, old.toString('utf8'));
    if (old === undefined || !old.equals(Buffer.from(text))) writes.set(p, text);
  }
  for (const p of removes) current.set(p, readIfFile(path.join(dir.root, ...p.split('/')), p, dir.outdir)?.toString('utf8') ?? '');
  const markerNow = readIfFile(path.join(dir.root, MARKER_FILE), MARKER_FILE, dir.outdir);
  const markerNext = markerText({ app, files: owned });
  if (markerNow !== undefined) current.set(MARKER_FILE, markerNow.toString('utf8'));
  next.set(MARKER_FILE, markerNext);
  if (markerNow === undefined || markerNow.toString('utf8') !== markerNext) writes.set(MARKER_FILE, markerNext);
  const gone = new Set([...owned, ...removes]);
  const unknown = present.filter((p) => !gone.has(p));
  return { writes, removes, current: sortedSet(current), next: sortedSet(next), owned, unknown };
}

/** "a, b, c and 4 more" */
export function examples(paths: readonly string[], max = 5): string {
  const shown = paths.slice(0, max).join(', ');
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}

/** A file's bytes; undefined when there is none. A directory where a file goes is refused. */
function readIfFile(file: string, rel: string, outdir: string): Buffer | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new OutputError(`cannot write ${path.join(outdir, rel)}: a file is in the way of its directory; move it away`);
    throw new OutputError(`cannot read ${path.join(outdir, rel)}: ${(e as Error).message}`);
  }
  if (st.isDirectory()) throw new OutputError(`cannot write ${path.join(outdir, rel)}: a directory is in the way; move it away`);
  return fs.readFileSync(file);
}

/**
 * Every file, symlink and other non-directory under `root`, relative "/"
 * paths, sorted; symlinked directories are not followed; the marker and
 * transient files left out. Reads names only.
 */
export function listFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith(TRANSIENT_PREFIX) || (rel === '' && e.name === MARKER_FILE)) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else found.push(r);
    }
  };
  walk(root, '');
  return found.sort();
}

function sortedSet(files: FileSet): FileSet {
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
