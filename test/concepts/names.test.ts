import { App, Config, Secret, Stack, Volume, Workload } from '../../lib';
import { expectProblem, InvalidCase, problemsOf, renderChecked, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

// ---- Kubernetes output
describe('names and selectors', () => {
  const build = () => {
    const { app, stack } = newStack('shop');
    const cfg = new Config(stack, 'web-config', { files: { 'a.conf': 'a' } });
    const data = new Volume(stack, 'pg-data');
    const pw = Secret.fromExisting(stack, 'db-password');
    new Workload(stack, 'api', { image: 'ghcr.io/acme/api:1.0', ports: [{ port: 80 }] })
      .mountConfig(cfg, '/etc/web').mountVolume('/data', data).mountSecret(pw).mountScratch('/tmp');
    return renderChecked(app).kube;
  };

  test('objects carry the names the user gave, no cdk8s hash suffixes', () => {
    const kube = build();
    expect(kube.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/shop', 'ConfigMap/web-config-' + kube[1].metadata.name.slice(-10), 'PersistentVolumeClaim/pg-data', 'Service/api', 'Deployment/api',
    ]);
    expect(kube[1].metadata.name).toMatch(/^web-config-[0-9a-f]{10}$/);
    const pod = findObject(kube, 'Deployment', 'api').spec.template.spec;
    expect(pod.volumes.map((v: { name: string }) => v.name)).toEqual(['config-web-config', 'data-pg-data', 'secret-db-password', 'scratch-0']);
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['main']);
  });

  test('Deployment and Service select pods by app.kubernetes.io labels, never cdk8s.io/metadata.addr', () => {
    const kube = build();
    const selector = { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' };
    const deployment = findObject(kube, 'Deployment', 'api');
    expect(deployment.spec.selector).toEqual({ matchLabels: selector });
    expect(deployment.spec.template.metadata.labels).toEqual(selector);
    expect(findObject(kube, 'Service', 'api').spec.selector).toEqual(selector);
    expect(JSON.stringify(kube)).not.toContain('cdk8s.io/metadata.addr');
  });

  test('a long pod volume name is cut to a DNS label and keeps a hash', () => {
    const { app, stack } = newStack('s');
    const data = new Volume(stack, 'v'.repeat(60));
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountVolume('/data', data);
    const pod = findObject(renderChecked(app).kube, 'Deployment', 'w').spec.template.spec;
    const name: string = pod.volumes[0].name;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^data-v+-[0-9a-f]{10}$/);
    expect(pod.containers[0].volumeMounts[0].name).toBe(name);
  });
});

// ---- model rules and bad input
const NAME_RULE = 'must be lower case letters, digits and "-", start with a letter and end with a letter or digit (DNS-1035 label)';
const w = (s: Stack, id: string) => new Workload(s, id, { image: 'busybox:1.36' });

const cases: InvalidCase[] = [
  ['upper case workload name', (s) => w(s, 'Api'), { path: 's/Api', field: 'name', rule: NAME_RULE, value: 'Api' }],
  ['name starting with a digit', (s) => w(s, '1api'), { path: 's/1api', field: 'name', rule: NAME_RULE, value: '1api' }],
  ['name ending with "-"', (s) => w(s, 'api-'), { path: 's/api-', field: 'name', rule: NAME_RULE, value: 'api-' }],
  ['underscore in a name', (s) => w(s, 'my_api'), { path: 's/my_api', field: 'name', rule: NAME_RULE, value: 'my_api' }],
  [
    'dot in a name (Swarm service keys cannot have one)',
    (s) => w(s, 'web.v2'),
    { path: 's/web.v2', field: 'name', rule: NAME_RULE, value: 'web.v2' },
  ],
  [
    'name longer than 63',
    (s) => w(s, 'a'.repeat(64)),
    { path: `s/${'a'.repeat(64)}`, field: 'name', rule: 'must be at most 63 characters', value: 'a'.repeat(64) },
  ],
  ['config name', (s) => { w(s, 'w'); new Config(s, 'Cfg', { env: { A: 'b' } }); }, { path: 's/Cfg', field: 'name', rule: NAME_RULE, value: 'Cfg' }],
  [
    'secret name',
    (s) => { w(s, 'w'); Secret.fromExisting(s, 'DB_PASSWORD'); },
    { path: 's/DB_PASSWORD', field: 'name', rule: NAME_RULE, value: 'DB_PASSWORD' },
  ],
  ['volume name', (s) => { w(s, 'w'); new Volume(s, 'data.v1'); }, { path: 's/data.v1', field: 'name', rule: NAME_RULE, value: 'data.v1' }],
  ['stack without workloads', (s) => { new Volume(s, 'data'); }, { path: 's', field: 'workloads', rule: 'a stack needs at least one workload' }],
];

