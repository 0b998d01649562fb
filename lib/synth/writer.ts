import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { FileSet } from './render';

/** Marks a directory as Conductor's output, which it may replace as a whole. */
export const MARKER_FILE = '.conductor-output';
export const MARKER_TEXT = 'This directory is written by `conductor synth` and replaced as a whole at every synth.\n';

/** Thrown when the output directory cannot be written; nothing was changed. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/**
 * Writes `files` as the complete new content of `outdir`, atomically: the
 * files go to a sibling staging directory first, and only a complete tree
 * replaces the old one (by rename). On any failure the previous `outdir`
 * stays exactly as it was and the staging directory is removed.
 *
 * A non-empty `outdir` that Conductor did not write (no marker file) is
 * never replaced: `--out .` must not wipe a project.
 */
export function writeOutput(outdir: string, files: FileSet): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  assertReplaceable(target);
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new OutputError(`cannot create ${parent}: ${(e as Error).message}`);
  }
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.conductor-tmp-${path.basename(target)}-${suffix}`);
  const trash = path.join(parent, `.conductor-old-${path.basename(target)}-${suffix}`);
  try {
    fs.mkdirSync(staging);
    writeTree(staging, files);
    if (fs.existsSync(target)) fs.renameSync(target, trash);
    try {
      fs.renameSync(staging, target);
    } catch (e) {
      if (fs.existsSync(trash)) fs.renameSync(trash, target);
      throw e;
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new OutputError(`cannot write ${outdir}: ${(e as Error).message}`);
  } finally {
    fs.rmSync(trash, { recursive: true, force: true });
  }
}

function assertReplaceable(target: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new OutputError(`cannot read ${target}: ${(e as Error).message}`);
  }
  if (entries.length > 0 && !entries.includes(MARKER_FILE)) {
    throw new OutputError(`refusing to replace ${target}: it is not empty and was not written by conductor (no ${MARKER_FILE} file); choose another --out`);
  }
}

/** Writes the files under `root`; also used to stage output elsewhere (check, diff). */
export function writeTree(root: string, files: FileSet): void {
  const dirs = new Set<string>();
  const all = new Map(files);
  all.set(MARKER_FILE, MARKER_TEXT);
  for (const rel of [...all.keys()].sort()) {
    const file = path.join(root, ...rel.split('/'));
    const dir = path.dirname(file);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    fs.writeFileSync(file, all.get(rel)!);
  }
}
