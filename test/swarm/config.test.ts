import { Config, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

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
