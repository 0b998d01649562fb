import { App, Config, Secret, Stack, Volume, Workload } from '../../lib';
import { expectProblem, InvalidCase, problemsOf } from '../support/oracle';
import { newStack } from '../support/synth';

const NAME_RULE = 'must be lower case letters, digits and "-", start with a letter and end with a letter or digit (DNS-1035 label)';
const w = (s: Stack, id: string) => new Workload(s, id, { image: 'busybox:1.36' });

const cases: InvalidCase[] = [
  ['upper case workload name', (s) => w(s, 'Api'), { path: 's/Api', field: 'name', rule: NAME_RULE, value: 'Api' }],
  ['name starting with a digit', (s) => w(s, '1api'), { path: 's/1api', field: 'name', rule: NAME_RULE, value: '1api' }],
  ['name ending with "-"', (s) => w(s, 'api-'), { path: 's/api-', field: 'name', rule: NAME_RULE, value: 'api-' }],
  ['underscore in a name', (s) => w(s, 'my_api'), { path: 's/my_api', field: 'name', rule: NAME_RULE, value: 'my_api' }],
  ['dot in a name (Swarm service keys cannot have one)', (s) => w(s, 'web.v2'), { path: 's/web.v2', field: 'name', rule: NAME_RULE, value: 'web.v2' }],
  ['name longer than 63', (s) => w(s, 'a'.repeat(64)), { path: `s/${'a'.repeat(64)}`, field: 'name', rule: 'must be at most 63 characters', value: 'a'.repeat(64) }],
  ['config name', (s) => { w(s, 'w'); new Config(s, 'Cfg', { env: { A: 'b' } }); }, { path: 's/Cfg', field: 'name', rule: NAME_RULE, value: 'Cfg' }],
  ['secret name', (s) => { w(s, 'w'); Secret.fromExisting(s, 'DB_PASSWORD'); }, { path: 's/DB_PASSWORD', field: 'name', rule: NAME_RULE, value: 'DB_PASSWORD' }],
  ['volume name', (s) => { w(s, 'w'); new Volume(s, 'data.v1'); }, { path: 's/data.v1', field: 'name', rule: NAME_RULE, value: 'data.v1' }],
  ['stack without workloads', (s) => { new Volume(s, 'data'); }, { path: 's', field: 'workloads', rule: 'a stack needs at least one workload' }],
];

describe('names: every construct id is a DNS-1035 label', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });
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
    expectProblem(stackCase('shop', { labels: { 'bad key': 'x' } }), { path: 'shop', field: 'labels["bad key"]', rule: 'key must be at most 63 letters', value: 'bad key' });
  });

  test('label key prefix', () => {
    expectProblem(stackCase('shop', { labels: { 'Example.COM/team': 'x' } }), { path: 'shop', field: 'labels["Example.COM/team"]', rule: 'key must have a DNS subdomain prefix', value: 'Example.COM/team' });
  });

  test('label value', () => {
    expectProblem(stackCase('shop', { labels: { team: 'a b' } }), { path: 'shop', field: 'labels["team"]', rule: 'value must be at most 63 letters', value: 'a b' });
    expectProblem(stackCase('shop', { labels: { team: 'x'.repeat(64) } }), { path: 'shop', field: 'labels["team"]', rule: 'value must be at most 63', value: 'x'.repeat(64) });
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
