import * as fs from 'fs';
import * as path from 'path';
import { flush, flushDir, writeFlushed } from './disk-flush';

/*
 * Changes an output directory in place, as one transaction that survives a
 * crash at any instruction (a write-ahead journal, as databases keep):
 *
 *   1. the journal, state "prepare", lists every write, removal and new directory;
 *   2. prepare: new directories made, each new content written (and flushed) to a
 *      temporary file beside its destination, each file to remove renamed aside;
 *      nothing the old output holds is lost: renamed aside, not deleted;
 *   3. commit: the journal's state becomes "commit" (an atomic rename, flushed);
 *   4. apply: temporary files renamed onto their destinations, files set aside
 *      deleted, directories left empty by them removed; then the journal.
 *
 * A journal found later is finished: rolled back when not committed (the
 * old output, exactly), rolled forward when committed (the new one). Only
 * the files that change are touched: every other file keeps its bytes,
 * mode, links and inode, and the directory itself (or the symlink to it)
 * is never replaced.
 */

/** Every transient name starts with this; `.gitignore` ignores `.conductor-tmp-*`. */
export const TRANSIENT_PREFIX = '.conductor-tmp-';
export const JOURNAL_FILE = `${TRANSIENT_PREFIX}journal`;
/** Where a process writes the journal before publishing it: one name per process. */
const JOURNAL_NEXT = `${TRANSIENT_PREFIX}journal-next-`;
const nextJournal = (root: string) => path.join(root, `${JOURNAL_NEXT}${process.pid}`);

interface Journal {
  readonly state: 'prepare' | 'commit';
  readonly pid: number;
  /** When that process started (Linux), so that a pid reused by another process is not taken for it. */
  readonly started?: string;
  /** Files written, relative "/" paths. */
  readonly writes: readonly string[];
  /** Files removed. */
  readonly removes: readonly string[];
  /** Directories made by prepare, parents first. */
  readonly dirs: readonly string[];
}

/** The change to make: relative "/" paths. */
export interface OutputChange {
  readonly writes: ReadonlyMap<string, string | Buffer>;
  readonly removes: readonly string[];
}

/** Where a crashed or concurrent transaction was found, and what was done about it. */
export interface Recovery {
  readonly outcome: 'rolled back' | 'rolled forward';
  readonly files: number;
}

/** The temporary file that holds `rel`'s new content until the commit. */
export const newFile = (root: string, rel: string) => aside(root, rel, 'new-');
/** Where a file to remove waits for the commit. */
export const removedFile = (root: string, rel: string) => aside(root, rel, 'del-');

function aside(root: string, rel: string, kind: string): string {
  const parts = rel.split('/');
  const base = parts.pop()!;
  return path.join(root, ...parts, `${TRANSIENT_PREFIX}${kind}${base}`);
}

/**
 * Tests stop the process at the n-th instruction with
 * CONDUCTOR_TEST_CRASH_AT=<n> (a SIGKILL, like `kill -9`); unset, nothing happens.
 */
let instruction = 0;
function step(): void {
  const at = process.env.CONDUCTOR_TEST_CRASH_AT;
  if (at === undefined) return;
  instruction++;
  if (instruction === Number(at)) process.kill(process.pid, 'SIGKILL');
}

/** Applies `change` to the directory `root` (which exists) as one transaction; see above. */
export function applyChange(root: string, change: OutputChange): void {
  const writes = [...change.writes.keys()].sort();
  const removes = [...change.removes].sort();
  const dirs = missingDirs(root, writes, removes);
  const journal: Journal = { state: 'prepare', pid: process.pid, started: startTime(process.pid), writes, removes, dirs };
  let published = false;
  try {
    saveJournal(root, journal, () => (published = true));
  } catch (e) {
    fs.rmSync(nextJournal(root), { force: true });
    if (published) fs.rmSync(path.join(root, JOURNAL_FILE), { force: true });
    throw e;
  }
  try {
    // Set aside first: a file removed may be where a new directory goes.
    for (const rel of removes) {
      fs.renameSync(path.join(root, ...rel.split('/')), removedFile(root, rel));
      step();
    }
    for (const d of dirs) {
      fs.mkdirSync(path.join(root, ...d.split('/')));
      step();
    }
    for (const rel of writes) {
      fs.writeFileSync(newFile(root, rel), change.writes.get(rel)!);
      step();
    }
    // Every new content and directory entry on disk before the commit can publish them.
    flush(writes.map((rel) => newFile(root, rel)), touchedDirs(root, writes, removes));
    step();
    saveJournal(root, { ...journal, state: 'commit' });
  } catch (e) {
    // Nothing is published before the journal's rename to "commit": undoing the prepare is always right here.
    fs.rmSync(nextJournal(root), { force: true });
    rollBack(root, journal);
    throw e;
  }
  rollForward(root, journal);
}

/**
 * Finishes a transaction a crash left in `root`, if any: rolled back
 * before its commit, rolled forward after. Throws when the process that
 * wrote the journal still runs (two synths into one directory).
 */
