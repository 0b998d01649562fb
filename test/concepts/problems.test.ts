import * as fs from 'fs';
import * as path from 'path';
import { App, Config, HealthCheck, Stack, ValidationError, Workload } from '../../lib';
import { problemsOf } from '../support/oracle';
import { readTree, tempDir } from '../support/synth';

describe('problems are reported together, each naming path, field, rule and value', () => {
  const broken = (outdir = 'dist') => {
    const app = new App({ outdir });
    const stack = new Stack(app, 'shop');
    new Workload(stack, 'api', { image: 'Not An Image', replicas: -1, ports: [{ port: 0 }] });
    new Config(stack, 'cfg', { files: { 'a/b': 'x' } });
    new Workload(stack, 'web', { image: 'nginx:1.27', resources: { memory: { limit: '512MB' } } });
    return app;
  };

  test('every problem of the app is in one ValidationError', () => {
    const { problems } = problemsOf(broken());
    expect(problems.map((p) => `${p.path} ${p.field}`)).toEqual(expect.arrayContaining([
      'shop/api image', 'shop/api replicas', 'shop/api ports[0].port', 'shop/cfg files["a/b"]', 'shop/web resources.memory.limit',
    ]));
    expect(problems).toHaveLength(5);
  });

  test('the message counts them, says nothing was written, and has one line per problem', () => {
    const { message, problems } = problemsOf(broken());
    const lines = message.split('\n');
    expect(lines[0]).toBe('Conductor found 5 problems; nothing was written:');
    expect(lines.slice(1)).toHaveLength(problems.length);
    expect(lines).toContain('  - shop/api: replicas: must be a non-negative integer (got -1)');
    expect(lines).toContain('  - shop/web: resources.memory.limit: ' + problems.find((p) => p.path === 'shop/web')!.rule + ' (got "512MB")');
  });

  test('a problem is a plain {path, field, rule, value} record', () => {
    const { problems } = problemsOf(broken());
    expect(problems.find((p) => p.field === 'replicas')).toEqual({
      path: 'shop/api',
      field: 'replicas',
      rule: 'must be a non-negative integer',
      value: -1,
    });
  });

  test('synth() throws the ValidationError and writes nothing', () => {
    const root = tempDir();
    try {
      const out = path.join(root, 'dist');
      expect(() => broken(out).synth()).toThrow(ValidationError);
      expect(fs.existsSync(out)).toBe(false);
      expect(readTree(root).size).toBe(0);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('target gaps: warnings, errors with strict: true', () => {
  const gappy = (strict: boolean) => {
    const app = new App({ strict });
    new Workload(new Stack(app, 's'), 'w', { image: 'busybox:1.36', ports: [{ port: 80 }], health: { check: HealthCheck.http('/', { port: 80 }) } });
    return app;
  };

  test('by default a gap is a warning in the output, and the app renders', () => {
    const out = gappy(false).render();
    expect(out.gaps).toEqual([expect.objectContaining({ path: 's/w', field: 'health.check', target: 'swarm', severity: 'warning' })]);
  });

  test('with strict: true the same gap is a problem naming path, field and target', () => {
    const { problems, message } = problemsOf(gappy(true));
    expect(problems).toEqual([
      { path: 's/w', field: 'health.check', rule: expect.stringMatching(/^strict mode forbids target gaps: \[swarm\] .*wget/) },
    ]);
    expect(message).toContain('  - s/w: health.check: strict mode forbids target gaps: [swarm]');
  });

  test('strict mode ignores gaps of a target that is not rendered', () => {
    expect(gappy(true).render({ targets: ['kubernetes'] }).gaps).toEqual([]);
  });
});

describe('app-level problems', () => {
  test('an app without stacks', () => {
    expect(problemsOf(new App()).problems).toEqual([{ path: '(app)', field: 'stacks', rule: 'an app needs at least one Stack' }]);
  });

  test('rendering a stack that does not exist', () => {
    const app = new App();
    new Workload(new Stack(app, 's'), 'w', { image: 'busybox:1.36' });
    expect(problemsOf(app, { stacks: ['nope'] }).problems).toEqual([
      { path: '(app)', field: 'stacks', rule: 'no stack named "nope" (stacks: s)', value: 'nope' },
    ]);
  });
});
