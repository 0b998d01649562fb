/**
 * Guarantee: no secret value reaches the output directory, in any file or
 * encoding, unless the app opts in with `Secret.unsafePlaintext`; and that
 * opt-in writes the value only where it must (the stack's Secret object on
 * Kubernetes, the `secrets/<name>` file beside the Swarm stack file) and
 * prints a warning naming each of those files.
 *
 * The apps run through the real CLI (`node bin/conductor.js synth`), with
 * canary values in the environment of the process under every name the
 * apps use (a library that read them would write them somewhere).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { App, Secret, Stack, ValidationError, Workload } from '../../lib';
import { cli, writeApp } from '../cli/support';
import { REPO } from '../support/paths';
import { tempDir } from '../support/synth';
import { encodings, findCanaries, findInText } from './support/canary';
import { files } from './support/tree';

const CANARIES = {
  DB_PASSWORD: 'cnryDbPw7Qk2mZp9LwT4v',
  POSTGRES_PASSWORD: 'cnryPgPw3Hs8Rt1Yx6Nb0',
  DATABASE_PASSWORD: 'cnryDatabase5Fj2Ku9Lq',
  API_TOKEN: 'cnryApiTok8Wv4Ce6Zs1M',
  DB_PASSWORD_FILE: 'cnryFilePath2Gd7Jr5Xp',
  'db-password': 'cnryDashName4Pm8Tq3Vw',
  'postgres-password': 'cnryPgDash9Kb1Nd6Hs2Z',
  TOKEN: 'cnryToken6Ly3Wq8Fc5Rj',
} as const;
const IN_THE_SHELL = Object.values(CANARIES);
const PLAINTEXT = 'cnryOptIn1Zx9Vb4Nm7Qw';
const IMAGE = 'busybox:1.36';

let dir: string;
beforeAll(() => {
  dir = tempDir('conductor-secrets-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `conductor synth` of `app` into a fresh directory, with the canaries in its environment. */
function synth(app: string, name: string) {
  const out = path.join(dir, name);
  const r = cli(['synth', '--app', app, '--out', out], { cwd: dir, env: CANARIES });
  return { out, ...r };
}

test('the encodings searched include base64 at every alignment, URL-safe base64 and hex', () => {
  // "?>?>" encodes to "Pz4/Pj" with a "/": its URL-safe form differs.
  const value = '?>?>s3cr3t?>?>value';
  const names = encodings(value).map((e) => e.name);
  expect(names).toEqual(
    expect.arrayContaining([
      'value',
      'value hex',
      'value HEX',
      'value base64@0',
      'value base64@1',
      'value base64@2',
      'value base64url@0',
      'piece',
      'piece base64@2',
    ]),
  );
  // Found inside a longer blob, whatever bytes come before it, in each encoding.
  for (const prefix of ['', 'x', 'xy', 'xyz']) {
    const bytes = Buffer.from(`${prefix}${value} and more`);
    for (const blob of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]) {
      expect(encodings(value).some((e) => blob.includes(e.needle))).toBe(true);
    }
  }
});

