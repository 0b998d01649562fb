import { Config, Stack, Workload } from '../../lib';
import type { ConfigProps } from '../../lib';
import { expectProblem, InvalidCase, renderChecked, testBadInput } from '../support/oracle';
import { findObject, KubeObject, newStack } from '../support/synth';

// ---- Kubernetes output
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
  const configMapNames = (files: Record<string, string>, env: Record<string, string> = {}, replicas = 1) => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files, env });
    new Workload(stack, 'w', { image: 'busybox:1.36', replicas }).mountConfig(cfg, '/etc/app');
    const { kube } = renderChecked(app);
    return { name: configMaps(kube)[0].metadata.name as string, ref: pod(kube).volumes[0].configMap.name as string };
  };

  test('the same content gives the same name; the workload refers to it', () => {
    const a = configMapNames({ 'a.conf': 'one' });
    expect(configMapNames({ 'a.conf': 'one' })).toEqual(a);
    expect(a.ref).toBe(a.name);
  });

  test('changing a file, a file name or an env entry changes the name (so the pods roll)', () => {
    const base = configMapNames({ 'a.conf': 'one' }, { X: '1' }).name;
    const names = [
      configMapNames({ 'a.conf': 'two' }, { X: '1' }).name,
      configMapNames({ 'b.conf': 'one' }, { X: '1' }).name,
      configMapNames({ 'a.conf': 'one' }, { X: '2' }).name,
    ];
    for (const n of names) expect(n).not.toBe(base);
    expect(new Set(names).size).toBe(3);
  });

  test('nothing but content changes the name: not the workload, not the key order', () => {
    const base = configMapNames({ 'a.conf': 'one', 'b.conf': 'two' }).name;
    expect(configMapNames({ 'b.conf': 'two', 'a.conf': 'one' }).name).toBe(base);
    expect(configMapNames({ 'a.conf': 'one', 'b.conf': 'two' }, {}, 4).name).toBe(base);
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

// ---- Swarm output
/** Conductor labels the configs and secrets it creates, so that `conductor deploy` prunes only those. */
const MANAGED = { 'app.kubernetes.io/managed-by': 'conductor' };

describe('Config → Swarm configs (one per file, content-hashed)', () => {
  test('each file is a config <config>-<file>-<hash> whose file sits in configs/ next to the stack file', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'web', { files: { 'nginx.conf': 'events {}\n', 'mime.types': 'types {}\n', Makefile: 'all:\n' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountConfig(cfg, '/etc/nginx');
    const { compose, files } = renderChecked(app);
    const keys = Object.keys(compose.configs!);
    expect(keys).toHaveLength(3);
    expect(keys).toEqual([...keys].sort());
    const byFile = (slug: string) => keys.find((k) => k.startsWith(`web-${slug}-`))!;
    expect(byFile('nginx-conf')).toMatch(/^web-nginx-conf-[0-9a-f]{10}$/);
    expect(compose.configs![byFile('nginx-conf')]).toEqual({ file: `./configs/${byFile('nginx-conf')}.conf`, labels: MANAGED });
    expect(compose.configs![byFile('mime-types')]).toEqual({ file: `./configs/${byFile('mime-types')}.types`, labels: MANAGED });
    expect(compose.configs![byFile('makefile')]).toEqual({ file: `./configs/${byFile('makefile')}`, labels: MANAGED });
    expect(files.get(`swarm/s/configs/${byFile('nginx-conf')}.conf`)).toBe('events {}\n');
    expect(files.get(`swarm/s/configs/${byFile('makefile')}`)).toBe('all:\n');
  });

  test('mountConfig(dir): one config mount per file under the directory', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files: { 'a.conf': 'a', 'b.conf': 'b' }, env: { LOG_LEVEL: 'info' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountConfig(cfg, '/etc/app/');
    const { compose } = renderChecked(app);
    const [a, b] = Object.keys(compose.configs!);
    expect(compose.services.w.configs).toEqual([{ source: a, target: '/etc/app/a.conf' }, { source: b, target: '/etc/app/b.conf' }]);
  });

  test('mountConfig(path, { file }): that one file at the path', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files: { 'nginx.conf': 'n', 'mime.types': 'm' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountConfig(cfg, '/etc/nginx/nginx.conf', { file: 'nginx.conf' });
    const { compose } = renderChecked(app);
    const source = Object.keys(compose.configs!).find((k) => k.startsWith('cfg-nginx-conf-'))!;
    expect(compose.services.w.configs).toEqual([{ source, target: '/etc/nginx/nginx.conf' }]);
  });

  test('envFromConfig: entries copied into environment; literal env wins; the config\'s files stay out', () => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files: { 'app.conf': 'x' }, env: { LOG_LEVEL: 'info', MODE: 'config' } });
    new Workload(stack, 'w', { image: 'busybox:1.36', env: { MODE: 'literal' } }).envFromConfig(cfg);
    const { compose } = renderChecked(app);
    expect(compose.services.w.environment).toEqual({ LOG_LEVEL: 'info', MODE: 'literal' });
    expect(compose.services.w.configs).toBeUndefined();
  });

  test('two configs as env: the later one wins', () => {
    const { app, stack } = newStack('s');
    const first = new Config(stack, 'first', { env: { A: '1', B: '1' } });
    const second = new Config(stack, 'second', { env: { B: '2' } });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).envFromConfig(first).envFromConfig(second);
    expect(renderChecked(app).compose.services.w.environment).toEqual({ A: '1', B: '2' });
  });

  test('an env-only config makes no Swarm config object', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).envFromConfig(new Config(stack, 'cfg', { env: { A: '1' } }));
    expect(renderChecked(app).compose.configs).toBeUndefined();
  });
});

