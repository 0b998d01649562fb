import * as fs from 'fs';
import * as path from 'path';
import { App, HealthCheck, Secret, Stack, Workload } from '../../lib';
import { reportWarnings } from '../../lib/synth/app';
import { tempDir } from '../support/synth';

function gappyApp(outdir = 'dist'): App {
  const app = new App({ outdir });
  const s = new Stack(app, 's');
  const token = Secret.unsafePlaintext(s, 'token', { value: 'v', acknowledge: 'the value is written to dist in plaintext' });
  new Workload(s, 'w', { image: 'busybox:1.36', ports: [{ port: 80 }], health: { check: HealthCheck.tcp(80) } }).mountSecret(token);
  return app;
}

describe('warnings: target gaps and plaintext secret files', () => {
  test('reportWarnings prints each gap and each file holding a secret value', () => {
    const lines: string[] = [];
    reportWarnings(gappyApp().render(), (l) => lines.push(l));
    expect(lines).toEqual([
      expect.stringMatching(/^warning: s\/w: health\.check: \[swarm\] Swarm health checks run a command .*nc -z 127\.0\.0\.1 80/),
      'WARNING: kubernetes/s/s.k8s.yaml holds a secret value in plain text (Secret.unsafePlaintext); do not commit it',
      'WARNING: swarm/s/secrets/token holds a secret value in plain text (Secret.unsafePlaintext); do not commit it',
    ]);
  });

  test('synth() prints the warnings to stderr', () => {
    const root = tempDir();
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      gappyApp(path.join(root, 'dist')).synth();
      const printed = spy.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain('warning: s/w: health.check: [swarm]');
      expect(printed).toContain('WARNING: swarm/s/secrets/token holds a secret value in plain text');
    } finally {
      spy.mockRestore();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('a clean app prints nothing', () => {
    const app = new App();
    new Workload(new Stack(app, 's'), 'w', { image: 'busybox:1.36' });
    const lines: string[] = [];
    reportWarnings(app.render(), (l) => lines.push(l));
    expect(lines).toEqual([]);
  });
});

describe('render targets', () => {
  test('kubernetes only: no swarm files, and only kubernetes gaps', () => {
    const out = gappyApp().render({ targets: ['kubernetes'] });
    expect([...out.files.keys()].filter((f) => f.startsWith('swarm/'))).toEqual([]);
    expect(out.files.has('kubernetes/s/s.k8s.yaml')).toBe(true);
    expect(out.gaps).toEqual([]);
    expect(out.secretFiles).toEqual(['kubernetes/s/s.k8s.yaml']);
  });

  test('swarm only: no kubernetes files', () => {
    const out = gappyApp().render({ targets: ['swarm'] });
    expect([...out.files.keys()].filter((f) => f.startsWith('kubernetes/'))).toEqual([]);
    expect(out.files.has('swarm/s/compose.yaml')).toBe(true);
    expect(out.gaps.map((g) => g.target)).toEqual(['swarm']);
  });
});
