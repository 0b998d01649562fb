import { Config, Stack, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, KubeObject, newStack } from '../support/synth';

const container = (kube: KubeObject[], name = 'w') => findObject(kube, 'Deployment', name).spec.template.spec.containers[0];
const pod = (kube: KubeObject[], name = 'w') => findObject(kube, 'Deployment', name).spec.template.spec;
const configMaps = (kube: KubeObject[]) => kube.filter((o) => o.kind === 'ConfigMap');

describe('Config → ConfigMap', () => {
  test('one immutable ConfigMap <name>-<hash> holding files and env entries', () => {
    const { app, stack } = newStack('s');
    new Config(stack, 'cfg', { files: { 'app.conf': 'a=1\n' }, env: { LOG_LEVEL: 'info', PORT: '80' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' });
    const [cm] = configMaps(renderChecked(app).kube);
    expect(cm.metadata.name).toMatch(/^cfg-[0-9a-f]{10}$/);
    expect(cm.immutable).toBe(true);
    expect(cm.data).toEqual({ 'app.conf': 'a=1\n', LOG_LEVEL: 'info', PORT: '80' });
  });

  test('mountConfig(path): a directory of the config files, read-only, mode 0444', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files: { 'a.conf': 'a', 'b.conf': 'b' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountConfig(cfg, '/etc/app');
    const { kube } = renderChecked(app);
    const name = configMaps(kube)[0].metadata.name;
    expect(container(kube).volumeMounts).toEqual([{ mountPath: '/etc/app', name: 'config-cfg', readOnly: true }]);
    expect(pod(kube).volumes).toEqual([{ name: 'config-cfg', configMap: { name, defaultMode: 0o444 } }]);
  });

  test('a directory mount shows only the files, not the env entries of the same ConfigMap', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files: { 'a.conf': 'a', 'b.conf': 'b' }, env: { LOG_LEVEL: 'info' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountConfig(cfg, '/etc/app');
    const { kube } = renderChecked(app);
    expect(pod(kube).volumes[0].configMap.items).toEqual([{ key: 'a.conf', path: 'a.conf' }, { key: 'b.conf', path: 'b.conf' }]);
  });

  test('mountConfig(path, { file }): one file by subPath; one pod volume per config', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files: { 'nginx.conf': 'n', 'mime.types': 'm' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' })
      .mountConfig(cfg, '/etc/nginx/nginx.conf', { file: 'nginx.conf' })
      .mountConfig(cfg, '/etc/nginx/mime.types', { file: 'mime.types' });
    const { kube } = renderChecked(app);
    expect(container(kube).volumeMounts).toEqual([
      { mountPath: '/etc/nginx/nginx.conf', name: 'config-cfg', readOnly: true, subPath: 'nginx.conf' },
      { mountPath: '/etc/nginx/mime.types', name: 'config-cfg', readOnly: true, subPath: 'mime.types' },
    ]);
    expect(pod(kube).volumes).toHaveLength(1);
  });

  test('envFromConfig of an env-only config → envFrom the ConfigMap; literal env is set beside it (and wins)', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { env: { LOG_LEVEL: 'info', MODE: 'config' } });
    new Workload(stack, 'w', { image: 'busybox:1.36', env: { MODE: 'literal' } }).envFromConfig(cfg);
    const { kube } = renderChecked(app);
    expect(container(kube).envFrom).toEqual([{ configMapRef: { name: configMaps(kube)[0].metadata.name } }]);
    // Kubernetes gives `env` precedence over `envFrom`: MODE=literal.
    expect(container(kube).env).toEqual([{ name: 'MODE', value: 'literal' }]);
  });

  test('envFromConfig of a config that also has files: each env entry by configMapKeyRef, never the files', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files: { 'app.conf': 'x' }, env: { LOG_LEVEL: 'info', MODE: 'config' } });
    new Workload(stack, 'w', { image: 'busybox:1.36', env: { MODE: 'literal' } }).envFromConfig(cfg);
    const { kube } = renderChecked(app);
    const name = configMaps(kube)[0].metadata.name;
    expect(container(kube).envFrom).toBeUndefined();
    expect(container(kube).env).toEqual([
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name, key: 'LOG_LEVEL' } } },
      { name: 'MODE', value: 'literal' },
    ]);
  });

  test('two configs as env: the later one wins, as with Swarm', () => {
    const { app, stack } = newStack('s');
    const first = new Config(stack, 'first', { files: { f: 'x' }, env: { A: '1', B: '1' } });
    const second = new Config(stack, 'second', { env: { B: '2' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).envFromConfig(first).envFromConfig(second);
    const { kube } = renderChecked(app);
    const c = container(kube);
    // B comes from the later envFrom; only A is taken one by one from the first.
    expect(c.env.map((e: { name: string }) => e.name)).toEqual(['A']);
    expect(c.envFrom).toEqual([{ configMapRef: { name: findName(kube, 'second') } }]);
  });
});

function findName(kube: KubeObject[], config: string): string {
  return configMaps(kube).find((o) => o.metadata.name.startsWith(`${config}-`))!.metadata.name;
}

describe('content-hashed ConfigMap names', () => {
  const render = (files: Record<string, string>, env: Record<string, string> = {}, replicas = 1) => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files, env });
    new Workload(stack, 'w', { image: 'busybox:1.36', replicas }).mountConfig(cfg, '/etc/app');
    const { kube } = renderChecked(app);
    return { name: configMaps(kube)[0].metadata.name as string, ref: pod(kube).volumes[0].configMap.name as string };
  };

  test('the same content gives the same name; the workload refers to it', () => {
    const a = render({ 'a.conf': 'one' });
    expect(render({ 'a.conf': 'one' })).toEqual(a);
    expect(a.ref).toBe(a.name);
  });

  test('changing a file, a file name or an env entry changes the name (so the pods roll)', () => {
    const base = render({ 'a.conf': 'one' }, { X: '1' }).name;
    const names = [render({ 'a.conf': 'two' }, { X: '1' }).name, render({ 'b.conf': 'one' }, { X: '1' }).name, render({ 'a.conf': 'one' }, { X: '2' }).name];
    for (const n of names) expect(n).not.toBe(base);
    expect(new Set(names).size).toBe(3);
  });

  test('nothing but content changes the name: not the workload, not the key order', () => {
    const base = render({ 'a.conf': 'one', 'b.conf': 'two' }).name;
    expect(render({ 'b.conf': 'two', 'a.conf': 'one' }).name).toBe(base);
    expect(render({ 'a.conf': 'one', 'b.conf': 'two' }, {}, 4).name).toBe(base);
  });

  test('a config of another stack with the same content has the same name', () => {
    const { app, stack } = newStack('one');
    const other = new Stack(app, 'two');
    for (const s of [stack, other]) {
      new Workload(s, 'w', { image: 'busybox:1.36' }).mountConfig(new Config(s, 'cfg', { files: { f: 'same' } }), '/etc/c');
    }
    expect(configMaps(renderChecked(app, 'one').kube)[0].metadata.name).toBe(configMaps(renderChecked(app, 'two').kube)[0].metadata.name);
  });
});