describe('content-hashed config names (Swarm configs are immutable)', () => {
  const keys = (files: Record<string, string>, env: Record<string, string> = {}, replicas = 1) => {
    const { app, stack } = newStack('s');
    const cfg = new Config(stack, 'cfg', { files, env });
    new Workload(stack, 'w', { image: 'busybox:1.36', replicas }).mountConfig(cfg, '/etc/app');
    return Object.keys(renderChecked(app).compose.configs!);
  };

  test('same content, same names', () => {
    expect(keys({ 'a.conf': '1', 'b.conf': '2' })).toEqual(keys({ 'b.conf': '2', 'a.conf': '1' }));
  });

  test('changing one file renames only that file\'s config', () => {
    const [a1, b1] = keys({ 'a.conf': '1', 'b.conf': '2' });
    const [a2, b2] = keys({ 'a.conf': '1', 'b.conf': 'changed' });
    expect(a2).toBe(a1);
    expect(b2).not.toBe(b1);
    expect(b2.replace(/[0-9a-f]{10}$/, '')).toBe(b1.replace(/[0-9a-f]{10}$/, ''));
  });

  test('env entries, replicas and other props do not rename file configs', () => {
    const base = keys({ 'a.conf': '1' });
    expect(keys({ 'a.conf': '1' }, { X: 'y' })).toEqual(base);
    expect(keys({ 'a.conf': '1' }, {}, 3)).toEqual(base);
  });
});

// ---- model rules and bad input
const bad = <T>(x: unknown) => x as T;
const FILE_RULE = 'must be one path segment of letters, digits, "-", "_" and "." (a ConfigMap key)';
const config = (props: ConfigProps, id = 'cfg'): InvalidCase[1] => (s) => {
  new Workload(s, 'w', { image: 'busybox:1.36' });
  new Config(s, id, props);
};

