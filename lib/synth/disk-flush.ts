import { execFileSync } from 'child_process';
import * as fs from 'fs';

// Getting written files onto the disk before a rename publishes them: a
// crash (or power cut) after the rename must never show an empty or torn file.

/** Writes a file and flushes it to disk, so that a rename publishing it never publishes an empty file. */
export function writeFlushed(file: string, content: string | Buffer): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Flushes files and directory entries to disk. One `syncfs` per file
 * system (`sync -f DIR`, coreutils) where there is one: a few hundred
 * milliseconds for thousands of files, where an fsync per file takes
 * seconds. Elsewhere (or if it fails), an fsync per file and directory.
 */
export function flush(files: readonly string[], dirs: readonly string[]): void {
  if (process.platform === 'linux' && syncFileSystems(dirs)) return;
  for (const f of files) {
    const fd = fs.openSync(f, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  for (const d of dirs) flushDir(d);
}

let syncUnavailable = false;

/** `sync -f` once per file system the directories are on; false when it cannot run. */
function syncFileSystems(dirs: readonly string[]): boolean {
  if (syncUnavailable) return false;
  const byDevice = new Map<number, string>();
  for (const d of dirs) {
    const dev = fs.statSync(d).dev;
    if (!byDevice.has(dev)) byDevice.set(dev, d);
  }
  try {
    for (const d of byDevice.values()) execFileSync('sync', ['-f', d], { stdio: 'ignore' });
    return true;
  } catch {
    syncUnavailable = true;
    return false;
  }
}

/** Flushes a directory's entries (renames, new files); Windows cannot open directories: skipped there. */
export function flushDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
