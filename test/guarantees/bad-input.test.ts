/**
 * Guarantee: bad input gets a ValidationError that names, for every
 * problem at once, the construct path, the field, the rule and the
 * offending value; and nothing is written: a previous output directory
 * stays byte for byte (same inodes, same times), and nothing is left in
 * its parent (no staging or temp directories).
 *
 * The cases are in bad-input.corpus.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as lib from '../../lib';
import { App, Config, Environment, Stack, ValidationError, Workload } from '../../lib';
import type { Problem } from '../../lib';
import { Resource } from '../../lib/model/resource';
import { writeOutput } from '../../lib/synth/writer';
import { defineExamples } from '../../apps';
import { cli, writeApp } from '../cli/support';
import type { ExpectedProblem } from '../support/oracle';
import { tempDir } from '../support/synth';
import { BadInput, CORPUS, Covered } from './bad-input.corpus';
import { snapshot } from './support/tree';

/** A previous, valid output: what a bad synth must leave alone. */
const PREVIOUS = defineExamples(new App()).render().files;

function buildApp(c: BadInput, outdir: string): App {
  const app = new App({ outdir, strict: c.strict });
  const s = new Stack(app, 's');
  c.build(s, app);
  if (s.node.children.length === 0) app.node.tryRemoveChild('s');
  return app;
}

/** How the message shows a value: JSON, cut at 80 characters. */
function shown(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const json = value === undefined ? 'undefined' : JSON.stringify(value);
  return json.length > 80 ? json.slice(0, 77) : json;
}

function matches(p: Problem, e: ExpectedProblem): boolean {
  if (p.path !== e.path || p.field !== e.field || !p.rule.includes(e.rule)) return false;
  if ('value' in e !== 'value' in p) return false;
  return !('value' in e) || Object.is(p.value, e.value) || JSON.stringify(p.value) === JSON.stringify(e.value);
}

/** A temp dir holding `dist/` (the previous output) and a file of the user's beside it. */
function previousOutput(): { root: string; out: string } {
  const root = tempDir('conductor-bad-input-');
  const out = path.join(root, 'dist');
  writeOutput(out, PREVIOUS, { app: 'apps/previous.ts' });
  fs.writeFileSync(path.join(root, 'package.json'), '{}\n');
  return { root, out };
}

test(`the corpus has at least 60 cases (${CORPUS.length})`, () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
});

test('the corpus covers every construct the library exports, and every feature', () => {
  const covered = new Set<string>(CORPUS.flatMap((c) => c.covers));
  const constructs = Object.entries(lib)
    .filter(([, v]) => typeof v === 'function' && (v === App || v === Stack || v === Environment || v.prototype instanceof Resource))
    // Abstract bases: covered through their concrete kinds.
    .filter(([k]) => !['WorkloadBase', 'LongRunningWorkload', 'ReplicatedWorkload', 'RunToCompletion'].includes(k))
    .map(([k]) => k);
  expect(constructs).toEqual(
    expect.arrayContaining(['App', 'Stack', 'Workload', 'StatefulWorkload', 'DaemonWorkload', 'Job', 'CronJob', 'Config', 'Secret', 'Volume']),
  );
  expect(constructs.filter((k) => !covered.has(k))).toEqual([]);
  const features: Covered[] = [
    'ports', 'health', 'resources', 'rollout', 'security', 'placement', 'lifecycle', 'restartPolicy', 'sidecars', 'initContainers',
    'apiAccess', 'mounts', 'env', 'image', 'labels', 'names', 'strict', 'target-error', 'references', 'duplicates', 'runtime',
  ];
  expect(features.filter((f) => !covered.has(f))).toEqual([]);
});

