import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { App } from '../../lib';
import { defineExamples } from '../../apps';
import { kustomizeBuild } from '../support/kubectl';
import { readTree, tempDir } from '../support/synth';
import { cli, errors, TWO_STACKS, writeApp } from './support';

// What the examples synthesize, in process: the reference for the CLI's output.
const expected = defineExamples(new App()).render().files;
const stackNames = [...new Set(defineExamples(new App()).stacks.map((s) => s.stackName))].sort();
// Stacks outside any environment: the top-level kubernetes/kustomization.yaml lists these.
const topLevel = [...expected.keys()].flatMap((f) => /^kubernetes\/([^/]+)\/kustomization\.yaml$/.exec(f)?.[1] ?? []).sort();

let dir: string;
beforeEach(() => {
  dir = tempDir('conductor-cli-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const text = (tree: Map<string, Buffer>) => new Map([...tree].map(([k, v]) => [k, v.toString()]));

describe('conductor synth', () => {
  test('writes exactly what the app renders, plus the marker, and exits 0', () => {
    const out = path.join(dir, 'dist');
    const r = cli(['synth', '--out', out]);
    expect(errors(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    const written = text(readTree(out));
    expect(written.get('.conductor-output')).toMatch(/conductor synth/);
    written.delete('.conductor-output');
    expect([...written.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) expect({ file, content: written.get(file) }).toEqual({ file, content });
  });

  test('prints a summary per stack: objects per kind, Swarm services, output paths, and the totals', () => {
    const out = path.join(dir, 'dist');
    const r = cli(['synth', '--out', out]);
    expect(r.stdout).toContain(
      `web: kubernetes 1 Namespace, 1 ConfigMap, 1 Service, 1 Deployment; swarm 1 service\n`
        + `  ${out}/kubernetes/web/  ${out}/swarm/web/compose.yaml  ${out}/web.md`,
    );
    expect(r.stdout).toContain(
      `dev/catalog: kubernetes 1 Namespace, 1 ConfigMap, 2 Service, 2 Deployment; swarm 2 services\n` +
        `  ${out}/dev/kubernetes/catalog/  ${out}/dev/swarm/catalog/compose.yaml  ${out}/dev/catalog.md`,
    );
    expect(r.stdout).toContain(`wrote ${out}: ${expected.size} files, 0 changed, ${expected.size} added, 0 removed`);
    for (const s of stackNames) expect(r.stdout).toMatch(new RegExp(`^(\\w+/)?${s}: kubernetes \\d+ Namespace`, 'm'));
    // A second synth reports that nothing changed.
    expect(cli(['synth', '--out', out]).stdout).toContain(`wrote ${out}: ${expected.size} files, no changes`);
  });

  test('counts warnings per stack and prints each on stderr', () => {
    const app = writeApp(dir, 'gap.ts', `import { App, Stack, Workload, HealthCheck } from 'LIB';
const app = new App();
new Workload(new Stack(app, 'gappy'), 'web', {
  image: 'nginx:1.27', ports: [{ port: 8080 }], health: { check: HealthCheck.http('/', { port: 8080 }) },
});
app.synth();
`);
    const r = cli(['synth', '--app', app, '--out', path.join(dir, 'out')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^gappy: .*; 1 warning$/m);
    expect(r.stderr).toMatch(/^warning: gappy\/web: health\.check: \[swarm\] .*wget/m);
  });

  test('prints a relaxation made through Swarm.override as SECURITY RISK, counts it and lists it in <stack>.md', () => {
    const app = writeApp(dir, 'hatch.ts', `import { App, Stack, Swarm, Workload } from 'LIB';
const app = new App();
const w = new Workload(new Stack(app, 'hatched'), 'web', { image: 'nginx:1.27' });
Swarm.override(w, { image: 'nginx:1.27.1', privileged: true });
app.synth();
`);
    const out = path.join(dir, 'out');
    const r = cli(['synth', '--app', app, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^hatched: .*; 1 security risk$/m);
    const risks = r.stderr.split('\n').filter((l) => l.startsWith('SECURITY RISK: '));
    expect(risks).toEqual(['SECURITY RISK: hatched/web: Swarm.override.privileged: runs privileged: every capability and every device of the node']);
    expect(fs.readFileSync(path.join(out, 'hatched.md'), 'utf8'))
      .toContain('- `web` Swarm.override.privileged: runs privileged: every capability and every device of the node');
  });

  describe('--stack, --target and --env keep every other file byte for byte', () => {
    let out: string;
    let before: Map<string, string>;
    const tamper = (rel: string) => fs.appendFileSync(path.join(out, rel), '# hand edit\n');
    const read = (rel: string) => fs.readFileSync(path.join(out, rel), 'utf8');

    beforeEach(() => {
      out = path.join(dir, 'dist');
      expect(cli(['synth', '--out', out]).status).toBe(0);
      before = text(readTree(out));
    });

    test('--stack web regenerates only web (both targets and web.md)', () => {
      for (const f of [
        'kubernetes/web/web.k8s.yaml',
        'swarm/web/compose.yaml',
        'web.md',
        'swarm/shop/compose.yaml',
        'shop.md',
        'prod/catalog.md',
      ]) tamper(f);
      const r = cli(['synth', '--stack', 'web', '--out', out]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^web: /m);
      expect(r.stdout).not.toMatch(/^shop: /m);
      for (const f of ['kubernetes/web/web.k8s.yaml', 'swarm/web/compose.yaml', 'web.md']) expect(read(f)).toBe(before.get(f));
      for (const f of ['swarm/shop/compose.yaml', 'shop.md', 'prod/catalog.md']) expect(read(f)).toBe(`${before.get(f)}# hand edit\n`);
      const after = text(readTree(out));
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      expect(parse(read('kubernetes/kustomization.yaml')).resources).toEqual(topLevel);
    });

    test('--target swarm regenerates only the Swarm files (and the stack summaries)', () => {
      for (const f of [
        'kubernetes/web/web.k8s.yaml',
        'kubernetes/kustomization.yaml',
        'swarm/web/compose.yaml',
        'dev/swarm/catalog/compose.yaml',
      ]) tamper(f);
      fs.rmSync(path.join(out, 'swarm', 'shop', 'configs'), { recursive: true });
      const r = cli(['synth', '--target', 'swarm', '--out', out]);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('kubernetes ');
      for (const f of ['kubernetes/web/web.k8s.yaml', 'kubernetes/kustomization.yaml']) expect(read(f)).toBe(`${before.get(f)}# hand edit\n`);
      for (const f of [...before.keys()].filter((k) => /(^|\/)swarm\//.test(k))) expect(read(f)).toBe(before.get(f));
    });

    test('--env dev regenerates only dist/dev', () => {
      for (const f of ['dev/catalog.md', 'dev/kubernetes/catalog/catalog.k8s.yaml', 'prod/catalog.md', 'web.md']) tamper(f);
      const r = cli(['synth', '--env', 'dev', '--out', out]);
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n').filter((l) => /^\S+: /.test(l)).map((l) => l.split(':')[0])).toEqual(['dev/catalog']);
      for (const f of ['dev/catalog.md', 'dev/kubernetes/catalog/catalog.k8s.yaml']) expect(read(f)).toBe(before.get(f));
      for (const f of ['prod/catalog.md', 'web.md']) expect(read(f)).toBe(`${before.get(f)}# hand edit\n`);
    });

    test('files the app did not write (a hand-made stack directory) are kept and listed by scoped and full synths', () => {
      fs.mkdirSync(path.join(out, 'kubernetes', 'gone'));
      fs.writeFileSync(path.join(out, 'kubernetes', 'gone', 'kustomization.yaml'), 'resources: []\n');
      fs.writeFileSync(path.join(out, 'gone.md'), '# gone\n');
      const scoped = cli(['synth', '--stack', 'web', '--out', out]);
      expect(scoped.status).toBe(0);
      expect(scoped.stdout).toContain(`kept 2 files not written by conductor in ${out}: gone.md, kubernetes/gone/kustomization.yaml`);
      // The index lists the app's stacks only.
      expect(parse(read('kubernetes/kustomization.yaml')).resources).toEqual(topLevel);
      const full = cli(['synth', '--out', out]);
      expect(full.status).toBe(0);
      expect(full.stdout).toContain(`kept 2 files not written by conductor in ${out}`);
      expect(read('gone.md')).toBe('# gone\n');
      const after = text(readTree(out));
      after.delete('gone.md');
      after.delete('kubernetes/gone/kustomization.yaml');
      expect(after).toEqual(before);
    });
  });

  test('a first --stack synth into an empty directory writes that stack and an index that kubectl kustomize builds', () => {
    const out = path.join(dir, 'dist');
    const r = cli(['synth', '--stack', 'shop', '--target', 'kubernetes', '--out', out]);
    expect(r.status).toBe(0);
    expect([...readTree(out).keys()].sort()).toEqual([
      '.conductor-output', 'kubernetes/kustomization.yaml', 'kubernetes/shop/kustomization.yaml', 'kubernetes/shop/shop.k8s.yaml', 'shop.md',
    ]);
    const built = kustomizeBuild(path.join(out, 'kubernetes'));
    expect(built.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toContain('api');
  });

  test('several stacks at once: --stack a,b', () => {
    const out = path.join(dir, 'dist');
    expect(cli(['synth', '--stack', 'web,shop', '--out', out]).status).toBe(0);
    expect([...readTree(out).keys()].filter((f) => f.endsWith('.md')).sort()).toEqual(['shop.md', 'web.md']);
  });

  test('an unknown stack or environment is an error (exit 1) and nothing is written', () => {
    const out = path.join(dir, 'dist');
    const r = cli(['synth', '--stack', 'nope', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`(app): stacks: no stack named "nope" (stacks: ${stackNames.join(', ')})`);
    const e = cli(['synth', '--env', 'staging', '--out', out]);
    expect(e.status).toBe(1);
    expect(e.stderr).toContain('(app): environments: no environment named "staging" (environments: dev, prod)');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a failing synth leaves the previous output untouched', () => {
    const app = writeApp(dir, 'app.ts', TWO_STACKS);
    const out = path.join(dir, 'out');
    expect(cli(['synth', '--app', app, '--out', out]).status).toBe(0);
    const before = readTree(out);
    const r = cli(['synth', '--app', app, '--out', out], { env: { BETA_REPLICAS: '-1' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('beta/web: replicas: must be a non-negative integer (got -1)');
    expect(readTree(out)).toEqual(before);
  });

  test('the App\'s outdir is the default output directory, relative to the working directory', () => {
    const app = writeApp(dir, 'app.ts', TWO_STACKS);
    const r = cli(['synth', '--app', 'app.ts'], { cwd: dir, env: { OUT: 'generated' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('wrote generated: 9 files');
    expect(fs.existsSync(path.join(dir, 'generated', 'alpha.md'))).toBe(true);
    expect(app).toBeDefined();
  });

  test('usage errors exit 2 with one line', () => {
    for (const args of [
      ['synth', '--target', 'k8s'],
      ['synth', '--bogus'],
      ['frobnicate'],
      ['synth', '--stack'],
      ['synth', 'extra'],
      ['graph', '--out', 'x'],
      [],
    ]) {
      const r = cli(args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      if (args.length > 0) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(cli(['--help']).status).toBe(0);
    expect(cli(['--help']).stdout).toContain('Exit codes: 0 ok; 1 validation, app or output error, stale output (check, deploy,');
  });
});