describe('without the opt-in, no secret value is anywhere in the output', () => {
  test('every example app (apps/main.ts: web, shop, marketplace, the environments)', () => {
    const r = synth(path.join(REPO, 'apps', 'main.ts'), 'examples');
    expect(r.status).toBe(0);
    expect(files(r.out).size).toBeGreaterThan(20);
    expect(findCanaries(r.out, IN_THE_SHELL)).toEqual([]);
    expect(findInText('stdout+stderr', r.stdout + r.stderr, IN_THE_SHELL)).toEqual([]);
    expect(r.stderr).not.toMatch(/plain text/);
  });

  test('every secret feature by reference: fromExisting with custom keys, envFromSecret, mountSecret, on every kind, in an environment', () => {
    const app = writeApp(dir, 'references.ts', `import {
  App, CronJob, CronJobOnSwarm, DaemonWorkload, Environment, Job, Secret, Stack, StatefulWorkload, Workload,
} from 'LIB';
const app = new App();
for (const scope of [app, new Environment(app, 'prod')]) {
  const s = new Stack(scope, 'vault');
  const db = Secret.fromExisting(s, 'db-password');
  const pg = Secret.fromExisting(s, 'postgres-password', { key: 'password' });
  const tls = Secret.fromExisting(s, 'tls', { key: 'tls.key' });
  const api = Secret.fromExisting(s, 'api-token', { key: 'token' });
  new Workload(s, 'web', { image: '${IMAGE}' })
    .envFromSecret('DB_PASSWORD', db).envFromSecret('API_TOKEN', api).mountSecret(tls, { path: '/etc/tls/tls.key' });
  new StatefulWorkload(s, 'db', { image: '${IMAGE}', ports: [{ port: 5432 }] }).envFromSecret('POSTGRES_PASSWORD', pg).mountSecret(db);
  new DaemonWorkload(s, 'agent', { image: '${IMAGE}' }).mountSecret(api);
  new Job(s, 'migrate', { image: '${IMAGE}' }).envFromSecret('DATABASE_PASSWORD', db);
  new CronJob(s, 'report', { image: '${IMAGE}', schedule: '0 2 * * *', onSwarm: CronJobOnSwarm.SWARM_CRONJOB })
    .envFromSecret('TOKEN', api).mountSecret(tls);
}
app.synth();
`);
    const r = synth(app, 'references');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The references are there, by name and key only.
    const k8s = fs.readFileSync(path.join(r.out, 'kubernetes', 'vault', 'vault.k8s.yaml'), 'utf8');
    expect(k8s).toContain('secretKeyRef');
    expect(k8s).not.toMatch(/^kind: Secret$/m);
    expect(fs.readFileSync(path.join(r.out, 'swarm', 'vault', 'compose.yaml'), 'utf8')).toMatch(/DB_PASSWORD_FILE: \/run\/secrets\/db-password/);
    expect(findCanaries(r.out, IN_THE_SHELL)).toEqual([]);
    expect(findInText('stdout+stderr', r.stdout + r.stderr, IN_THE_SHELL)).toEqual([]);
  });
});

