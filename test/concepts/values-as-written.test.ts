import { parse } from 'yaml';
import { Config, Secret, Swarm, Volume, Workload } from '../../lib';
import type { ComposeFile } from '../../lib/swarm/compose-types';
import { renderChecked, stackConfig } from '../support/oracle';
import { expandLikeSwarm } from '../support/swarm-template';
import { findObject, newStack } from '../support/synth';

// ---- Kubernetes output
describe('Kubernetes $(VAR) expansion', () => {
  test('command, args and env values are literal: every $ is doubled, which the kubelet turns back into $', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', {
      image: 'busybox:1.36',
      command: ['sh', '-c'],
      args: ['echo $HOME $(date) $$'],
      env: { GREETING: 'cost: $(PRICE) $5' },
      sidecars: [{ name: 'side', image: 'busybox:1.36', args: ['echo $PATH'], env: { X: '$(Y)' } }],
    });
    const { kube, compose } = renderChecked(app);
    const [main, side] = findObject(kube, 'Deployment', 'w').spec.template.spec.containers;
    expect(main.args).toEqual(['echo $$HOME $$(date) $$$$']);
    expect(main.env).toEqual([{ name: 'GREETING', value: 'cost: $$(PRICE) $$5' }]);
    expect(side.args).toEqual(['echo $$PATH']);
    expect(side.env).toEqual([{ name: 'X', value: '$$(Y)' }]);
    // The same strings are escaped for Swarm's interpolation.
    expect(compose.services.w.command).toEqual(['echo $$HOME $$(date) $$$$']);
  });
});

// ---- Swarm output
/**
 * Swarm expands Go templates in env values and mount paths (swarmkit's
 * agent, template/expand.go); Kubernetes keeps the same text literal. Model
 * values are literal on both targets: what `docker stack config` loads,
 * expanded as the agent would (support/swarm-template.ts), is the value the
 * app wrote. The real engine: test/e2e/scenarios/features.ts.
 */

const VALUES = ['{{.Task.Slot}}', 'x{{y', '{{', '}}', '{{{', '{{}}', '{{- .Node.Hostname -}}', '{{"{{"}}', 'a {{ "$HOME" }} b', '{{/* c */}}'];

function templatedApp() {
  const { app, stack } = newStack('s');
  const cfg = new Config(stack, 'cfg', { env: Object.fromEntries(VALUES.map((v, i) => [`C${i}`, v])) });
  const w = new Workload(stack, 'w', {
    image: 'busybox:1.36',
    env: Object.fromEntries(VALUES.map((v, i) => [`E${i}`, v])),
    sidecars: [{ name: 'side', image: 'busybox:1.36', env: Object.fromEntries(VALUES.map((v, i) => [`S${i}`, v])) }],
  });
  w.envFromConfig(cfg)
    .envFromSecret('PW', Secret.fromExisting(stack, 'pw'))
    .mountScratch('/tmp/{{.Task.Slot}}')
    .mountVolume('/data/{{x', new Volume(stack, 'data'))
    .mountHostPath('/host/{{.Node.ID}}', '/var/{{.Service.Name}}', { allowHostAccess: true, readOnly: true });
  const tls = Secret.fromExisting(stack, 'tls');
  w.mountSecret(tls, { path: '/run/{{tls}}' });
  w.envFromSecret('TLS', tls);
  return { app, w };
}

describe('values that look like Go templates reach the Swarm task as written', () => {
  const { app } = templatedApp();
  const { files, kube } = renderChecked(app);
  const r = stackConfig(files, 's');
  const loaded = parse(r.stdout) as ComposeFile;

  test('docker stack config loads the stack file', () => {
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('env values: literal, sidecar and config entries, and NAME_FILE paths', () => {
    const env = (svc: string) => Object.fromEntries(
      Object.entries(loaded.services[svc].environment ?? {}).map(([k, v]) => [k, expandLikeSwarm(String(v))]),
    );
    const main = env('w');
    VALUES.forEach((v, i) => {
      expect({ k: `E${i}`, v: main[`E${i}`] }).toEqual({ k: `E${i}`, v });
      expect({ k: `C${i}`, v: main[`C${i}`] }).toEqual({ k: `C${i}`, v });
    });
    expect(main.TLS_FILE).toBe('/run/{{tls}}');
    const side = env('w-side');
    VALUES.forEach((v, i) => expect({ k: `S${i}`, v: side[`S${i}`] }).toEqual({ k: `S${i}`, v }));
  });

  test('mount targets and a bind source', () => {
    const mounts = (loaded.services.w.volumes ?? []) as { type: string; source?: string; target: string }[];
    expect(mounts.map((m) => [m.type, m.source && expandLikeSwarm(m.source), expandLikeSwarm(m.target)]).sort()).toEqual([
      ['bind', '/var/{{.Service.Name}}', '/host/{{.Node.ID}}'],
      ['tmpfs', undefined, '/tmp/{{.Task.Slot}}'],
      ['volume', 'data', '/data/{{x'],
    ]);
  });

  test('Kubernetes keeps the same values as written', () => {
    const env = Object.fromEntries(
      kube.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]),
    );
    VALUES.forEach((v, i) => expect(env[`E${i}`]).toBe(v.replace(/\$/g, '$$$$')));
  });
});

test('a template on purpose goes through Swarm.override, rendered as written (the engine expands it)', () => {
  const { app, w } = templatedApp();
  Swarm.override(w, { environment: { SLOT: '{{.Task.Slot}}' } });
  const loaded = parse(app.render().files.get('swarm/s/compose.yaml')!) as ComposeFile;
  expect(loaded.services.w.environment!.SLOT).toBe('{{.Task.Slot}}');
  expect(() => expandLikeSwarm('{{.Task.Slot}}')).toThrow('Swarm would expand');
});
