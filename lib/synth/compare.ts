import { createTwoFilesPatch, structuredPatch } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import type { FileSet } from './render';
import { MARKER_FILE } from './output-marker';

export interface FileChange {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
}

/** A change with its size in lines. */
export interface FileChangeStat extends FileChange {
  readonly added: number;
  readonly removed: number;
  /** The files differ only in line endings (CRLF vs LF): usually git's autocrlf. */
  readonly lineEndingsOnly: boolean;
}

/**
 * Files of `dir` (recursively) as relative "/" paths to text, sorted; the
 * marker file left out unless `includeMarker`. A missing `dir` reads as empty.
 */
export function readOutputDir(dir: string, options: { includeMarker?: boolean } = {}): FileSet {
  const found: [string, string][] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) found.push([path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8')]);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  const files: FileSet = new Map(found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (!options.includeMarker) files.delete(MARKER_FILE);
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

/** Each change with the number of lines added and removed. */
export function changeStats(current: FileSet, next: FileSet, changes: readonly FileChange[]): FileChangeStat[] {
  return changes.map((c) => {
    const before = current.get(c.path) ?? '';
    const after = next.get(c.path) ?? '';
    const lineEndingsOnly = c.change === 'changed' && before.replace(/\r\n/g, '\n') === after.replace(/\r\n/g, '\n');
    let added = 0;
    let removed = 0;
    for (const h of structuredPatch('a', 'b', before, after, '', '', { context: 0 }).hunks) {
      for (const l of h.lines) {
        if (l.startsWith('+')) added++;
        else if (l.startsWith('-')) removed++;
      }
    }
    return { ...c, added, removed, lineEndingsOnly };
  });
}

export interface DiffOptions {
  /** Shown before each path, e.g. the output directory. @default '' */
  readonly prefix?: string;
  /** Lines of context around each change. @default 3 */
  readonly context?: number;
  /** Cut each file's patch after this many lines. @default - no limit */
  readonly maxLinesPerFile?: number;
  /** Files whose content is not shown (they hold secret values): only their header. @default - none */
  readonly hidden?: ReadonlySet<string>;
}

/**
 * The files of a current and a next output that hold secret values (the
 * plaintext opt-in): the next output's `secretFiles`, and in both, Swarm
 * `secrets/` files and stack files with a Kubernetes Secret object. A diff
 * of them would print the values, old and new, into CI logs.
 */
export function secretPaths(current: FileSet, next: FileSet, secretFiles: readonly string[]): Set<string> {
  const hidden = new Set(secretFiles);
  for (const files of [current, next]) {
    for (const [p, text] of files) {
      if (/(^|\/)swarm\/[^/]+\/secrets\//.test(p) || (p.endsWith('.k8s.yaml') && /^kind: Secret$/m.test(text))) hidden.add(p);
    }
  }
  return hidden;
}

/** A unified diff (`--- a/<prefix><path>` / `+++ b/<prefix><path>`) of the changes, in path order. */
export function unifiedDiff(current: FileSet, next: FileSet, changes: readonly FileChange[], options: DiffOptions = {}): string {
  const prefix = options.prefix ?? '';
  const parts: string[] = [];
  for (const c of changes) {
    const before = current.get(c.path) ?? '';
    const after = next.get(c.path) ?? '';
    const from = c.change === 'added' ? '/dev/null' : `a/${prefix}${c.path}`;
    const to = c.change === 'removed' ? '/dev/null' : `b/${prefix}${c.path}`;
    if (options.hidden?.has(c.path)) {
      parts.push([`--- ${from}`, `+++ ${to}`, '@@ holds a secret value (Secret.unsafePlaintext): changes not shown @@'].join('\n'));
      continue;
    }
    const patch = createTwoFilesPatch(from, to, before, after, undefined, undefined, { context: options.context ?? 3 });
    // Drop the "Index:"/"====" preamble that createTwoFilesPatch adds; keep the ---/+++ header and hunks.
    let lines = patch.split('\n').filter((l) => l !== '' && !l.startsWith('===='));
    lines = lines.map((l) => (l.startsWith('--- ') || l.startsWith('+++ ') ? l.replace(/\t$/, '') : l));
    if (c.change === 'changed' && before.replace(/\r\n/g, '\n') === after.replace(/\r\n/g, '\n')) {
      lines = [lines[0], lines[1], '@@ line endings differ only (CRLF in one, LF in the other): see "Line endings" in docs/gitops-cli.md @@'];
    }
    const max = options.maxLinesPerFile;
    if (max !== undefined && lines.length > max) {
      lines = [...lines.slice(0, max), `... (${lines.length - max} more lines of this file; run \`conductor diff\` for all)`];
    }
    parts.push(lines.join('\n'));
  }
  return parts.join('\n');
}
