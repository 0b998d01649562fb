import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO } from '../support/paths';

/*
 * Cold start: `npx conductor synth` must stay fast, so the CLI loads each
 * command's code (and cdk8s) only when that command runs. This checks the
 * property, not a wall time (which depends on the machine): after `help`
 * and a usage error no module of cdk8s, cdk8s-plus-27, yaml or diff is loaded.
 */
function loadedAfter(args: string[]): string[] {
  const script = `
require('tsx/cjs/api').register();
const { main } = require(${JSON.stringify(path.join(REPO, 'lib', 'cli', 'main.ts'))});
main(${JSON.stringify(args)}, { out: () => {}, err: () => {} }).then(() => {
  process.stdout.write(JSON.stringify(Object.keys(require.cache)));
});`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as string[];
}

const heavy = (files: string[]) => files.filter((f) => /node_modules\/(cdk8s|cdk8s-plus-27|yaml|diff)\//.test(f));

test('help and usage errors load neither cdk8s nor the renderers', () => {
  for (const args of [['--help'], ['synth', '--target', 'nope'], ['init', 'a', 'b'], ['deploy', '--timeout', 'x'], ['status', '--no-rollback']]) {
    const files = loadedAfter(args);
    expect(files.some((f) => f.endsWith(path.join('lib', 'cli', 'main.ts')))).toBe(true);
    expect({ args, heavy: heavy(files) }).toEqual({ args, heavy: [] });
    expect(files.filter((f) => /lib\/(kubernetes|swarm|synth)\//.test(f))).toEqual([]);
  }
});

test('the check shows what synth loads (so that the test above can fail)', () => {
  const files = loadedAfter(['graph', '--stack', 'web']);
  expect(heavy(files).length).toBeGreaterThan(0);
});
