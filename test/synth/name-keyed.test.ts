import { spawnSync } from 'child_process';
import * as path from 'path';
import * as v8 from 'v8';
import { Construct } from 'constructs';
import { App, Stack, Volume, Workload } from '../../lib';
import { nameKeyedChildren, nameKeyedRecord, sortedNameKeyedRecord } from '../../lib/model/name-keyed';
import { renderSwarmStack } from '../../lib/swarm/stack';
import { REPO } from '../support/paths';

// V8 intrinsics, to look at hidden classes (lib/model/name-keyed.ts). The
// flag only affects functions compiled after it is set.
v8.setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
v8.setFlagsFromString('--no-allow-natives-syntax');

describe('name-keyed objects (performance: V8 dictionary mode)', () => {
  test('nameKeyedRecord: an empty plain object, in dictionary mode, keys in insertion order', () => {
    const r = nameKeyedRecord<number>();
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.keys(r)).toEqual([]);
    r.b = 1;
    r.a = 2;
    expect(Object.keys(r)).toEqual(['b', 'a']);
    expect(JSON.stringify(r)).toBe('{"b":1,"a":2}');
    expect(hasFastProperties(r)).toBe(false);
  });

  test('sortedNameKeyedRecord: sorted keys, mapped values, an own __proto__ stays an own key', () => {
    const input = JSON.parse('{"b": 1, "__proto__": 3, "a": 2}') as Record<string, number>;
    const out = sortedNameKeyedRecord(input, (v) => v * 10);
    expect(Object.keys(out)).toEqual(['__proto__', 'a', 'b']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')).toEqual({ value: 30, enumerable: true, writable: true, configurable: true });
    expect(out).toEqual(Object.fromEntries(Object.keys(input).sort().map((k) => [k, input[k] * 10])));
    expect(hasFastProperties(out)).toBe(false);
  });

  test('nameKeyedChildren leaves no child behind and keeps the children in order', () => {
    const root = new Construct(undefined as unknown as Construct, '');
    const scope = new Construct(root, 'scope');
    nameKeyedChildren(scope);
    expect(scope.node.children).toEqual([]);
    new Construct(scope, 'b');
    new Construct(scope, 'a');
    expect(scope.node.children.map((c) => c.node.id)).toEqual(['b', 'a']);
    expect(root.node.findAll().map((c) => c.node.path)).toEqual(['', 'scope', 'scope/b', 'scope/a']);
    expect(hasFastProperties((scope.node as unknown as { _children: object })._children)).toBe(false);
  });

  test('a Stack has no hidden children; the Compose name maps are dictionaries', () => {
    const app = new App();
    const s = new Stack(app, 'shop');
    expect(s.node.children).toEqual([]);
    new Workload(s, 'api', { image: 'nginx:1.27' }).mountVolume('/data', new Volume(s, 'data'));
    expect(s.node.children.map((c) => c.node.id)).toEqual(['api', 'data']);
    const compose = renderSwarmStack(s).compose;
    expect(hasFastProperties(compose.services)).toBe(false);
    expect(hasFastProperties(compose.volumes!)).toBe(false);
  });

  // The regression this guards against: with more than 1,536 stacks, the
  // objects cdk8s builds for the same kind of workload stopped sharing hidden
  // classes (twice the Kubernetes rendering time per workload). In a plain
  // node process: Jest's sandbox is not what users run.
  test('after rendering 1,700 stacks, the objects cdk8s builds still share hidden classes', () => {
    const r = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '-r', 'tsx/cjs', path.join(REPO, 'test', 'support', 'hidden-classes.ts'), '1700'],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ spec: true, podSpec: true });
  });
});
