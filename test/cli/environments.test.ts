import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, Stack, ValidationError, Workload } from '../../lib';
import { classifyPath, mergeOutput } from '../../lib/synth/layout';
import { CATALOG_ENVIRONMENTS, defineEnvironments } from '../../apps/environments';
import { REPO } from '../support/paths';
import { kustomizeBuild } from '../support/kubectl';
import { readTree, tempDir } from '../support/synth';
import { cli, writeApp } from './support';

const out = (() => {
  const app = new App();
  defineEnvironments(app);
  return app.render();
})();
const kube = (env: string) => parseAllDocuments(out.files.get(`${env}/kubernetes/catalog/catalog.k8s.yaml`)!).map((d) => d.toJSON());
const deployment = (env: string, name: string) => kube(env).find((o) => o.kind === 'Deployment' && o.metadata.name === name);

describe('environments: one app definition, rendered per environment to <outdir>/<env>/', () => {
  test('each environment has its own Kubernetes, Swarm and summary files, and a top-level kustomization', () => {
    expect([...out.files.keys()].sort()).toEqual(['dev', 'prod'].flatMap((e) => [
      `${e}/catalog.md`,
      `${e}/kubernetes/catalog/catalog.k8s.yaml`,
      `${e}/kubernetes/catalog/kustomization.yaml`,
      `${e}/kubernetes/kustomization.yaml`,
      `${e}/swarm/catalog/compose.yaml`,
    ]));
    for (const e of ['dev', 'prod']) expect(parse(out.files.get(`${e}/kubernetes/kustomization.yaml`)!).resources).toEqual(['catalog']);
  });

  test('replicas, resources, image tags and hosts differ as the props say', () => {
    for (const env of ['dev', 'prod']) {
      const props = CATALOG_ENVIRONMENTS[env];
      const web = deployment(env, 'web');
      expect(web.spec.replicas).toBe(props.replicas);
      const container = web.spec.template.spec.containers[0];
      expect(container.image).toBe(`ghcr.io/acme/catalog:${props.version}`);
      expect(container.resources.limits.cpu).toBe(props.resources.cpu!.limit === '1' ? '1000m' : props.resources.cpu!.limit);
      const cm = kube(env).find((o) => o.kind === 'ConfigMap');
      expect(cm.data.PUBLIC_URL).toBe(`https://${props.host}/`);
      const compose = parse(out.files.get(`${env}/swarm/catalog/compose.yaml`)!);
      expect(compose.services.web.deploy.replicas).toBe(props.replicas);
      expect(compose.services.web.environment.PUBLIC_URL).toBe(`https://${props.host}/`);
    }
    expect(CATALOG_ENVIRONMENTS.dev.replicas).not.toBe(CATALOG_ENVIRONMENTS.prod.replicas);
  });

  test('kubectl kustomize (1.27) builds each environment\'s top-level kustomization', () => {
    const root = tempDir('conductor-env-');
    try {
      const r = cli(['synth', '--out', root]);
      expect(r.status).toBe(0);
      for (const env of ['dev', 'prod']) {
        const built = kustomizeBuild(path.join(root, env, 'kubernetes'));
        expect(built.filter((o) => o.kind === 'Deployment').map((o) => [o.metadata.name, o.spec.replicas]))
          .toEqual([['cache', 1], ['web', CATALOG_ENVIRONMENTS[env].replicas]]);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('an environment name is a DNS label and not a directory of the layout; an Environment sits in the App', () => {
    const app = new App();
    new Workload(new Stack(new Environment(app, 'kubernetes'), 's'), 'w', { image: 'nginx:1.27' });
    new Workload(new Stack(new Environment(app, 'Prod'), 's'), 'w', { image: 'nginx:1.27' });
    expect(() => app.render()).toThrow(ValidationError);
    expect(() => app.render()).toThrow(/kubernetes: name: must not be "kubernetes" \(a directory of the output layout\)/);
    expect(() => app.render()).toThrow(/Prod: name: must be lower case letters/);
    const other = new App();
    expect(() => new Environment(new Stack(other, 'x'), 'dev')).toThrow(/an Environment must be created directly in the App/);
  });

  test('app.synth({ environments }) in code writes that environment and keeps the others', () => {
    const dir = tempDir('conductor-env-');
    try {
      const file = writeApp(dir, 'app.ts', `import { App, Environment, Stack, Workload } from 'LIB';
const app = new App({ outdir: 'out' });
for (const env of ['dev', 'prod']) {
  new Workload(new Stack(new Environment(app, env), 'svc'), 'web', { image: 'nginx:' + (process.env.TAG ?? '1.27') });
}
app.synth(process.env.ONLY ? { environments: [process.env.ONLY] } : {});
`);
      const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), file], {
        cwd: dir,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(run({}).status).toBe(0);
      const before = readTree(path.join(dir, 'out'));
      expect(run({ ONLY: 'dev', TAG: '1.28' }).status).toBe(0);
      const after = readTree(path.join(dir, 'out'));
      expect(after.get('dev/kubernetes/svc/svc.k8s.yaml')!.toString()).toContain('image: nginx:1.28');
      for (const [f, bytes] of before) if (!f.startsWith('dev/')) expect({ f, text: after.get(f)?.toString() }).toEqual({
        f,
        text: bytes.toString(),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the output layout', () => {
  test('classifies paths by environment, target and stack', () => {
    expect(classifyPath('kubernetes/web/web.k8s.yaml')).toEqual({ role: 'stack', env: '', target: 'kubernetes', stack: 'web' });
    expect(classifyPath('prod/swarm/shop/configs/a-1.conf')).toEqual({ role: 'stack', env: 'prod', target: 'swarm', stack: 'shop' });
    expect(classifyPath('dev/kubernetes/kustomization.yaml')).toEqual({ role: 'index', env: 'dev', target: 'kubernetes' });
    expect(classifyPath('shop.md')).toEqual({ role: 'summary', env: '', stack: 'shop' });
    expect(classifyPath('dev/shop.md')).toEqual({ role: 'summary', env: 'dev', stack: 'shop' });
    expect(classifyPath('.conductor-output')).toEqual({ role: 'other', env: '' });
  });

  test('mergeOutput keeps what is out of scope and rebuilds the index from the stack directories present', () => {
    const existing = new Map([
      ['kubernetes/kustomization.yaml', 'old index'],
      ['kubernetes/a/kustomization.yaml', 'a'],
      ['kubernetes/a/a.k8s.yaml', 'a objects'],
      ['kubernetes/b/kustomization.yaml', 'b'],
      ['swarm/a/compose.yaml', 'a compose'],
      ['a.md', 'a md'],
      ['prod/kubernetes/kustomization.yaml', 'prod index'],
      ['notes.txt', 'kept'],
    ]);
    const fresh = new Map([
      ['kubernetes/kustomization.yaml', 'fresh index of c only'],
      ['kubernetes/c/kustomization.yaml', 'c'],
      ['c.md', 'c md'],
    ]);
    const merged = mergeOutput(existing, fresh, { stacks: ['c'], targets: ['kubernetes'] });
    expect(Object.fromEntries(merged)).toEqual({
      'kubernetes/a/kustomization.yaml': 'a',
      'kubernetes/a/a.k8s.yaml': 'a objects',
      'kubernetes/b/kustomization.yaml': 'b',
      'swarm/a/compose.yaml': 'a compose',
      'a.md': 'a md',
      'prod/kubernetes/kustomization.yaml': 'prod index',
      'notes.txt': 'kept',
      'kubernetes/c/kustomization.yaml': 'c',
      'c.md': 'c md',
      'kubernetes/kustomization.yaml': expect.stringMatching(/resources:\n {2}- a\n {2}- b\n {2}- c\n$/),
    });
    // The full scope is exactly the fresh output.
    expect(mergeOutput(existing, fresh, {})).toEqual(fresh);
  });
});

test('the repository has the environments example in dist/ (dist/dev, dist/prod)', () => {
  const committed = readTree(path.join(REPO, 'dist'));
  for (const f of out.files.keys()) expect(committed.has(f)).toBe(true);
});