export function recover(root: string): Recovery | undefined {
  // Journals never published, by processes that are gone.
  for (const name of fs.readdirSync(root)) {
    const gone = name.startsWith(JOURNAL_NEXT) && !isRunning(Number(name.slice(JOURNAL_NEXT.length)), undefined);
    if (gone) fs.rmSync(path.join(root, name), { force: true });
  }
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, JOURNAL_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let journal: Journal;
  try {
    journal = JSON.parse(text) as Journal;
  } catch {
    // A journal is written aside and renamed into place: a torn one cannot be a committed one.
    fs.rmSync(path.join(root, JOURNAL_FILE));
    return { outcome: 'rolled back', files: 0 };
  }
  if (journal.pid !== process.pid && isRunning(journal.pid, journal.started)) {
    throw new Error(`another conductor process (pid ${journal.pid}) is writing ${root}: wait for it to finish`);
  }
  if (journal.state === 'commit') {
    rollForward(root, journal);
    return { outcome: 'rolled forward', files: journal.writes.length + journal.removes.length };
  }
  rollBack(root, journal);
  return { outcome: 'rolled back', files: journal.writes.length + journal.removes.length };
}

function rollForward(root: string, journal: Journal): void {
  for (const rel of journal.writes) {
    const from = newFile(root, rel);
    // Renamed already when missing (a crash after this rename).
    if (fs.existsSync(from)) fs.renameSync(from, path.join(root, ...rel.split('/')));
    step();
  }
  for (const rel of journal.removes) {
    fs.rmSync(removedFile(root, rel), { force: true });
    step();
  }
  for (const rel of journal.removes) removeEmptyParents(root, rel);
  // The renames on disk before the journal that would redo them goes.
  flush([], touchedDirs(root, journal.writes, journal.removes));
  step();
  endJournal(root);
}

function rollBack(root: string, journal: Journal): void {
  // The reverse of prepare: new files, new directories, then the files set aside come back.
  for (const rel of journal.writes) fs.rmSync(newFile(root, rel), { force: true });
  for (const d of [...journal.dirs].reverse()) {
    try {
      fs.rmdirSync(path.join(root, ...d.split('/')));
    } catch {
      // Not made yet, or not empty (someone put a file there): kept.
    }
  }
  for (const rel of journal.removes) {
    const aside = removedFile(root, rel);
    if (fs.existsSync(aside)) fs.renameSync(aside, path.join(root, ...rel.split('/')));
  }
  flush([], touchedDirs(root, journal.writes, journal.removes));
  endJournal(root);
}

/**
 * Publishes the journal. The first one (prepare) by a hard link, which fails
 * when a journal exists: two synths into one directory cannot both start.
 */
function saveJournal(root: string, journal: Journal, published?: () => void): void {
  const next = nextJournal(root);
  writeFlushed(next, JSON.stringify(journal));
  step();
  if (journal.state === 'prepare') {
    try {
      fs.linkSync(next, path.join(root, JOURNAL_FILE));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`another conductor process is writing ${root}: wait for it to finish`);
      throw e;
    }
    published?.();
    fs.unlinkSync(next);
  } else {
    fs.renameSync(next, path.join(root, JOURNAL_FILE));
  }
  flushDir(root);
  step();
}

function endJournal(root: string): void {
  fs.rmSync(path.join(root, JOURNAL_FILE), { force: true });
  flushDir(root);
  step();
}

/** Directories to make for `writes`, relative, parents first. */
function missingDirs(root: string, writes: readonly string[], removes: readonly string[]): string[] {
  const dirs = new Set<string>();
  const removed = new Set(removes);
  const isDir = (p: string) => {
    try {
      return fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  for (const rel of writes) {
    const parts = rel.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!dirs.has(d) && (removed.has(d) || !isDir(path.join(root, ...parts.slice(0, i))))) dirs.add(d);
    }
  }
  return [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
}

/** The directories whose entries the change renames: each is flushed so the renames are on disk. */
function touchedDirs(root: string, writes: readonly string[], removes: readonly string[]): string[] {
  const dirs = new Set<string>([root]);
  for (const rel of [...writes, ...removes]) {
    const parts = rel.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(path.join(root, ...parts.slice(0, i)));
  }
  return [...dirs].filter((d) => fs.existsSync(d)).sort();
}

/** After a removal, the directories it left empty go too (never the root). */
function removeEmptyParents(root: string, rel: string): void {
  const parts = rel.split('/').slice(0, -1);
  for (let i = parts.length; i > 0; i--) {
    try {
      fs.rmdirSync(path.join(root, ...parts.slice(0, i)));
    } catch {
      return; // not empty (another file, an unknown file) or gone already
    }
  }
}

function isRunning(pid: number, started: string | undefined): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (started !== undefined) return startTime(pid) === started;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined without /proc, or for a zombie. */
function startTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A killed process not yet reaped (state Z) writes nothing any more.
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}
