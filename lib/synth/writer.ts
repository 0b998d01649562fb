import * as fs from 'fs';
import * as path from 'path';
import type { OutputScope } from './layout';
import { OutputDir, OutputError, openOutputDir } from './output-dir';
import { applyChange, JOURNAL_FILE } from './output-journal';
import { MARKER_FILE } from './output-marker';
import { OutputPlan, planOutput } from './output-plan';
import type { FileSet } from './render';

export { MARKER_FILE } from './output-marker';
export { OutputError } from './output-dir';

export interface WriteOptions {
  /** The app that writes (appIdentity of its file). */
  readonly app: string;
  /** What the files are a render of. @default - everything */
  readonly scope?: OutputScope;
  /** Write into a directory another app (or no app) wrote; see openOutputDir. @default false */
  readonly takeOver?: boolean;
}

/** What writeOutput did. */
export interface WriteResult {
  readonly dir: OutputDir;
  readonly plan: OutputPlan;
}

/**
 * Writes a render into `outdir`: checks the directory (openOutputDir),
 * plans (planOutput), then changes only what changes, as one transaction
 * (output-journal.ts). On any failure the previous output stays as it was.
 */
export function writeOutput(outdir: string, files: FileSet, options: WriteOptions): WriteResult {
  const dir = openOutputDir(outdir, options);
  const plan = planOutput(dir, files, options.scope ?? {}, options.app, options.takeOver);
  commitPlan(dir, plan);
  return { dir, plan };
}

/** Applies a plan; an OutputError when the disk refuses, the previous output unchanged. */
export function commitPlan(dir: OutputDir, plan: OutputPlan): void {
  if (plan.writes.size === 0 && plan.removes.length === 0) return;
  const created = !fs.existsSync(dir.root);
  try {
    // Not `recursive` on the directory itself: Node retries forever where mkdir says ENOENT of an existing parent (/proc).
    fs.mkdirSync(path.dirname(dir.root), { recursive: true });
    if (created) fs.mkdirSync(dir.root);
  } catch (e) {
    throw new OutputError(`cannot write ${dir.outdir}: ${(e as Error).message}`);
  }
  try {
    applyChange(dir.root, plan);
  } catch (e) {
    if (fs.existsSync(path.join(dir.root, JOURNAL_FILE))) {
      throw new OutputError(`cannot finish writing ${dir.outdir} (the next conductor run finishes it): ${(e as Error).message}`);
    }
    if (created) removeIfEmpty(dir.root);
    throw new OutputError(`cannot write ${dir.outdir} (the previous output is unchanged): ${(e as Error).message}`);
  }
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty: something else is in it now; kept.
  }
}

/** Writes the files under `root` as they are (no marker, no journal): for staging output elsewhere (tests, e2e). */
export function writeTree(root: string, files: FileSet): void {
  const dirs = new Set<string>();
  for (const rel of [...files.keys()].sort()) {
    if (rel === MARKER_FILE) continue;
    const file = path.join(root, ...rel.split('/'));
    const dir = path.dirname(file);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    fs.writeFileSync(file, files.get(rel)!);
  }
}