const cases: InvalidCase[] = [
  ['no files and no env', config({}), { path: 's/cfg', field: 'files', rule: 'a Config needs at least one file or env entry' }],
  [
    'file name with "/"',
    config({ files: { 'conf.d/a.conf': 'x' } }),
    { path: 's/cfg', field: 'files["conf.d/a.conf"]', rule: FILE_RULE, value: 'conf.d/a.conf' },
  ],
  [
    'file name ".."',
    config({ files: { '..': 'x' } }),
    {
      path: 's/cfg',
      field: 'files[".."]',
      rule: 'must not be "." or ".." (the API server refuses them as keys: they name directories)',
      value: '..',
    },
  ],
  ['file name with a space', config({ files: { 'a b': 'x' } }), { path: 's/cfg', field: 'files["a b"]', rule: FILE_RULE, value: 'a b' }],
  [
    'file content not a string',
    config({ files: { 'a.json': bad<string>({ a: 1 }) } }),
    { path: 's/cfg', field: 'files["a.json"]', rule: 'content must be a string', value: { a: 1 } },
  ],
  [
    'env name with "."',
    config({ env: { 'log.level': 'x' } }),
    { path: 's/cfg', field: 'env["log.level"]', rule: 'must be letters, digits and "_", not starting with a digit', value: 'log.level' },
  ],
  [
    'env value not a string',
    config({ env: { PORT: bad<string>(80) } }),
    { path: 's/cfg', field: 'env["PORT"]', rule: 'value must be a string', value: 80 },
  ],
  ['an env entry with the name of a file', config({ files: { LOG_LEVEL: 'x' }, env: { LOG_LEVEL: 'info' } }),
    { path: 's/cfg', field: 'env["LOG_LEVEL"]', rule: 'must not have the name of a file of the same config', value: 'LOG_LEVEL' }],
  // Measured on the engine: "config data must be larger than 0 and less than 1024000 bytes".
  ['a file Swarm cannot hold as one config', config({ files: { a: 'x'.repeat(1_024_000) } }),
    { path: 's/cfg', field: 'files["a"]', rule: 'must be less than 1024000 bytes (each file is one Swarm config', value: '1024000 bytes' }],
  // The API server: a ConfigMap's values add up to at most 1 MiB.
  ['more than 1MiB of files and env values', config({ files: { a: 'x'.repeat(600 * 1024) }, env: { B: 'y'.repeat(500 * 1024) } }),
    { path: 's/cfg', field: 'files', rule: 'files and env values together must be at most 1048576 bytes (one ConfigMap', value: `${1100 * 1024} bytes` }],
];

describe('Config props: bad input names path, field, rule and value', () => {
  testBadInput(cases);

  test('stack, config and file names too long for a Swarm config name (64)', () => {
    const stackName = 'a'.repeat(20);
    const { app, stack } = newStack(stackName);
    config({ files: { [`${'f'.repeat(10)}.conf`]: 'x' } }, 'c'.repeat(30))(stack);
    expectProblem(app, {
      path: `${stackName}/${'c'.repeat(30)}`,
      field: `files["${'f'.repeat(10)}.conf"]`,
      rule: 'must be at most 64 characters',
      value: `${'f'.repeat(10)}.conf`,
    });
  });

  test('a file of 1,023,999 bytes renders on both targets (each limit is its own target\'s: a 500KiB rule refused it before)', () => {
    const { app, stack } = newStack('s');
    config({ files: { a: 'x'.repeat(1_023_999) } })(stack);
    expect(() => app.render()).not.toThrow();
  });

  test('a file Swarm cannot hold still renders for Kubernetes, and a ConfigMap over 1MiB still renders for Swarm', () => {
    const swarmOnly = newStack('s');
    config({ files: { a: 'x'.repeat(1_024_000) } })(swarmOnly.stack);
    expect(() => swarmOnly.app.render({ targets: ['kubernetes'] })).not.toThrow();
    const kubernetesOnly = newStack('s');
    config({ files: { a: 'x'.repeat(600 * 1024), b: 'y'.repeat(600 * 1024) } })(kubernetesOnly.stack);
    expect(() => kubernetesOnly.app.render({ targets: ['swarm'] })).not.toThrow();
  });

  test('a ConfigMap too large for kubectl\'s client-side apply annotation (256KiB) is a Kubernetes run-time warning; a smaller one is not', () => {
    const big = newStack('s');
    config({ files: { a: 'x'.repeat(300 * 1024) } })(big.stack);
    const warnings = big.app.render().warnings;
    expect(warnings.map((w) => [w.path, w.field, w.target])).toEqual([['s/cfg', 'files', 'kubernetes']]);
    expect(warnings[0].message).toContain('kubectl apply --server-side');
    expect(big.app.render({ targets: ['swarm'] }).warnings).toEqual([]);
    const small = newStack('s');
    config({ files: { a: 'x'.repeat(200 * 1024) } })(small.stack);
    expect(small.app.render().warnings).toEqual([]);
  });
});
