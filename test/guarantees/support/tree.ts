import * as fs from 'fs';
import * as path from 'path';

/** One entry of a directory tree as the file system has it. */
export interface Entry {
  readonly type: 'file' | 'dir' | 'other';
  readonly ino: number;
  readonly mode: number;
  readonly mtimeMs: number;
  /** File content (base64, so that a diff of two snapshots stays readable). */
  readonly content?: string;
}

/**
 * Every file and directory under `root` (root included, as ""), with its
 * bytes, inode, mode and modification time: two equal snapshots mean
 * nothing was written, replaced (a new inode), touched, created or removed
 * (a directory's mtime changes when an entry comes and goes).
 */
export function snapshot(root: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const visit = (abs: string, rel: string) => {
    const st = fs.lstatSync(abs);
    const type = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
    out.set(rel, {
      type, ino: st.ino, mode: st.mode, mtimeMs: st.mtimeMs,
      ...(type === 'file' ? { content: fs.readFileSync(abs).toString('base64') } : {}),
    });
    if (type === 'dir') {
      for (const name of fs.readdirSync(abs).sort()) visit(path.join(abs, name), rel ? `${rel}/${name}` : name);
    }
  };
  visit(root, '');
  return out;
}

/** Every file under `root`: relative path ("/"-separated) to bytes. */
export function files(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [rel, e] of snapshot(root)) if (e.type === 'file') out.set(rel, Buffer.from(e.content!, 'base64'));
  return out;
}
