import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { ComposeImportError } from '../../lib';
import { interpolate } from '../../lib/compose/interpolation';
import { loadComposeText } from '../../lib/compose/loader';
import { parseEnvFile, parseGoDuration, parsePortSpec, ramInBytes, shellSplit } from '../../lib/compose/syntax';
import { dockerStackConfig } from '../support/docker';

/**
 * The loader reads a file the way the docker CLI's stack loader does. Where
 * it can, each test asks the real loader (`docker stack config`) the same
 * question and compares.
 */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-loader-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `docker stack config` of a document written to a file, parsed. */
function dockerLoads(doc: unknown, env: Record<string, string>): any {
  const file = path.join(dir, 'compose.yml');
  fs.writeFileSync(file, typeof doc === 'string' ? doc : stringify(doc));
  const r = dockerStackConfig(file, { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env });
  if (r.status !== 0) throw new Error(r.stderr);
  return parse(r.stdout);
}

const ENV = { NAME: 'web', EMPTY: '', PORT: '8080', TAG: '1.2.3' };
const lookup = (n: string) => (ENV as Record<string, string>)[n];

describe('interpolation, compared with docker stack config', () => {
  const cases: Record<string, string> = {
    plain: 'no variables',
    braced: '${NAME}-svc',
    bare: '$NAME/x',
    escaped: '$$NAME and $${NAME}',
    softDefaultUnset: '${MISSING:-fallback}',
    softDefaultEmpty: '${EMPTY:-fallback}',
    hardDefaultEmpty: '${EMPTY-fallback}',
    hardDefaultUnset: '${MISSING-fallback}',
    requiredSet: '${NAME?must be set}',
    requiredNonEmptySet: '${NAME:?must be set}',
    unsetBlank: 'a${MISSING}b',
    mixedCase: '${name}${Name}',
    // The loader's quirk: a bare name takes a default to the end of the text.
    bareWithDash: '$NAME-suffix',
    bareDefaultUnset: '$MISSING-default rest',
    several: 'http://$NAME:${PORT}/v${TAG}',
    emptyDefault: '${MISSING-}',
  };
  test.each(Object.entries(cases))('%s: %s', (_, text) => {
    const loaded = dockerLoads({ services: { s: { image: 'busybox', environment: { V: text } } } }, ENV);
    const mine = interpolate({ v: text }, lookup).doc.v;
    expect(mine).toEqual(loaded.services.s.environment.V);
  });

  test.each(['$(date)', '${}', 'a $ b', '${NAME', '${NAME:+x}'])('invalid: %s fails in both', (text) => {
    expect(() => dockerLoads({ services: { s: { image: 'busybox', environment: { V: text } } } }, ENV)).toThrow(/invalid interpolation format/);
    expect(() => interpolate({ v: text }, lookup)).toThrow(/invalid interpolation format/);
  });

  test('a required variable fails with its message, naming the key', () => {
    expect(() => dockerLoads({ services: { s: { image: 'busybox:${MISSING?set MISSING}' } } }, ENV)).toThrow(
      /required variable MISSING is missing a value: set MISSING/,
    );
    try {
      loadComposeText('services:\n  s:\n    image: busybox:${MISSING?set MISSING}\n', { file: 'c.yml', dir, environment: ENV });
      throw new Error('no error');
    } catch (e) {
      expect((e as Error).message).toContain('c.yml:3: services.s.image: required variable MISSING is missing a value: set MISSING');
    }
  });

  test('typed values are cast after interpolation (replicas, read_only, published)', () => {
    const text = 'services:\n  s:\n    image: busybox\n    read_only: "${RO}"\n    ports: [{target: 80, published: "${P}"}]\n' +
      '    deploy: {replicas: "${N}"}\n';
    const env = { RO: 'yes', P: '8081', N: '4' };
    const docker = dockerLoads(text, env);
    const mine = loadComposeText(text, { file: 'c.yml', dir, environment: env }).doc.services!.s as any;
    expect(mine.read_only).toBe(true);
    expect(mine.deploy.replicas).toBe(4);
    expect(mine.ports[0].published).toBe(8081);
    expect(docker.services.s.deploy.replicas).toBe(4);
    expect(docker.services.s.read_only).toBe(true);
  });

  test('keys are not interpolated; extension fields are', () => {
    const out = interpolate({ services: { '${NAME}': { image: 'x' } }, 'x-a': '${NAME}' }, lookup).doc as any;
    expect(Object.keys(out.services)).toEqual(['${NAME}']);
    expect(out['x-a']).toBe('web');
  });

  test('an env file adds variables; the environment wins', () => {
    const envFile = path.join(dir, 'vars.env');
    fs.writeFileSync(envFile, '# comment\nTAG=from-file\nONLY_FILE=yes\n');
    const loaded = loadComposeText('services:\n  s:\n    image: busybox:${TAG}\n    environment: {A: "${ONLY_FILE}"}\n', {
      file: 'c.yml',
      dir,
      environment: { TAG: 'from-env' },
      envFile,
    });
    expect((loaded.doc.services!.s as any).image).toBe('busybox:from-env');
    expect((loaded.doc.services!.s as any).environment.A).toBe('yes');
  });
});

