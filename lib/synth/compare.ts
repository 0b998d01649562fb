import { createTwoFilesPatch } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import type { FileSet } from './render';
import { MARKER_FILE } from './writer';

export interface FileChange {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
}

/** Files of `dir` (recursively) as relative "/" paths to text; the marker file left out. */
export function readOutputDir(dir: string): FileSet {
  const files: FileSet = new Map();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.set(path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  files.delete(MARKER_FILE);
  return files;
}

/** What would change if `next` replaced `current`, sorted by path. */
export function compareFiles(current: FileSet, next: FileSet): FileChange[] {
  const paths = [...new Set([...current.keys(), ...next.keys()])].sort();
  const changes: FileChange[] = [];
  for (const p of paths) {
    if (!current.has(p)) changes.push({ path: p, change: 'added' });
    else if (!next.has(p)) changes.push({ path: p, change: 'removed' });
    else if (current.get(p) !== next.get(p)) changes.push({ path: p, change: 'changed' });
  }
  return changes;
}

/** A unified diff of the changes, each file's hunks cut to `maxLines` lines. */
export function unifiedDiff(current: FileSet, next: FileSet, changes: readonly FileChange[], maxLines = 40): string {
  const parts: string[] = [];
  for (const c of changes) {
    const patch = createTwoFilesPatch(`a/${c.path}`, `b/${c.path}`, current.get(c.path) ?? '', next.get(c.path) ?? '', '', '', { context: 2 });
    const lines = patch.split('\n').filter((l) => !l.startsWith('====')).filter((l) => l !== '');
    parts.push(lines.length > maxLines ? [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`].join('\n') : lines.join('\n'));
  }
  return parts.join('\n');
}