describe('with the opt-in (Secret.unsafePlaintext), the value is only where it must be, and synth says where', () => {
  let r: ReturnType<typeof synth>;
  beforeAll(() => {
    const app = writeApp(dir, 'plaintext.ts', `import { App, Environment, Job, Secret, Stack, Workload } from 'LIB';
const app = new App();
const leaky = new Stack(app, 'leaky');
const token = Secret.unsafePlaintext(leaky, 'token', { value: '${PLAINTEXT}', acknowledge: 'the value is written to dist in plaintext' });
new Workload(leaky, 'web', { image: '${IMAGE}' }).envFromSecret('TOKEN', token).mountSecret(token, { path: '/etc/app/token' });
new Job(leaky, 'once', { image: '${IMAGE}' }).mountSecret(token);
// Beside it, stacks that only refer to a secret of the same name.
const clean = new Stack(app, 'clean');
new Workload(clean, 'web', { image: '${IMAGE}' }).envFromSecret('TOKEN', Secret.fromExisting(clean, 'token'));
const dev = new Stack(new Environment(app, 'dev'), 'leaky');
new Workload(dev, 'web', { image: '${IMAGE}' }).envFromSecret('TOKEN', Secret.fromExisting(dev, 'token'));
app.synth();
`);
    r = synth(app, 'plaintext');
  });

  test('synth succeeds', () => {
    expect(r.status).toBe(0);
  });

  test('the value is in exactly two files, as is (no encoding of it anywhere)', () => {
    const sightings = findCanaries(r.out, [PLAINTEXT]);
    expect([...new Set(sightings.map((s) => s.file))].sort()).toEqual([
      'kubernetes/leaky/leaky.k8s.yaml',
      expect.stringMatching(/^swarm\/leaky\/secrets\/token$/),
    ]);
    expect(sightings.filter((s) => !['value', 'piece'].includes(s.encoding))).toEqual([]);
  });

  test('Kubernetes: only in the Secret object; Swarm: only in the secret file, which holds nothing else', () => {
    const objects = parseAllDocuments(fs.readFileSync(path.join(r.out, 'kubernetes', 'leaky', 'leaky.k8s.yaml'), 'utf8')).map((d) => d.toJSON());
    const holding = objects.filter((o) => JSON.stringify(o).includes(PLAINTEXT));
    expect(holding.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/token']);
    expect(holding[0].stringData).toEqual({ value: PLAINTEXT });
    expect(fs.readFileSync(path.join(r.out, 'swarm', 'leaky', 'secrets', 'token'), 'utf8')).toBe(PLAINTEXT);
    expect(fs.readFileSync(path.join(r.out, 'swarm', 'leaky', 'compose.yaml'), 'utf8')).not.toContain(PLAINTEXT);
  });

  test('a warning on stderr names each file that holds the value, and only those', () => {
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('WARNING:'));
    expect(warnings).toEqual([
      'WARNING: kubernetes/leaky/leaky.k8s.yaml holds a secret value in plain text (Secret.unsafePlaintext); do not commit it',
      'WARNING: swarm/leaky/secrets/token holds a secret value in plain text (Secret.unsafePlaintext); do not commit it',
    ]);
    const named = warnings.map((w) => w.split(' ')[1]).sort();
    expect(named).toEqual([...new Set(findCanaries(r.out, [PLAINTEXT]).map((s) => s.file))].sort());
  });

  test('the value is not on stdout or stderr (the summary, the warnings)', () => {
    expect(findInText('stdout+stderr', r.stdout + r.stderr, [PLAINTEXT])).toEqual([]);
  });

  test('the stacks that only refer to a secret of that name hold nothing of it', () => {
    for (const f of files(r.out).keys()) {
      if (f.startsWith('kubernetes/leaky/') || f.startsWith('swarm/leaky/')) continue;
      expect({ f, found: findCanaries(r.out, [PLAINTEXT]).filter((s) => s.file === f) }).toEqual({ f, found: [] });
    }
  });
});

describe('error messages never show a secret value', () => {
  test('a ValidationError about a plaintext secret names the secret, not its value', () => {
    const app = new App();
    const s = new Stack(app, 's');
    const bad = Secret.unsafePlaintext(s, 'Bad_Name', { value: PLAINTEXT, acknowledge: 'yes' as never });
    new Workload(s, 'w', { image: IMAGE, replicas: -1 }).envFromSecret('1BAD', bad).mountSecret(bad, { path: 'relative' });
    let error: unknown;
    try {
      app.render();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.length).toBeGreaterThan(3);
    expect(findInText('message', (error as ValidationError).message, [PLAINTEXT])).toEqual([]);
    expect(findInText('problems', JSON.stringify((error as ValidationError).problems), [PLAINTEXT])).toEqual([]);
  });

  test('conductor check and diff of a changed plaintext secret do not print the values', () => {
    const write = (value: string) => writeApp(dir, 'rotating.ts', `import { App, Secret, Stack, Workload } from 'LIB';
const app = new App();
const s = new Stack(app, 's');
new Workload(s, 'w', { image: '${IMAGE}' })
  .mountSecret(Secret.unsafePlaintext(s, 'token', { value: '${value}', acknowledge: 'the value is written to dist in plaintext' }));
app.synth();
`);
    const out = path.join(dir, 'rotating');
    const app = write(PLAINTEXT);
    expect(cli(['synth', '--app', app, '--out', out], { cwd: dir }).status).toBe(0);
    const NEXT = 'cnryRotated5Tg8Hw2Dk4';
    write(NEXT);
    const check = cli(['check', '--app', app, '--out', out], { cwd: dir });
    const diff = cli(['diff', '--app', app, '--out', out], { cwd: dir });
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('swarm/s/secrets/token');
    expect(findInText('check', check.stdout + check.stderr, [PLAINTEXT, NEXT])).toEqual([]);
    expect(findInText('diff', diff.stdout + diff.stderr, [PLAINTEXT, NEXT])).toEqual([]);
  });
});
