import * as fs from 'fs';
import * as path from 'path';
import { App, Environment, Stack, Workload } from '../../lib';
import { mergeOutput } from '../../lib/synth/layout';
import { isTarget, registerTarget, targetNames, TargetRenderer } from '../../lib/targets';
import { main } from '../../lib/cli/main';
import { tempDir } from '../support/synth';

/*
 * A target is a value in a registry (lib/targets.ts). A tiny third target,
 * registered here only, renders through App, the output layout, the merge of
 * a partial synth, the run-time checks and `--target`, with no model change.
 */
const listing: TargetRenderer = {
  target: 'listing',
  check(stack, c) {
    for (const w of stack.workloads) {
      if (w.name.length > 5) c.targetProblem(w.node.path, 'name', 'listing', 'a listing name has at most 5 characters');
    }
  },
  render(stack) {
    return [{ path: 'workloads.txt', content: stack.workloads.map((w) => `${w.name} ${w.image}\n`).join('') }];
  },
  index: { file: 'index.txt', stackFile: 'workloads.txt', render: (names) => `${names.join('\n')}\n` },
};

function app(workload = 'web'): App {
  const a = new App();
  const s = new Stack(a, 'shop');
  new Workload(s, workload, { image: 'nginx:1.25' });
  return a;
}

let unregister: () => void;
beforeEach(() => { unregister = registerTarget({ target: 'listing', title: 'Listing', load: () => listing }); });
afterEach(() => unregister());

test('the built-in targets, in output order', () => {
  unregister();
  expect(targetNames()).toEqual(['kubernetes', 'swarm']);
  expect(isTarget('listing')).toBe(false);
  unregister = () => undefined;
});

test('a registered target renders beside the built-in ones, with its index', () => {
  const out = app().render();
  expect(out.files.get('listing/shop/workloads.txt')).toBe('web nginx:1.25\n');
  expect(out.files.get('listing/index.txt')).toBe('shop\n');
  expect(out.files.has('kubernetes/shop/shop.k8s.yaml')).toBe(true);
  expect(out.files.has('swarm/shop/compose.yaml')).toBe(true);
});

test('only the targets asked for, and the others untouched', () => {
  const out = app().render({ targets: ['listing'] });
  expect([...out.files.keys()].sort()).toEqual(['listing/index.txt', 'listing/shop/workloads.txt', 'shop.md']);
  const without = app().render({ targets: ['kubernetes', 'swarm'] });
  expect([...without.files.keys()].filter((p) => p.startsWith('listing/'))).toEqual([]);
});

test('its check fails a synth of that target only, naming path, field, target and rule', () => {
  expect(() => app('storefront').render({ targets: ['listing'] })).toThrow(
    'shop/storefront: name: [listing] a listing name has at most 5 characters',
  );
  expect(() => app('storefront').render({ targets: ['kubernetes', 'swarm'] })).not.toThrow();
});

test('its directory is a target directory of the layout: a partial synth rebuilds its index', () => {
  const existing = new Map([['listing/index.txt', 'old\nshop\n'], ['listing/old/workloads.txt', 'x\n']]);
  const fresh = new Map([['listing/shop/workloads.txt', 'web nginx:1.25\n']]);
  const merged = mergeOutput(existing, fresh, { stacks: ['shop'] });
  expect(merged.get('listing/index.txt')).toBe('old\nshop\n');
  const dropped = mergeOutput(existing, new Map(), { stacks: ['old'] });
  expect(dropped.has('listing/index.txt')).toBe(false);
});

test('an Environment may not take its name (it is an output directory)', () => {
  const a = new App();
  new Workload(new Stack(new Environment(a, 'listing'), 'shop'), 'web', { image: 'nginx:1.25' });
  expect(() => a.render()).toThrow('listing: name: must not be "listing" (a directory of the output layout)');
});

test('`conductor synth --target` accepts it and names it among the targets', async () => {
  const root = tempDir();
  try {
    const file = path.join(root, 'app.ts');
    fs.writeFileSync(file, `import { App, Stack, Workload } from ${JSON.stringify(path.resolve('lib'))};
const app = new App();
new Workload(new Stack(app, 'shop'), 'web', { image: 'nginx:1.25' });
app.synth();
`);
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l) };
    expect(await main(['synth', '--target', 'nope'], io)).not.toBe(0);
    expect(err.join('\n')).toContain('--target must be kubernetes or swarm or listing, not "nope"');
    const out = path.join(root, 'dist');
    expect(await main(['synth', '--app', file, '--out', out, '--target', 'listing'], io)).toBe(0);
    expect(fs.readFileSync(path.join(out, 'listing', 'shop', 'workloads.txt'), 'utf8')).toBe('web nginx:1.25\n');
    expect(fs.existsSync(path.join(out, 'kubernetes'))).toBe(false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

describe('a Swarm name limit is a Swarm target limit', () => {
  // `shop_` + 59 characters: 64, one more than Swarm allows for a service; Kubernetes takes the name.
  const long = `w${'x'.repeat(58)}`;
  const limitApp = () => {
    const a = new App();
    const s = new Stack(a, 'shop');
    new Workload(s, long, { image: 'nginx:1.25' });
    return a;
  };
  const message = `shop/${long}: name: stack and workload names together are too long: Swarm service "shop_${long}" `
    + `must be at most 63 characters (got "${long}")`;

  test('--target kubernetes renders an app only Swarm rejects', () => {
    const out = limitApp().render({ targets: ['kubernetes'] });
    expect(out.files.get('kubernetes/shop/shop.k8s.yaml')).toContain(`name: ${long}`);
  });

  test('--target swarm and a full synth fail with the message the model gave before', () => {
    expect(() => limitApp().render({ targets: ['swarm'] })).toThrow(message);
    expect(() => limitApp().render()).toThrow(message);
  });
});