describe.each(CORPUS.map((c) => [c.name, c] as const))('bad input: %s', (_, c) => {
  let root: string;
  let out: string;
  let error: unknown;
  let before: ReturnType<typeof snapshot>;
  let after: ReturnType<typeof snapshot>;

  beforeAll(() => {
    ({ root, out } = previousOutput());
    before = snapshot(root);
    try {
      buildApp(c, out).synth({ outdir: out, ...c.synth });
    } catch (e) {
      error = e;
    }
    after = snapshot(root);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('synth throws a ValidationError', () => {
    expect(error).toBeInstanceOf(ValidationError);
  });

  test('it lists exactly the expected problems, each with path, field, rule and value', () => {
    const problems = [...(error as ValidationError).problems];
    const unmatched: ExpectedProblem[] = [];
    for (const e of c.problems) {
      const i = problems.findIndex((p) => matches(p, e));
      if (i < 0) unmatched.push(e);
      else problems.splice(i, 1);
    }
    expect({ unmatched, unexpected: problems }).toEqual({ unmatched: [], unexpected: [] });
  });

  test('the message has one line per problem naming path, field, rule and value', () => {
    const { message, problems } = error as ValidationError;
    const lines = message.split('\n');
    expect(lines[0]).toBe(`Conductor found ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:`);
    expect(lines).toHaveLength(problems.length + 1);
    for (const e of c.problems) {
      const line = lines.find(
        (l) => l.startsWith(`  - ${e.path}: ${e.field}: `) && l.includes(e.rule) && (!('value' in e) || l.includes(`(got ${shown(e.value)}`)),
      );
      expect({ expected: e, line }).toEqual({ expected: e, line: expect.any(String) });
    }
  });

  test('the previous output and its parent are untouched: same bytes, inodes and times, no temp dirs', () => {
    expect(after).toEqual(before);
    expect(fs.readdirSync(root).sort()).toEqual(['dist', 'package.json']);
  });
});

describe('what the construct tree refuses when the definition runs (before any synth)', () => {
  // The construct tree (constructs) refuses these as the app is defined: the
  // error is thrown at the line that made the construct (the CLI prints that
  // file:line), so no synth runs and nothing is written. Everything the tree
  // cannot see (the same name in two scopes of a stack, derived names) is
  // collected by synth: see the "duplicates" cases of the corpus.
  test.each([
    ['the same name twice in one scope', (a: App) => {
      const s = new Stack(a, 's');
      new Workload(s, 'api', { image: 'busybox:1.36' });
      new Config(s, 'api', { env: { A: 'b' } });
    }, /There is already a Construct with name 'api' in Stack \[s\]/],
    [
      'an empty name',
      (a: App) => new Workload(new Stack(a, 's'), '', { image: 'busybox:1.36' }),
      /^s: id: must be a non-empty string, the name of the new construct \(got ""\)$/,
    ],
    [
      'a name that is not a string',
      (a: App) => new Stack(a, 42 as unknown as string),
      /^\(app\): id: must be a non-empty string, the name of the new construct \(got 42\)$/,
    ],
    ['a workload outside any stack', (a: App) => new Workload(a, 'w', { image: 'busybox:1.36' }), /^w: scope: must be inside a Stack/],
    [
      'an environment inside a stack',
      (a: App) => new Environment(new Stack(a, 's'), 'dev'),
      /^s\/dev: scope: an Environment must be created directly in the App/,
    ],
  ])('%s', (_, define, message) => {
    expect(() => define(new App())).toThrow(message);
  });
});

describe('the CLI: exit 1, every problem on stderr, the previous output untouched', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('conductor-bad-cli-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('many problems in one synth', () => {
    const { root, out } = previousOutput();
    try {
      const app = writeApp(dir, 'bad.ts', `import { App, Config, Stack, Workload } from 'LIB';
const app = new App();
const s = new Stack(app, 'shop');
new Workload(s, 'API', { image: 'Not An Image', replicas: -1, ports: [{ port: 0 }] });
new Config(s, 'cfg', { files: { 'a/b': 'x' } });
new Workload(s, 'web', { image: 'nginx:1.27', resources: { memory: { limit: '1.5 GB' } } }).mountScratch('/tmp').mountScratch('/tmp');
app.synth();
`);
      const before = snapshot(root);
      const r = cli(['synth', '--app', app, '--out', out], { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('conductor: Conductor found 7 problems; nothing was written:\n');
      for (const line of [
        '  - shop/API: name: must be lower case letters',
        '  - shop/API: image: must be an image reference such as "ghcr.io/acme/api:1.4.2"',
        '  - shop/API: replicas: must be a non-negative integer (got -1)',
        '  - shop/API: ports[0].port: must be an integer from 1 to 65535 (got 0)',
        '  - shop/cfg: files["a/b"]: must be one path segment',
        '  - shop/web: resources.memory.limit: must be a whole number with a Kubernetes suffix',
        '  - shop/web: mounts[1].path: must not mount two things at the same path (got "/tmp")',
      ]) expect(r.stderr).toContain(line);
      expect(snapshot(root)).toEqual(before);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('a name twice in one scope: the app stops where it was defined', () => {
    const { root, out } = previousOutput();
    try {
      const app = writeApp(dir, 'dup.ts', `import { App, Stack, Workload } from 'LIB';
const app = new App();
const s = new Stack(app, 'shop');
new Workload(s, 'api', { image: 'busybox:1.36' });
new Workload(s, 'api', { image: 'busybox:1.36' });
app.synth();
`);
      const before = snapshot(root);
      const r = cli(['synth', '--app', app, '--out', out], { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^conductor: the app .*dup\.ts threw at dup\.ts:5: There is already a Construct with name 'api' in Stack \[shop\]/m);
      expect(snapshot(root)).toEqual(before);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
