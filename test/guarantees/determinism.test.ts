/**
 * Guarantee: the same app gives the same bytes, whoever runs it where.
 *
 * The real CLI (`node bin/conductor.js synth`) runs as separate processes
 * from different working directories (with relative and absolute paths),
 * time zones, locales and HOMEs, on the example apps and on an app made of
 * generated models with every feature; the output trees must be identical
 * byte for byte, and hold no absolute path, host name, user name, temp
 * path, date or time. That declaration order which means nothing changes
 * nothing is a property in fuzz.test.ts (and test/synth/determinism.test.ts).
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, writeApp } from '../cli/support';
import { REPO } from '../support/paths';
import { tempDir } from '../support/synth';
import { validApp } from './support/arbitraries';
import type { AppSpec, Ref, StackSpec } from './support/spec';
import { files } from './support/tree';

/** The stacks of several specs in one app, each spec's stacks in environments of their own. */
function combine(specs: AppSpec[]): AppSpec {
  const stacks: StackSpec[] = specs.flatMap((spec, i) => spec.stacks.map((s) => {
    const env = (e: string | undefined) => `f${i}${e ? `-${e}` : ''}`;
    const ref = (r: Ref): Ref => ({ ...r, env: env(r.env) });
    return {
      ...s,
      env: env(s.env),
      workloads: s.workloads.map((w) => ({
        ...w,
        mounts: w.mounts?.map((m) => ('ref' in m ? { ...m, ref: ref(m.ref) } : m)),
        envFromConfig: w.envFromConfig?.map(ref),
        envFromSecret: w.envFromSecret?.map((e) => ({ ...e, secret: ref(e.secret) })),
        networks: w.networks?.map(ref),
      })),
      ingresses: s.ingresses?.map((i) => ({ ...i, tls: i.tls?.map((t) => ({ ...t, secret: ref(t.secret) })) })),
    };
  }));
  return { stacks };
}

let root: string;
let elsewhere: string;
beforeAll(() => {
  root = tempDir('conductor-determinism-');
  elsewhere = path.join(root, 'somewhere', 'else');
  fs.mkdirSync(elsewhere, { recursive: true });
  const specs = fc.sample(validApp, { seed: 7, numRuns: 40 }).filter((s) => !s.targets).slice(0, 12);
  fs.writeFileSync(path.join(root, 'models.json'), JSON.stringify(combine(specs)));
  const spec = path.join(REPO, 'test', 'guarantees', 'support', 'spec').split(path.sep).join('/');
  writeApp(root, 'models.ts', `import { buildApp } from '${spec}';
const spec = require('./models.json');
buildApp(spec).synth();
`);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

// The generated models carry dates, times and short words in their own values ("2024-01-01", "12:30", a workload "vm"):
// only the examples are searched for those.
const APPS = [
  ['the example apps', () => path.join(REPO, 'apps', 'main.ts'), true],
  ['generated models with every feature (12 apps in one)', () => path.join(root, 'models.ts'), false],
] as const;

describe.each(APPS)('%s', (name, appFile, checkDates) => {
  const out = { a: '', b: '' };
  beforeAll(() => {
    const id = name.replace(/\W+/g, '-');
    out.a = path.join(root, `${id}-a`);
    out.b = path.join(elsewhere, `${id}-b`);
    // Run 1: from the repository, absolute paths.
    const a = cli(['synth', '--app', appFile(), '--out', out.a], { cwd: REPO });
    // Run 2: another process, elsewhere, relative paths, another time zone, locale and HOME.
    const b = cli(['synth', '--app', path.relative(elsewhere, appFile()), '--out', path.basename(out.b)], {
      cwd: elsewhere,
      env: { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', HOME: elsewhere, USER: 'someone-else' },
    });
    expect({ a: a.status, b: b.status, errors: [a.stderr, b.stderr].filter((s) => /conductor:/.test(s)) }).toEqual({ a: 0, b: 0, errors: [] });
  }, 120_000);

  test('two processes from different directories write identical bytes', () => {
    const a = files(out.a);
    const b = files(out.b);
    expect(a.size).toBeGreaterThan(5);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [f, bytes] of a) expect({ f, same: bytes.equals(b.get(f)!) }).toEqual({ f, same: true });
  });

  test('no absolute paths, host or user names, temp paths, dates or times in any file', () => {
    // Short or common values ("/tmp", "root") are also what apps legitimately write (a mount at /tmp, nginx's "root").
    const needles = [
      ['the repository', REPO], ['the output dirs', out.a], ['the output dirs', out.b], ['the working dir', elsewhere], ['the temp dir', root],
      ['the system temp dir', os.tmpdir()], ['the home dir', os.homedir()], ['the user name', os.userInfo().username],
    ].filter(([, v]) => v.length >= 6);
    // The host name as a word, however short (this machine's is "vm").
    const host = new RegExp(`(^|[^A-Za-z0-9-])${os.hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9-])`);
    const year = String(new Date().getFullYear());
    for (const [f, bytes] of files(out.a)) {
      const text = bytes.toString('utf8');
      const found = needles.filter(([, v]) => text.includes(v)).map(([what]) => what);
      if ((checkDates || os.hostname().length >= 6) && host.test(text)) found.push('the host name');
      if (checkDates && /\b\d{4}-\d\d-\d\d([T ]\d\d:\d\d)?/.test(text)) found.push('an ISO date');
      if (checkDates && /\b\d\d:\d\d:\d\d\b/.test(text)) found.push('a time of day');
      if (checkDates && new RegExp(`\\b${year}\\b`).test(text)) found.push('this year');
      if (/creationTimestamp|generated (at|on)|\btimestamp\b/i.test(text)) found.push('a timestamp field');
      expect({ f, found }).toEqual({ f, found: [] });
    }
  });
});
