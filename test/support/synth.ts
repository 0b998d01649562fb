import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from '../../lib';

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: any;
  [k: string]: any;
};

/** A fresh app with one stack, for unit tests. */
export function newStack(name = 'test', props: ConstructorParameters<typeof Stack>[2] = {}): { app: App; stack: Stack } {
  const app = new App({ outdir: path.join(os.tmpdir(), 'conductor-unused') });
  return { app, stack: new Stack(app, name, props) };
}

export function findObject(kube: KubeObject[], kind: string, name: string): KubeObject {
  const o = kube.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name} in ${kube.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
}

/** A temporary directory removed by `cleanup`. */
export function tempDir(prefix = 'conductor-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file under `root`, relative path to bytes. */
export function readTree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(root, p).split(path.sep).join('/'), fs.readFileSync(p));
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}
