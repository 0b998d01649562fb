import * as fs from 'fs';
import * as path from 'path';

/**
 * An app whose output is steered by the environment: STACKS (comma list,
 * default "alpha,beta") and REPLICAS (default 1; it also changes a config
 * file, so its hashed name: a file removed and one added).
 */
export const STEERED_APP = `import { App, Config, Stack, Workload } from 'LIB';
const app = new App();
const replicas = Number(process.env.REPLICAS ?? 1);
for (const name of (process.env.STACKS ?? 'alpha,beta').split(',')) {
  const stack = new Stack(app, name);
  const cfg = new Config(stack, 'cfg', { files: { 'app.conf': 'replicas ' + replicas + '\\n' } });
  new Workload(stack, 'web', { image: 'busybox:1.36', replicas }).mountConfig(cfg, '/etc/app');
}
app.synth();
`;

/** One entry of a directory tree as lstat and the bytes see it. */
export interface Entry {
  readonly type: 'file' | 'dir' | 'symlink';
  readonly ino: number;
  readonly mode: number;
  readonly content: string;
}

/** Every entry under `root` (not following symlinks): type, inode, mode, and bytes (hex) or link target. */
export function snapshot(root: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (dir: string, rel: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) out.set(r, { type: 'symlink', ino: st.ino, mode: st.mode, content: fs.readlinkSync(p) });
      else if (st.isDirectory()) {
        out.set(r, { type: 'dir', ino: st.ino, mode: st.mode, content: '' });
        walk(p, r);
      } else out.set(r, { type: 'file', ino: st.ino, mode: st.mode, content: fs.readFileSync(p).toString('hex') });
    }
  };
  if (fs.existsSync(root)) walk(root, '');
  return out;
}

/** Relative path to bytes (hex) of the files and links only: what "the same output" means after a crash. */
export function contents(root: string): Map<string, string> {
  return new Map([...snapshot(root)].filter(([, e]) => e.type !== 'dir').map(([p, e]) => [p, `${e.type}:${e.content}`]));
}

/** Names of `dir` that a synth leaves behind when it did not finish (transient files, old staging directories). */
export function leftovers(dir: string): string[] {
  const found: string[] = [];
  for (const [p] of snapshot(dir)) if (/(^|\/)\.conductor-(tmp|old)-/.test(p)) found.push(p);
  return found;
}