describe('names: every construct id is a DNS-1035 label', () => {
  testBadInput(cases);
});

describe('stack props', () => {
  const stackCase = (name: string, props: ConstructorParameters<typeof Stack>[2]) => {
    const app = new App();
    w(new Stack(app, name, props), 'w');
    return app;
  };

  test('stack name', () => {
    expectProblem(stackCase('Shop', {}), { path: 'Shop', field: 'name', rule: NAME_RULE, value: 'Shop' });
  });

  test('namespace', () => {
    expectProblem(stackCase('shop', { namespace: 'Shop_NS' }), { path: 'shop', field: 'namespace', rule: NAME_RULE, value: 'Shop_NS' });
  });

  test('label key', () => {
    expectProblem(stackCase('shop', { labels: { 'bad key': 'x' } }), {
      path: 'shop',
      field: 'labels["bad key"]',
      rule: 'key must be at most 63 letters',
      value: 'bad key',
    });
  });

  test('label key prefix', () => {
    expectProblem(stackCase('shop', { labels: { 'Example.COM/team': 'x' } }), {
      path: 'shop',
      field: 'labels["Example.COM/team"]',
      rule: 'key must have a DNS subdomain prefix',
      value: 'Example.COM/team',
    });
  });

  test('label value', () => {
    expectProblem(stackCase('shop', { labels: { team: 'a b' } }), {
      path: 'shop',
      field: 'labels["team"]',
      rule: 'value must be at most 63 letters',
      value: 'a b',
    });
    expectProblem(stackCase('shop', { labels: { team: 'x'.repeat(64) } }), {
      path: 'shop',
      field: 'labels["team"]',
      rule: 'value must be at most 63',
      value: 'x'.repeat(64),
    });
  });

  test('stack and workload names too long together for Swarm (<stack>_<name> ≤ 63)', () => {
    const stack = 'a'.repeat(30);
    const name = 'b'.repeat(33);
    expectProblem((() => { const app = new App(); w(new Stack(app, stack), name); return app; })(), {
      path: `${stack}/${name}`, field: 'name', rule: `Swarm service "${stack}_${name}" must be at most 63 characters`, value: name,
    });
  });

  test('the longest names that fit give no problem', () => {
    const app = new App();
    w(new Stack(app, 'a'.repeat(30)), 'b'.repeat(32));
    expect(() => app.render()).not.toThrow();
  });
});

describe('structure', () => {
  test('a resource outside a Stack is refused at construction, naming its path', () => {
    const app = new App();
    expect(() => new Workload(app, 'w', { image: 'busybox:1.36' })).toThrow(/^w: scope: must be inside a Stack/);
  });

  test('the same name twice in one stack is refused by the construct tree', () => {
    const { stack } = newStack('s');
    w(stack, 'api');
    expect(() => new Config(stack, 'api', { env: { A: 'b' } })).toThrow(/There is already a Construct with name 'api'/);
  });

  test('an invalid name is reported once, not as a crash of a renderer', () => {
    const { app, stack } = newStack('s');
    w(stack, 'Bad');
    expect(problemsOf(app).problems.filter((p) => p.field === 'name')).toHaveLength(1);
  });
});