describe('command strings are split like the docker CLI (google/shlex)', () => {
  const commands = [
    'nginx -g "daemon off;"',
    "sh -c 'echo done && exit 1'",
    'a "b\\"c" d\\ e',
    'echo a;b|c',
    "mixed'quo'ted\"wo\"rd",
    'arg # a comment',
    'x#not-a-comment',
    '  spaced   out\targs ',
    '"" empty',
    'back\\\\slash "in \\\\ quotes"',
  ];
  test.each(commands)('%s', (command) => {
    const loaded = dockerLoads({ services: { s: { image: 'busybox', command } } }, {});
    expect(shellSplit(command)).toEqual(loaded.services.s.command);
  });

  test('an unclosed quote is an error naming the key', () => {
    expect(() => shellSplit('echo "open')).toThrow(/not closed/);
  });
});

describe('short syntax, compared with docker stack config', () => {
  test('ports', () => {
    const specs = ['80', '8080:80', '127.0.0.1:443:8443', '53:53/udp', '9000-9002:9100-9102', '7000-7001', '[::1]:6001:6001/tcp'];
    const loaded = dockerLoads({ services: { s: { image: 'busybox', ports: specs } } }, {});
    const mine = specs.flatMap((s) => parsePortSpec(s)).map(
      (p) => ({ mode: 'ingress', target: p.target, ...(p.published ? { published: p.published } : {}), protocol: p.protocol }),
    );
    const sort = (xs: any[]) => [...xs].map((x) => JSON.stringify(x, Object.keys(x).sort())).sort();
    expect(sort(mine)).toEqual(sort(loaded.services.s.ports));
  });

  test('bad ports are errors', () => {
    expect(() => parsePortSpec('80-82:90-91')).toThrow(/differ in length/);
    expect(() => parsePortSpec('80-81:90')).toThrow(/one container port/);
    expect(() => parsePortSpec('99999')).toThrow(/above 65535/);
  });

  test('memory sizes (go-units RAMInBytes)', () => {
    const sizes = ['512M', '512m', '1g', '1.5G', '256MiB', '64k', '1073741824', '2gb'];
    const loaded = dockerLoads(
      { services: Object.fromEntries(sizes.map((m, i) => [`s${i}`, { image: 'busybox', deploy: { resources: { limits: { memory: m } } } }])) },
      {},
    );
    sizes.forEach((m, i) => expect(String(ramInBytes(m))).toBe(loaded.services[`s${i}`].deploy.resources.limits.memory));
  });

  test('durations (Go time.ParseDuration)', () => {
    expect(parseGoDuration('1m30s')).toBe(90e9);
    expect(parseGoDuration('1.5s')).toBe(1.5e9);
    expect(parseGoDuration('250ms')).toBe(250e6);
    expect(parseGoDuration('10')).toBeUndefined();
  });

  test('YAML numbers as gopkg.in/yaml.v3 reads them: a leading 0 is octal, _ separates digits', () => {
    const text = 'services:\n  s:\n    image: busybox\n    environment: {A: 0777, B: 1_000, C: 08, D: 1.0}\n';
    const docker = dockerLoads(text, {});
    const mine = loadComposeText(text, { file: 'c.yml', dir }).doc.services!.s as any;
    for (const k of ['A', 'B', 'C', 'D']) expect(String(mine.environment[k])).toBe(docker.services.s.environment[k]);
  });
});

describe('env files (kvfile)', () => {
  test('values are literal; bare names come from the environment', () => {
    const text = '\uFEFF# c\nA=1\n  B="quoted"\nC=\nD\nE\nF=a=b\n\n';
    expect(parseEnvFile(text, (n) => (n === 'D' ? 'from-env' : undefined))).toEqual([
      ['A', '1'],
      ['B', '"quoted"'],
      ['C', ''],
      ['D', 'from-env'],
      ['F', 'a=b'],
    ]);
  });

  test('the same entries as docker stack config', () => {
    fs.writeFileSync(path.join(dir, 'svc.env'), 'A=1\nB="two words"\nC=\nLOOKED_UP\n#x=1\n');
    const loaded = dockerLoads({ services: { s: { image: 'busybox', env_file: ['svc.env'] } } }, { LOOKED_UP: 'yes' });
    const mine = Object.fromEntries(parseEnvFile(fs.readFileSync(path.join(dir, 'svc.env'), 'utf8'), (n) => (n === 'LOOKED_UP' ? 'yes' : undefined)));
    expect(mine).toEqual(loaded.services.s.environment);
  });

  test('a name with blanks is an error', () => {
    expect(() => parseEnvFile('A B=1\n', () => undefined)).toThrow(/line 1: variable name "A B" contains blanks/);
  });
});

describe('versions', () => {
  test.each(['3', '3.0', '3.8', '3.13', 3.9])('accepts %s', (v) => {
    expect(() => loadComposeText(`version: "${v}"\nservices:\n  s:\n    image: busybox\n`, { file: 'c.yml', dir })).not.toThrow();
  });

  test.each(['2.4', '3.14', '1'])('refuses %s', (v) => {
    expect(() => loadComposeText(`version: "${v}"\nservices:\n  s:\n    image: busybox\n`, { file: 'c.yml', dir })).toThrow(ComposeImportError);
    expect(() => loadComposeText(`version: "${v}"\nservices:\n  s:\n    image: busybox\n`, { file: 'c.yml', dir })).toThrow(
      /c\.yml:1: version: Compose file format "[\d.]+" is not supported/,
    );
  });
});
