import { Config, Workload } from '../../lib';
import type { ConfigProps } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const bad = <T>(x: unknown) => x as T;
const FILE_RULE = 'must be one path segment of letters, digits, "-", "_" and "." (a ConfigMap key)';
const config = (props: ConfigProps, id = 'cfg'): InvalidCase[1] => (s) => {
  new Workload(s, 'w', { image: 'busybox:1.36' });
  new Config(s, id, props);
};

const cases: InvalidCase[] = [
  ['no files and no env', config({}), { path: 's/cfg', field: 'files', rule: 'a Config needs at least one file or env entry' }],
  ['file name with "/"', config({ files: { 'conf.d/a.conf': 'x' } }), { path: 's/cfg', field: 'files["conf.d/a.conf"]', rule: FILE_RULE, value: 'conf.d/a.conf' }],
  ['file name ".."', config({ files: { '..': 'x' } }), { path: 's/cfg', field: 'files[".."]', rule: 'must not be "." or ".." (the API server refuses them as keys: they name directories)', value: '..' }],
  ['file name with a space', config({ files: { 'a b': 'x' } }), { path: 's/cfg', field: 'files["a b"]', rule: FILE_RULE, value: 'a b' }],
  ['file content not a string', config({ files: { 'a.json': bad<string>({ a: 1 }) } }), { path: 's/cfg', field: 'files["a.json"]', rule: 'content must be a string', value: { a: 1 } }],
  ['env name with "."', config({ env: { 'log.level': 'x' } }), { path: 's/cfg', field: 'env["log.level"]', rule: 'must be letters, digits and "_", not starting with a digit', value: 'log.level' }],
  ['env value not a string', config({ env: { PORT: bad<string>(80) } }), { path: 's/cfg', field: 'env["PORT"]', rule: 'value must be a string', value: 80 }],
  ['an env entry with the name of a file', config({ files: { LOG_LEVEL: 'x' }, env: { LOG_LEVEL: 'info' } }),
    { path: 's/cfg', field: 'env["LOG_LEVEL"]', rule: 'must not have the name of a file of the same config', value: 'LOG_LEVEL' }],
  ['more than 500KiB of files', config({ files: { a: 'x'.repeat(300 * 1024), b: 'y'.repeat(300 * 1024) } }),
    { path: 's/cfg', field: 'files', rule: 'total size must be at most 500KiB', value: `${600 * 1024} bytes` }],
];

describe('Config props: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });

  test('stack, config and file names too long for a Swarm config name (64)', () => {
    const stackName = 'a'.repeat(20);
    const { app, stack } = newStack(stackName);
    config({ files: { [`${'f'.repeat(10)}.conf`]: 'x' } }, 'c'.repeat(30))(stack);
    expectProblem(app, { path: `${stackName}/${'c'.repeat(30)}`, field: `files["${'f'.repeat(10)}.conf"]`, rule: 'must be at most 64 characters', value: `${'f'.repeat(10)}.conf` });
  });

  test('exactly 500KiB is fine', () => {
    const { app, stack } = newStack('s');
    config({ files: { a: 'x'.repeat(500 * 1024) } })(stack);
    expect(() => app.render()).not.toThrow();
  });
});
