import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../support/paths';
import { readTree, tempDir } from '../support/synth';
import { cli, TWO_STACKS, writeApp } from './support';

let dir: string;
let app: string;
let out: string;
beforeEach(() => {
  dir = tempDir('conductor-check-');
  app = writeApp(dir, 'app.ts', TWO_STACKS);
  out = path.join(dir, 'dist');
  expect(cli(['synth', '--app', app, '--out', out]).status).toBe(0);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const check = (...args: string[]) => cli(['check', '--app', app, '--out', out, ...args]);
const diff = (...args: string[]) => cli(['diff', '--app', app, '--out', out, ...args]);
const rel = (p: string) => path.join(out, p);

describe('conductor check', () => {
  test('exits 0 when the output directory is what the app synthesizes', () => {
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${out} is up to date (9 files)\n`);
    expect(r.status).toBe(0);
  });

  test('exits 1 when stale: the files, a unified diff on stdout, one line on stderr; writes nothing', () => {
    const before = readTree(out);
    // The app now wants 5 replicas of beta/web.
    const stale = cli(['check', '--app', app, '--out', out], { env: { BETA_REPLICAS: '5' } });
    expect(stale.status).toBe(1);
    const o = out.replace(/^\//, '');
    expect(stale.stdout).toContain(`${out} is stale: 3 files differ from what ${app} synthesizes:`);
    expect(stale.stdout).toMatch(new RegExp(`^  changed  ${rel('beta.md')} +\\+2 -2$`, 'm'));
    expect(stale.stdout).toMatch(new RegExp(`^  changed  ${rel('kubernetes/beta/beta.k8s.yaml')} +\\+1 -1$`, 'm'));
    expect(stale.stdout).toMatch(new RegExp(`^  changed  ${rel('swarm/beta/compose.yaml')} +\\+1 -1$`, 'm'));
    expect(stale.stdout).toContain(`--- a/${o}/kubernetes/beta/beta.k8s.yaml\n+++ b/${o}/kubernetes/beta/beta.k8s.yaml\n@@ `);
    expect(stale.stdout).toMatch(/^- {2}replicas: 2\n\+ {2}replicas: 5$/m);
    expect(stale.stderr).toBe(
      `conductor: ${out} is stale (3 changed, 0 added, 0 removed): run \`npx conductor synth --app ${app} --out ${out}\` and commit the result\n`,
    );
    expect(readTree(out)).toEqual(before);
  });

  test('synth --check is check', () => {
    fs.appendFileSync(rel('alpha.md'), 'x\n');
    const a = check();
    const b = cli(['synth', '--check', '--app', app, '--out', out]);
    expect(b).toEqual(a);
    expect(a.status).toBe(1);
  });

  test('reports added and missing files; keeps files the app did not write', () => {
    fs.writeFileSync(rel('kubernetes/extra.yaml'), 'kind: Leftover\n');
    fs.rmSync(rel('swarm/alpha/compose.yaml'));
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^  added    ${rel('swarm/alpha/compose.yaml')} +\\+\\d+ -0$`, 'm'));
    expect(r.stdout).not.toContain('extra.yaml');
    expect(r.stdout).toContain('--- /dev/null');
  });

  test('a directory whose marker is missing is refused, as synth refuses it', () => {
    fs.rmSync(rel('.conductor-output'));
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^conductor: refusing to write into .*dist: it is not empty and was not written by conductor/);
  });

  test('a missing output directory is stale', () => {
    fs.rmSync(out, { recursive: true });
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('(0 changed, 10 added, 0 removed)');
  });

  test('a long patch is cut per file and points to conductor diff', () => {
    fs.writeFileSync(rel('alpha.md'), Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n'));
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\.\.\. \(\d+ more lines of this file; run `conductor diff` for all\)/);
  });

  test('files that differ only in line endings are named as such', () => {
    const f = rel('swarm/alpha/compose.yaml');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/\n/g, '\r\n'));
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^  changed  ${f} +line endings only$`, 'm'));
    expect(r.stdout).toContain('Add "dist/** -text" to .gitattributes');
  });

  test('--stack narrows the check to that stack', () => {
    fs.appendFileSync(rel('swarm/beta/compose.yaml'), '# edit\n');
    expect(check('--stack', 'alpha').status).toBe(0);
    expect(check('--stack', 'beta').status).toBe(1);
    expect(check('--target', 'kubernetes').status).toBe(0);
  });

  test('prints a GitHub Actions error annotation under GitHub Actions', () => {
    fs.appendFileSync(rel('alpha.md'), 'x\n');
    const r = cli(['check', '--app', app, '--out', out], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.stdout).toMatch(/^::error title=conductor check::.* is stale \(1 changed, 0 added, 0 removed\)/m);
  });

  test('the committed dist/ of this repository is up to date (the CI gate)', () => {
    const r = cli(['check'], { cwd: REPO });
    expect(r.stdout.split('\n')[0]).toMatch(/^dist is up to date \(\d+ files\)$/);
    expect(r.status).toBe(0);
  });
});

describe('conductor diff', () => {
  test('says so when nothing would change', () => {
    const r = diff();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${out} is up to date: synth would change nothing\n`);
  });

  test('lists each file with its change and size, then the whole unified diff; exit 0; writes nothing', () => {
    fs.writeFileSync(rel('alpha.md'), Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n'));
    fs.writeFileSync(rel('stray.txt'), 'stray\n');
    const before = readTree(out);
    const r = diff();
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^  changed  ${rel('alpha.md')} +\\+\\d+ -200$`));
    // stray.txt is not the app's: synth keeps it.
    expect(lines[1]).toBe(`synth would change 1 file in ${out} (1 changed, 0 added, 0 removed)`);
    expect(r.stdout).toContain('-line 199');
    expect(r.stdout).not.toContain('more lines of this file');
    expect(readTree(out)).toEqual(before);
  });

  test('--stat lists the files only', () => {
    fs.appendFileSync(rel('alpha.md'), 'x\n');
    const r = diff('--stat');
    expect(r.stdout).toBe(`  changed  ${rel('alpha.md')}  +0 -1\nsynth would change 1 file in ${out} (1 changed, 0 added, 0 removed)\n`);
  });
});
