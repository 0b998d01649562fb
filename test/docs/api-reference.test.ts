import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../support/paths';
import { readTree, tempDir } from '../support/synth';

/*
 * docs/api/ is the API reference, generated from the TSDoc comments of
 * lib/index.ts's exports by TypeDoc and typedoc-plugin-markdown
 * (typedoc.json, `npm run docs:api`). This fails when the committed
 * reference is stale, and when a public prop has no doc comment or, if
 * optional, no @default (tools/typedoc-props-check.mjs).
 */
const TYPEDOC = path.join(REPO, 'node_modules', 'typedoc', 'bin', 'typedoc');

function typedoc(args: string[]): { status: number; output: string } {
  const r = spawnSync(process.execPath, [TYPEDOC, ...args], { cwd: REPO, encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw r.error;
  // eslint-disable-next-line no-control-regex -- ESC (\x1b) starts the colour codes removed here
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

let out: string;
beforeAll(() => { out = tempDir('conductor-api-docs-'); });
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

test('docs/api is what `npm run docs:api` generates, and every public prop is documented', () => {
  const r = typedoc(['--out', out]);
  expect(r.output.split('\n').filter((l) => /\[(error|warning)\]/.test(l))).toEqual([]);
  expect(r.status).toBe(0);
  const generated = readTree(out);
  const committed = readTree(path.join(REPO, 'docs', 'api'));
  expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
  const stale = [...generated].filter(([file, bytes]) => !committed.get(file)?.equals(bytes)).map(([file]) => file);
  expect({ stale, fix: 'npm run docs:api' }).toEqual({ stale: [], fix: 'npm run docs:api' });
}, 180_000);

test('a public prop with no doc comment, or optional with no @default, fails the generation', () => {
  // typedoc.json of the repository, on test/docs/fixtures/undocumented-props.ts.
  const r = typedoc(['--options', path.join('test', 'docs', 'fixtures', 'typedoc.json'), '--out', path.join(out, 'fixture')]);
  expect(r.status).not.toBe(0);
  expect(r.output.split('\n').filter((l) => l.includes('public prop')).sort()).toEqual([
    '[error] public prop ForgetfulProps.defaultOnly: no doc comment',
    '[error] public prop ForgetfulProps.noDefault: optional, but no @default',
    '[error] public prop ForgetfulProps.undocumented: no doc comment',
  ]);
}, 180_000);
