import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../support/synth';
import { cli, CliResult, errors, TWO_STACKS, writeApp } from './support';

let dir: string;
beforeAll(() => {
  dir = tempDir('conductor-errors-');
  writeApp(dir, 'ok.ts', TWO_STACKS);
  writeApp(dir, 'throws.ts', `import { App } from 'LIB';
new App();
function connect(): never {
  throw new Error('DATABASE_URL is not set');
}
connect();
`);
  writeApp(dir, 'no-stacks.ts', `import { App } from 'LIB';
new App().synth();
`);
  writeApp(dir, 'no-app.ts', 'export const nothing = 1;\n');
  writeApp(dir, 'syntax.ts', 'const x: number = ;\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Exit code 1 and exactly one line on stderr, without a stack trace. */
function expectOneLine(r: CliResult, pattern: RegExp): void {
  const lines = errors(r.stderr);
  expect({ lines, status: r.status }).toEqual({ lines: [expect.stringMatching(pattern)], status: 1 });
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe('errors: one line with the cause, exit 1, a stack trace only with --verbose', () => {
  test('app file not found', () => {
    expectOneLine(cli(['synth', '--app', 'missing/main.ts'], { cwd: dir }), /^conductor: app file not found: missing\/main\.ts \(choose one with --app FILE\)$/);
    expectOneLine(cli(['synth'], { cwd: dir }), /^conductor: app file not found: apps\/main\.ts/);
    expectOneLine(cli(['synth', '--app', '.'], { cwd: dir }), /^conductor: app file is not a file: \.$/);
  });

  test('an app that throws: the message and where it was thrown', () => {
    const r = cli(['synth', '--app', 'throws.ts'], { cwd: dir });
    expectOneLine(r, /^conductor: the app throws\.ts threw at throws\.ts:4: DATABASE_URL is not set \(--verbose for the stack trace\)$/);
    const v = cli(['synth', '--app', 'throws.ts', '--verbose'], { cwd: dir });
    expect(v.status).toBe(1);
    expect(v.stderr).toMatch(/^Error: DATABASE_URL is not set\n\s+at connect \(.*throws\.ts:4:\d+\)/m);
  });

  test('an app that does not compile', () => {
    expectOneLine(cli(['synth', '--app', 'syntax.ts'], { cwd: dir }), /^conductor: the app syntax\.ts threw: Transform failed with 1 error: .*syntax\.ts:1:\d+: ERROR: Unexpected ";"/);
  });

  test('an app with no stacks, and a file that creates no App', () => {
    expectOneLine(cli(['synth', '--app', 'no-stacks.ts'], { cwd: dir }), /^conductor: the app no-stacks\.ts defines no stacks: add a Stack to the App/);
    expectOneLine(cli(['check', '--app', 'no-app.ts'], { cwd: dir }), /^conductor: the app no-app\.ts created no App: call new App\(\) and add stacks to it$/);
  });

  test('an output directory that cannot be written', () => {
    fs.writeFileSync(path.join(dir, 'a-file'), '');
    expectOneLine(cli(['synth', '--app', 'ok.ts', '--out', 'a-file/dist'], { cwd: dir }), /^conductor: cannot use a-file\/dist as the output directory: ENOTDIR: not a directory/);
    // Tests may run as root, which ignores permission bits: /proc refuses everyone.
    expectOneLine(cli(['synth', '--app', 'ok.ts', '--out', '/proc/conductor-dist'], { cwd: dir }), /^conductor: cannot write \/proc\/conductor-dist: /);
    expect(fs.existsSync('/proc/conductor-dist')).toBe(false);
  });

  test('a directory that conductor did not write is never replaced', () => {
    fs.mkdirSync(path.join(dir, 'project'));
    fs.writeFileSync(path.join(dir, 'project', 'notes.txt'), 'mine\n');
    expectOneLine(cli(['synth', '--app', 'ok.ts', '--out', 'project'], { cwd: dir }), /^conductor: refusing to write into .*project: it is not empty and was not written by conductor \(no \.conductor-output file\); choose another --out, or add this app's files to it with --take-over \(nothing in it is removed\)$/);
    expect(fs.readdirSync(path.join(dir, 'project'))).toEqual(['notes.txt']);
  });

  test('validation problems: every problem listed, one per line, with the construct path', () => {
    const r = cli(['synth', '--app', 'ok.ts', '--out', 'out'], { cwd: dir, env: { ALPHA_REPLICAS: '-1', BETA_REPLICAS: '1.5' } });
    expect(r.status).toBe(1);
    expect(errors(r.stderr)).toEqual([
      'conductor: Conductor found 2 problems; nothing was written:',
      '  - alpha/web: replicas: must be a non-negative integer (got -1)',
      '  - beta/web: replicas: must be a non-negative integer (got 1.5)',
    ]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
