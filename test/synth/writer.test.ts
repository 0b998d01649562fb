import * as fs from 'fs';
import * as path from 'path';
import { App, Config, Kubernetes, OutputError, Stack, ValidationError, Workload } from '../../lib';
import { appIdentity } from '../../lib/synth/output-marker';
import { writeOutput } from '../../lib/synth/writer';
import { readTree, tempDir } from '../support/synth';

let root: string;
beforeEach(() => {
  root = tempDir();
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function app(outdir: string, stacks: string[] = ['one', 'two'], image = 'busybox:1.36'): App {
  const a = new App({ outdir });
  for (const name of stacks) {
    const s = new Stack(a, name);
    const cfg = new Config(s, 'cfg', { files: { 'app.conf': `stack ${name}\n` } });
    new Workload(s, 'w', { image }).mountConfig(cfg, '/etc/app');
  }
  return a;
}

/** The old tree and everything beside it, byte for byte. */
const snapshot = () => readTree(root);

describe('the output directory is written as one transaction', () => {
  test('synth writes the tree and a .conductor-output marker', () => {
    const out = path.join(root, 'dist');
    app(out).synth();
    const files = [...readTree(out).keys()].sort();
    expect(files).toContain('.conductor-output');
    expect(files).toContain('kubernetes/one/one.k8s.yaml');
    expect(files.some((f) => /^swarm\/two\/configs\/cfg-app-conf-[0-9a-f]{10}\.conf$/.test(f))).toBe(true);
  });

  test('a synth that fails validation leaves the previous output byte for byte and no temp dirs', () => {
    const out = path.join(root, 'dist');
    app(out).synth();
    const before = snapshot();
    expect(() => app(out, ['one', 'two'], 'Bad Image').synth()).toThrow(ValidationError);
    expect(snapshot()).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a synth that fails while rendering leaves the previous output as it was', () => {
    const out = path.join(root, 'dist');
    app(out).synth();
    const before = snapshot();
    const broken = app(out);
    const w = broken.node.findAll().find((c): c is Workload => c instanceof Workload)!;
    Kubernetes.customize(w, () => {
      throw new Error('customizer failed');
    });
    expect(() => broken.synth()).toThrow('customizer failed');
    expect(snapshot()).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a write that fails half-way leaves the previous output and removes its staging dir', () => {
    const out = path.join(root, 'dist');
    app(out).synth();
    const before = snapshot();
    // "a" is a file and also a directory: the second write fails after the first succeeded.
    const files = new Map([['a', 'x'], ['a/b', 'y']]);
    expect(() => writeOutput(out, files, { app: appIdentity(process.argv[1]), takeOver: true })).toThrow(OutputError);
    expect(snapshot()).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a successful synth prunes the files of removed stacks and keeps files it did not write', () => {
    const out = path.join(root, 'dist');
    app(out, ['one', 'two']).synth();
    fs.writeFileSync(path.join(out, 'swarm', 'one', 'stray.txt'), 'left over');
    app(out, ['one']).synth();
    const files = [...readTree(out).keys()];
    expect(files.filter((f) => f.includes('two'))).toEqual([]);
    expect(files).toContain('swarm/one/stray.txt');
    expect(files).toContain('kubernetes/one/one.k8s.yaml');
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('an old config file disappears when its content (so its hashed name) changes', () => {
    const out = path.join(root, 'dist');
    app(out, ['one']).synth();
    const oldConfigs = [...readTree(out).keys()].filter((f) => f.startsWith('swarm/one/configs/'));
    const changed = new App({ outdir: out });
    const s = new Stack(changed, 'one');
    new Workload(s, 'w', { image: 'busybox:1.36' }).mountConfig(new Config(s, 'cfg', { files: { 'app.conf': 'changed\n' } }), '/etc/app');
    changed.synth();
    const newConfigs = [...readTree(out).keys()].filter((f) => f.startsWith('swarm/one/configs/'));
    expect(newConfigs).toHaveLength(1);
    expect(newConfigs).not.toEqual(oldConfigs);
  });

  test('a non-empty directory without the marker is refused and left alone', () => {
    const out = path.join(root, 'project');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'package.json'), '{}');
    const before = snapshot();
    expect(() => app(out).synth()).toThrow(OutputError);
    expect(() => app(out).synth()).toThrow(/refusing to write into .*project: it is not empty and was not written by conductor \(no \.conductor-output file\); choose another --out/);
    expect(snapshot()).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['project']);
  });

  test('an empty existing directory is used', () => {
    const out = path.join(root, 'dist');
    fs.mkdirSync(out);
    app(out).synth();
    expect(readTree(out).has('.conductor-output')).toBe(true);
  });

  test('a file where the directory should be is refused', () => {
    const out = path.join(root, 'dist');
    fs.writeFileSync(out, 'not a directory');
    expect(() => app(out).synth()).toThrow(OutputError);
    expect(fs.readFileSync(out, 'utf8')).toBe('not a directory');
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('synth(outdir) overrides the App outdir; missing parents are created', () => {
    const out = path.join(root, 'deep', 'er', 'dist');
    app(path.join(root, 'unused')).synth({ outdir: out });
    expect(readTree(out).has('kubernetes/kustomization.yaml')).toBe(true);
    expect(fs.existsSync(path.join(root, 'unused'))).toBe(false);
  });
});
