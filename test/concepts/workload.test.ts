import { App, Config, Secret, Stack, Workload } from '../../lib';
import type { WorkloadProps } from '../../lib';
import { expectProblem, InvalidCase, problemsOf, renderChecked, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';
import { warningsOf } from '../support/warnings';

// ---- Kubernetes output
function deployment(build: (stack: ReturnType<typeof newStack>['stack']) => void) {
  const { app, stack } = newStack('s');
  build(stack);
  return findObject(renderChecked(app).kube, 'Deployment', 'w');
}

describe('Workload → Deployment', () => {
  test('image, command → command, args → args, workingDir, one container "main"', () => {
    const d = deployment(
      (s) => new Workload(s, 'w', { image: 'ghcr.io/acme/api:1.4.2', command: ['/bin/api'], args: ['--port', '8080'], workingDir: '/srv' }),
    );
    const [c] = d.spec.template.spec.containers;
    expect(c).toMatchObject({ name: 'main', image: 'ghcr.io/acme/api:1.4.2', command: ['/bin/api'], args: ['--port', '8080'], workingDir: '/srv' });
    expect(d.spec.template.spec.containers).toHaveLength(1);
  });

  test('without command, args or workingDir the image defaults stay (fields absent)', () => {
    const [c] = deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36' })).spec.template.spec.containers;
    expect(c.command).toBeUndefined();
    expect(c.args).toBeUndefined();
    expect(c.workingDir).toBeUndefined();
    expect(c.env).toBeUndefined();
  });

  test('replicas default to 1; the replicas prop and scale() set spec.replicas', () => {
    expect(deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36' })).spec.replicas).toBe(1);
    expect(deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36', replicas: 3 })).spec.replicas).toBe(3);
    expect(deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36', replicas: 3 }).scale(5)).spec.replicas).toBe(5);
    expect(deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36', replicas: 3 }).scale(0)).spec.replicas).toBe(0);
  });

  test('env is sorted by name, literal and secret entries together', () => {
    const d = deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36', env: { ZED: 'z', ALPHA: 'a', ON: 'yes' } })
      .addEnv('MIDDLE', 'm').envFromSecret('BETA', Secret.fromExisting(s, 'pw')));
    expect(d.spec.template.spec.containers[0].env).toEqual([
      { name: 'ALPHA', value: 'a' },
      { name: 'BETA', valueFrom: { secretKeyRef: { name: 'pw', key: 'value' } } },
      { name: 'MIDDLE', value: 'm' },
      { name: 'ON', value: 'yes' },
      { name: 'ZED', value: 'z' },
    ]);
  });

  test.each([
    ['busybox:1.36', 'IfNotPresent'],
    ['ghcr.io/acme/api:1.4.2', 'IfNotPresent'],
    ['localhost:5000/api:2', 'IfNotPresent'],
    ['busybox@sha256:' + 'a'.repeat(64), 'IfNotPresent'],
    ['busybox', 'Always'],
    ['busybox:latest', 'Always'],
    ['localhost:5000/api', 'Always'],
  ])('imagePullPolicy for %s is %s (the Kubernetes default, not cdk8s-plus\'s Always)', (image, policy) => {
    expect(deployment((s) => new Workload(s, 'w', { image })).spec.template.spec.containers[0].imagePullPolicy).toBe(policy);
  });

  test('no service-account token is mounted; no cdk8s-plus default resources', () => {
    const d = deployment((s) => new Workload(s, 'w', { image: 'busybox:1.36' }));
    expect(d.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(d.spec.template.spec.containers[0].resources).toBeUndefined();
  });

  test('a workload without ports has no Service', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' });
    expect(renderChecked(app).kube.filter((o) => o.kind === 'Service')).toEqual([]);
  });
});

// ---- Swarm output
function service(props: Partial<WorkloadProps> = {}, more: (w: Workload) => void = () => undefined) {
  const { app, stack } = newStack('s');
  more(new Workload(stack, 'w', { image: 'busybox:1.36', ...props }));
  return renderChecked(app).compose.services.w;
}

describe('Workload → replicated service', () => {
  test('image; command → entrypoint, args → command; workingDir → working_dir', () => {
    const s = service({ image: 'ghcr.io/acme/api:1.4.2', command: ['/bin/api'], args: ['--port', '8080'], workingDir: '/srv' });
    expect(s).toMatchObject({ image: 'ghcr.io/acme/api:1.4.2', entrypoint: ['/bin/api'], command: ['--port', '8080'], working_dir: '/srv' });
  });

  test('nothing given: no entrypoint, command, working_dir, environment, ports or mounts', () => {
    expect(Object.keys(service()).sort()).toEqual(['cap_drop', 'deploy', 'image', 'read_only', 'user']);
  });

  test('deploy.mode replicated; replicas default 1, from props, from scale()', () => {
    expect(service().deploy).toMatchObject({ mode: 'replicated', replicas: 1 });
    expect(service({ replicas: 3 }).deploy.replicas).toBe(3);
    expect(service({ replicas: 3 }, (w) => w.scale(5)).deploy.replicas).toBe(5);
    expect(service({}, (w) => w.scale(0)).deploy.replicas).toBe(0);
  });

  // An empty value has no stack-file form (docker fills it from the deploying shell): test/guarantees/fuzz-regressions.test.ts.
  test('environment sorted by name, values strings (quoted where YAML 1.1 would read another type)', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36', env: { ZED: 'z', ALPHA: 'a', ON: 'yes', PORT: '80' } })
      .addEnv('MIDDLE', 'm').envFromSecret('BETA', Secret.fromExisting(stack, 'pw'));
    const { compose, files } = renderChecked(app);
    expect(Object.entries(compose.services.w.environment!)).toEqual([
      ['ALPHA', 'a'], ['BETA_FILE', '/run/secrets/pw'], ['MIDDLE', 'm'], ['ON', 'yes'], ['PORT', '80'], ['ZED', 'z'],
    ]);
    expect(files.get('swarm/s/compose.yaml')).toContain('"ON": "yes"');
    expect(files.get('swarm/s/compose.yaml')).toContain('PORT: "80"');
  });
});

// ---- run-time warnings
/** Issue 17, item 5: image references GitOps cannot reproduce. */

const MOVES = 'the tag moves, so the same commit deploys different software over time; pin a version tag or a digest (@sha256:...)';

function withImage(image: string, strict = false): App {
  const app = new App({ strict });
  new Workload(new Stack(app, 's'), 'w', { image });
  return app;
}

describe('images without a tag or digest, or tagged latest', () => {
  test.each([
    ['busybox', 'has no tag or digest (both targets pull "latest")'],
    ['ghcr.io/acme/api', 'has no tag or digest (both targets pull "latest")'],
    ['localhost:5000/acme/api', 'has no tag or digest (both targets pull "latest")'],
    ['busybox:latest', 'is tagged "latest"'],
    ['registry.example.com:5000/acme/api:latest', 'is tagged "latest"'],
  ])('%s: a warning for both targets', (image, what) => {
    expect(warningsOf(withImage(image))).toEqual([{ path: 's/w', field: 'image', message: `"${image}" ${what}: ${MOVES}` }]);
  });

  test.each(['busybox:1.36', 'localhost:5000/acme/api:2.0', `busybox@sha256:${'a'.repeat(64)}`, `busybox:latest@sha256:${'b'.repeat(64)}`])(
    '%s: pinned, no warning', (image) => {
      expect(warningsOf(withImage(image))).toEqual([]);
    },
  );

  test('sidecar and init container images too', () => {
    const app = new App();
    new Workload(new Stack(app, 's'), 'w', {
      image: 'busybox:1.36', sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy' }], initContainers: [{ name: 'init', image: 'busybox:latest' }],
    });
    expect(warningsOf(app, ['kubernetes']).map((w) => [w.field, w.message.split(':')[0]])).toEqual([
      ['sidecars[0].image', '"envoyproxy/envoy" has no tag or digest (both targets pull "latest")'],
      ['initContainers[0].image', '"busybox'],
    ]);
  });

  test('under strict, an error; an invalid reference is the model\'s error alone', () => {
    expect(problemsOf(withImage('busybox', true)).problems).toEqual([
      {
        path: 's/w',
        field: 'image',
        rule: `strict mode forbids run-time warnings: "busybox" has no tag or digest (both targets pull "latest"): ${MOVES}`,
      },
    ]);
    expect(problemsOf(withImage('Busybox')).problems.map((p) => p.field)).toEqual(['image']);
  });
});

// ---- model rules and bad input
const IMAGE_RULE = 'must be an image reference such as "ghcr.io/acme/api:1.4.2"';
const ENV_RULE = 'must be letters, digits and "_", not starting with a digit';
const LABEL_RULE = 'must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
const bad = <T>(x: unknown) => x as T;
const w = (s: Stack, props: Partial<WorkloadProps> = {}) => new Workload(s, 'w', { image: 'busybox:1.36', ...props });

const cases: InvalidCase[] = [
  ['image empty', (s) => w(s, { image: '' }), { path: 's/w', field: 'image', rule: 'must be a non-empty image reference', value: '' }],
  [
    'image missing',
    (s) => w(s, { image: bad<string>(undefined) }),
    { path: 's/w', field: 'image', rule: 'must be a non-empty image reference', value: undefined },
  ],
  ['image upper case', (s) => w(s, { image: 'Nginx:1.27' }), { path: 's/w', field: 'image', rule: IMAGE_RULE, value: 'Nginx:1.27' }],
  ['image with an empty tag', (s) => w(s, { image: 'nginx:' }), { path: 's/w', field: 'image', rule: IMAGE_RULE, value: 'nginx:' }],
  ['image with a space', (s) => w(s, { image: 'nginx 1.27' }), { path: 's/w', field: 'image', rule: IMAGE_RULE, value: 'nginx 1.27' }],
  [
    'image with a short digest',
    (s) => w(s, { image: 'nginx@sha256:abc' }),
    { path: 's/w', field: 'image', rule: IMAGE_RULE, value: 'nginx@sha256:abc' },
  ],
  [
    'image too long',
    (s) => w(s, { image: 'a'.repeat(464) }),
    { path: 's/w', field: 'image', rule: 'must be at most 463 characters', value: 'a'.repeat(464) },
  ],
  [
    'command a string',
    (s) => w(s, { command: bad<string[]>('ls -l') }),
    { path: 's/w', field: 'command', rule: 'must be a list of strings', value: 'ls -l' },
  ],
  [
    'args not strings',
    (s) => w(s, { args: bad<string[]>([1, 2]) }),
    { path: 's/w', field: 'args', rule: 'must be a list of strings', value: [1, 2] },
  ],
  ['workingDir relative', (s) => w(s, { workingDir: 'srv' }), { path: 's/w', field: 'workingDir', rule: 'must be an absolute path', value: 'srv' }],
  [
    'workingDir with ..',
    (s) => w(s, { workingDir: '/srv/../etc' }),
    { path: 's/w', field: 'workingDir', rule: 'must not contain ".." segments', value: '/srv/../etc' },
  ],
  ['workingDir with :', (s) => w(s, { workingDir: '/srv:ro' }), { path: 's/w', field: 'workingDir', rule: 'must not contain ":"', value: '/srv:ro' }],
  ['env name with "-"', (s) => w(s, { env: { 'log-level': 'x' } }), { path: 's/w', field: 'env["log-level"]', rule: ENV_RULE, value: 'log-level' }],
  ['env name starting with a digit', (s) => w(s, { env: { '1X': 'x' } }), { path: 's/w', field: 'env["1X"]', rule: ENV_RULE, value: '1X' }],
  [
    'env value not a string',
    (s) => w(s, { env: { PORT: bad<string>(80) } }),
    { path: 's/w', field: 'env["PORT"]', rule: 'value must be a string', value: 80 },
  ],
  ['addEnv with a bad name', (s) => w(s).addEnv('MY VAR', 'x'), { path: 's/w', field: 'env["MY VAR"]', rule: ENV_RULE, value: 'MY VAR' }],
  [
    'envFromSecret bad name',
    (s) => w(s).envFromSecret('db-password', Secret.fromExisting(s, 'db')),
    { path: 's/w', field: 'envFromSecret', rule: ENV_RULE, value: 'db-password' },
  ],
  ['envFromSecret repeats a literal env name', (s) => w(s, { env: { PW: 'x' } }).envFromSecret('PW', Secret.fromExisting(s, 'db')),
    { path: 's/w', field: 'envFromSecret', rule: 'must not repeat an env name already set', value: 'PW' }],
  ['envFromSecret repeats an env entry of a config taken as env', (s) => w(s).envFromConfig(new Config(s, 'cfg', { env: { PW: 'x' } })).envFromSecret(
    'PW',
    Secret.fromExisting(s, 'db'),
  ),
    { path: 's/w', field: 'envFromSecret', rule: 'must not repeat an env entry of config cfg', value: 'PW' }],
  ['envFromConfig of a config without env entries', (s) => w(s).envFromConfig(new Config(s, 'cfg', { files: { f: 'x' } })),
    { path: 's/w', field: 'envFromConfig', rule: 'the config has no env entries', value: 's/cfg' }],
  ['replicas negative', (s) => w(s, { replicas: -1 }), { path: 's/w', field: 'replicas', rule: 'must be a non-negative integer', value: -1 }],
  ['replicas fractional', (s) => w(s, { replicas: 1.5 }), { path: 's/w', field: 'replicas', rule: 'must be a non-negative integer', value: 1.5 }],
  ['replicas NaN by scale()', (s) => w(s).scale(NaN), { path: 's/w', field: 'replicas', rule: 'must be a non-negative integer', value: NaN }],
  [
    'replicas above int32',
    (s) => w(s, { replicas: 2 ** 31 }),
    { path: 's/w', field: 'replicas', rule: 'must be at most 2147483647 (Kubernetes replicas is a 32-bit integer)', value: 2 ** 31 },
  ],
  ['label key', (s) => w(s, { labels: { 'a b': 'x' } }), { path: 's/w', field: 'labels["a b"]', rule: `key ${LABEL_RULE}`, value: 'a b' }],
  [
    'label key prefix',
    (s) => w(s, { labels: { 'Bad_Prefix/x': 'y' } }),
    { path: 's/w', field: 'labels["Bad_Prefix/x"]', rule: 'key must have a DNS subdomain prefix before "/"', value: 'Bad_Prefix/x' },
  ],
  [
    'label value',
    (s) => w(s, { labels: { tier: 'front end' } }),
    { path: 's/w', field: 'labels["tier"]', rule: `value ${LABEL_RULE}`, value: 'front end' },
  ],
  [
    'label value too long',
    (s) => w(s, { labels: { tier: 'x'.repeat(64) } }),
    { path: 's/w', field: 'labels["tier"]', rule: `value ${LABEL_RULE}`, value: 'x'.repeat(64) },
  ],
  [
    'annotation key',
    (s) => w(s, { annotations: { '-x': 'y' } }),
    { path: 's/w', field: 'annotations["-x"]', rule: `key ${LABEL_RULE}`, value: '-x' },
  ],
  [
    'annotation value not a string',
    (s) => w(s, { annotations: { note: bad<string>(true) } }),
    { path: 's/w', field: 'annotations["note"]', rule: 'value must be a string', value: true },
  ],
];

describe('Workload props: bad input names path, field, rule and value', () => {
  testBadInput(cases);

  test('a config from another stack', () => {
    const { app, stack } = newStack('s');
    const other = new Stack(app, 'other');
    new Workload(other, 'x', { image: 'busybox:1.36' });
    w(stack).envFromConfig(new Config(other, 'cfg', { env: { A: 'b' } }));
    expectProblem(app, {
      path: 's/w',
      field: 'envFromConfig',
      rule: 'must belong to the same stack (s); each stack deploys on its own',
      value: 'other/cfg',
    });
  });

  test.each([
    'busybox',
    'busybox:1.36',
    'library/busybox:latest',
    'ghcr.io/acme/api:1.4.2',
    'localhost:5000/a/b_c:v1.0-rc.1',
    `busybox@sha256:${'a'.repeat(64)}`,
    '[::1]:5000/x:1',
  ])(
    'image %s is valid', (image) => {
      const { app, stack } = newStack('s');
      w(stack, { image });
      expect(() => app.render()).not.toThrow();
    });
});
