import * as fs from 'fs';
import * as path from 'path';
import {
  App, Config, Exposure, HealthCheck, Secret, Stack, Volume, Workload,
} from '../../lib';
import { REPO } from '../support/paths';
import { readTree, tempDir } from '../support/synth';

/** A stack with a bit of everything; `reverse` declares it all in the opposite order. */
function define(app: App, reverse = false): void {
  const steps: ((s: Stack) => void)[] = [];
  const s = new Stack(app, 'shop', { labels: { team: 'core', env: 'prod' } });
  steps.push((st) => {
    const cfg = new Config(st, 'cfg', {
      files: reverse ? { 'b.conf': 'b', 'a.conf': 'a' } : { 'a.conf': 'a', 'b.conf': 'b' },
      env: reverse ? { Y: '2', X: '1' } : { X: '1', Y: '2' },
    });
    const pw = Secret.fromExisting(st, 'pw');
    const data = new Volume(st, 'data', { driver: 'local', driverOptions: reverse ? { type: 'nfs', o: 'ro' } : { o: 'ro', type: 'nfs' } });
    new Workload(st, 'api', {
      image: 'ghcr.io/acme/api:1.0',
      env: reverse ? { ZED: 'z', ALPHA: 'a' } : { ALPHA: 'a', ZED: 'z' },
      labels: reverse ? { b: '2', a: '1' } : { a: '1', b: '2' },
      ports: [{ port: 80, exposure: Exposure.LOAD_BALANCER }],
      health: { check: HealthCheck.http('/', { port: 80, swarmCommand: 'wget' }) },
      security: { addCapabilities: reverse ? ['NET_RAW', 'CHOWN'] : ['CHOWN', 'NET_RAW'] },
    }).envFromConfig(cfg).mountConfig(cfg, '/etc/app').envFromSecret('PW', pw).mountVolume('/data', data);
  });
  steps.push((st) => new Workload(st, 'worker', { image: 'ghcr.io/acme/worker:1.0' }).mountScratch('/tmp'));
  steps.push((st) => new Workload(new Stack(st.node.scope!, 'admin'), 'ui', { image: 'ghcr.io/acme/ui:1.0' }));
  for (const step of reverse ? [...steps].reverse() : steps) step(s);
}

function render(reverse = false) {
  const app = new App();
  define(app, reverse);
  return app.render().files;
}

describe('same input, same bytes', () => {
  test('two renders of one app are identical', () => {
    const app = new App();
    define(app);
    expect(app.render().files).toEqual(app.render().files);
  });

  test('two apps built from the same code are identical, file order included', () => {
    const a = render();
    const b = render();
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect(b).toEqual(a);
  });

  test('declaration order does not matter where order is not meaningful', () => {
    expect(render(true)).toEqual(render());
  });

  test('two synths to disk write the same bytes', () => {
    const root = tempDir();
    try {
      for (const dir of ['a', 'b']) {
        const app = new App({ outdir: path.join(root, dir) });
        define(app);
        app.synth();
      }
      expect(readTree(path.join(root, 'b'))).toEqual(readTree(path.join(root, 'a')));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('no absolute paths, no timestamps, no machine details', () => {
  const root = tempDir();
  const outdir = path.join(root, 'out');
  const app = new App({ outdir });
  define(app);
  const files = app.synth()!.files;
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('every output path is relative and stays inside the output dir', () => {
    for (const f of [...files.keys(), ...readTree(outdir).keys()]) {
      expect(f).not.toMatch(/^\/|^[A-Za-z]:|(^|\/)\.\.(\/|$)|\\/);
    }
  });

  test.each([
    ['the output dir', () => outdir],
    ['the temp dir it sits in', () => root],
    ['the working dir', () => process.cwd()],
    ['the repository', () => REPO],
  ])('no file mentions %s', (_, value) => {
    const needle = value();
    expect(needle.length).toBeGreaterThan(4);
    for (const [file, text] of readTree(outdir)) expect({ file, found: text.toString().includes(needle) }).toEqual({ file, found: false });
  });

  test('no timestamps or dates', () => {
    const year = String(new Date().getFullYear());
    for (const [file, text] of readTree(outdir)) {
      const t = text.toString();
      expect({
        file,
        iso: /\d{4}-\d\d-\d\d([T ]\d\d:\d\d)?/.test(t),
        stamp: /creationTimestamp|generated (at|on)|\btimestamp\b|\bdate:/i.test(t),
        year: t.includes(year),
      })
        .toEqual({ file, iso: false, stamp: false, year: false });
    }
  });

  test('swarm config and secret files are referenced by relative paths', () => {
    const compose = files.get('swarm/shop/compose.yaml')!;
    const refs = [...compose.matchAll(/file: (.*)/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r).toMatch(/^\.\/(configs|secrets)\/[^/]+$/);
  });
});
