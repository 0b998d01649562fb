import * as fs from 'fs';
import * as path from 'path';
import { defineExamples } from '../../apps';
import { App, Stack, Workload } from '../../lib';
import { reportWarnings } from '../../lib/synth/app';
import { stackMarkdown } from '../../lib/synth/graph';
import { cli, writeApp } from '../cli/support';
import { problemsOf } from '../support/oracle';
import { tempDir } from '../support/synth';
import { BUSYBOX } from '../support/warnings';

/**
 * The Warning severity (issue 17): run-time warnings are printed by synth,
 * check and diff, do not stop synth, become errors under strict (App prop,
 * synth option, `--strict`), and are listed in `<stack>.md`.
 */

const MOVES = 'the tag moves, so the same commit deploys different software over time; pin a version tag or a digest (@sha256:...)';
const NO_SERVICE = 'names db ("postgres://app@db"), but db declares no port, so it has no Service and the name does not resolve on Kubernetes (on ' +
  'Swarm it does); '
  + 'declare the port it listens on';

/** One neutral warning (an untagged image) and one Kubernetes warning (a name without a Service). */
function warned(strict = false): App {
  const app = new App({ strict });
  const s = new Stack(app, 's');
  new Workload(s, 'db', { image: 'postgres' });
  new Workload(s, 'api', { image: BUSYBOX, env: { DB: 'postgres://app@db/app' } });
  return app;
}

describe('warnings do not stop synth', () => {
  test('render returns them, with the target they concern; reportWarnings prints each', () => {
    const out = warned().render();
    expect(out.warnings).toEqual([
      { path: 's/db', field: 'image', message: `"postgres" has no tag or digest (both targets pull "latest"): ${MOVES}` },
      { path: 's/api', field: 'env["DB"]', target: 'kubernetes', message: NO_SERVICE },
    ]);
    const lines: string[] = [];
    reportWarnings(out, (l) => lines.push(l));
    expect(lines).toEqual([
      `warning: s/db: image: "postgres" has no tag or digest (both targets pull "latest"): ${MOVES}`,
      `warning: s/api: env["DB"]: [kubernetes] ${NO_SERVICE}`,
    ]);
  });

  test('a warning of a target not rendered is left out', () => {
    expect(warned().render({ targets: ['swarm'] }).warnings.map((w) => w.field)).toEqual(['image']);
  });
});

describe('strict: every warning is an error', () => {
  const expected = [
    {
      path: 's/db',
      field: 'image',
      rule: `strict mode forbids run-time warnings: "postgres" has no tag or digest (both targets pull "latest"): ${MOVES}`,
    },
    { path: 's/api', field: 'env["DB"]', rule: `strict mode forbids run-time warnings: [kubernetes] ${NO_SERVICE}` },
  ];

  test('new App({ strict: true })', () => {
    expect(problemsOf(warned(true)).problems).toEqual(expected);
  });

  test('the synth option strict, on a non-strict App; only the rendered targets count', () => {
    expect(problemsOf(warned(), { strict: true }).problems).toEqual(expected);
    expect(problemsOf(warned(), { strict: true, targets: ['swarm'] }).problems).toEqual([expected[0]]);
  });
});

describe('the CLI', () => {
  let dir: string;
  let app: string;
  beforeEach(() => {
    dir = tempDir('conductor-runtime-');
    app = writeApp(dir, 'app.ts', `import { App, Stack, Workload } from 'LIB';
const app = new App();
const s = new Stack(app, 's');
new Workload(s, 'db', { image: 'postgres' });
new Workload(s, 'api', { image: 'busybox:1.36', env: { DB: 'postgres://app@db/app' } });
app.synth();
`);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('synth prints the warnings on stderr, counts them per stack and writes', () => {
    const out = path.join(dir, 'out');
    const r = cli(['synth', '--app', app, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `warning: s/db: image: "postgres" has no tag or digest (both targets pull "latest"): ${MOVES}`,
      `warning: s/api: env["DB"]: [kubernetes] ${NO_SERVICE}`,
    ]);
    expect(r.stdout).toMatch(/^s: .*; 2 warnings$/m);
    expect(fs.existsSync(path.join(out, 's.md'))).toBe(true);
  });

  test('synth --strict and check --strict fail with the problems, and write nothing', () => {
    const out = path.join(dir, 'out');
    const r = cli(['synth', '--strict', '--app', app, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('s/db: image: strict mode forbids run-time warnings: "postgres" has no tag or digest');
    expect(r.stderr).toContain('s/api: env["DB"]: strict mode forbids run-time warnings: [kubernetes] names db');
    expect(fs.existsSync(out)).toBe(false);
    expect(cli(['synth', '--app', app, '--out', out]).status).toBe(0);
    const check = cli(['check', '--strict', '--app', app, '--out', out]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('strict mode forbids run-time warnings');
    expect(cli(['check', '--app', app, '--out', out]).status).toBe(0);
    expect(cli(['synth', '--strict', '--target', 'swarm', '--app', app, '--out', out]).stderr).not.toContain('[kubernetes]');
  });

  test('--strict is in the usage text', () => {
    expect(cli(['--help']).stdout).toContain('--strict          target gaps and run-time warnings are errors');
  });
});

describe('<stack>.md lists the run-time warnings of every target', () => {
  test('a section after Security, each warning with its workload, field and target', () => {
    const md = stackMarkdown(warned().stacks[0]);
    expect(md.slice(md.indexOf('## Run-time warnings'))).toBe([
      '## Run-time warnings',
      '',
      'What would fail or misbehave once deployed (`conductor synth --strict` refuses it; see Conductor\'s docs/runtime-checks.md):',
      '',
      `- \`db\` \`image\`: "postgres" has no tag or digest (both targets pull "latest"): ${MOVES}`,
      `- \`api\` \`env["DB"]\` (Kubernetes only): ${NO_SERVICE}`,
      '',
    ].join('\n'));
  });

  test('none for a stack without warnings', () => {
    const app = new App();
    new Workload(new Stack(app, 's'), 'w', { image: BUSYBOX });
    expect(stackMarkdown(app.stacks[0])).not.toContain('Run-time warnings');
  });
});

test('no false alarms: the examples raise no run-time warning', () => {
  const app = defineExamples(new App());
  expect(app.render().warnings).toEqual([]);
  for (const s of app.stacks) expect(stackMarkdown(s)).not.toContain('Run-time warnings');
});
