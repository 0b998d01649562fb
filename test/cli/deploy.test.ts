import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { swarmOutput } from '../../lib/cli/swarm-output';
import { cli, TWO_STACKS, writeApp } from './support';

/*
 * `conductor deploy` and `conductor status` read the committed stack files
 * and refuse stale ones. (What they do on an engine: test/delivery with a
 * fake engine, and the e2e scenario test/e2e/scenarios/deliver.ts.)
 */
describe('deploy and status: the stack files they read', () => {
  let dir: string;
  let app: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-deploy-cli-'));
    app = writeApp(dir, 'app.ts', TWO_STACKS);
    expect(cli(['synth', '--app', app], { cwd: dir }).status).toBe(0);
  });

  test('the Swarm stacks of the output directory, in a stable order, read as synth wrote them', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      // (Once: the app file runs once per process.)
      const stacks = swarmOutput({ app });
      expect(stacks.map((s) => [s.name, path.relative(dir, s.dir)])).toEqual([['alpha', 'dist/swarm/alpha'], ['beta', 'dist/swarm/beta']]);
      expect(stacks[0].compose.services.web.deploy.replicas).toBe(2);
    } finally {
      process.chdir(cwd);
    }
  });

  test('a stale output directory is refused with the file and the fix; nothing runs docker', () => {
    for (const command of ['deploy', 'status']) {
      const r = cli([command, '--app', app], { cwd: dir, env: { ALPHA_REPLICAS: '3', PATH: '/nonexistent' } });
      expect({ command, status: r.status }).toEqual({ command, status: 1 });
      expect(r.stderr).toContain('dist is stale: 1 Swarm file differs from what');
      expect(r.stderr).toContain('dist/swarm/alpha/compose.yaml');
      expect(r.stderr).toContain('run `conductor synth` and commit the result');
    }
  });

  test('usage errors: a bad --timeout or --resolve-image, an option of another command', () => {
    expect(cli(['deploy', '--timeout', '5 minutes'], { cwd: dir }).stderr).toContain(
      '--timeout must be a duration such as "90s" or "5m", not "5 minutes"',
    );
    expect(cli(['deploy', '--resolve-image', 'sometimes'], { cwd: dir }).stderr).toContain('--resolve-image must be always, changed or never');
    const r = cli(['status', '--no-rollback'], { cwd: dir });
    expect({ status: r.status, stderr: r.stderr.trim() }).toEqual({
      status: 2,
      stderr: 'conductor: status takes no option --no-rollback (see conductor --help)',
    });
  });

  test('an engine that does not answer: deploy stops at preflight (exit 1), nothing deployed', () => {
    const r = cli(['deploy', '--app', app], { cwd: dir, env: { DOCKER_HOST: `unix://${path.join(dir, 'no-engine.sock')}` } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/preflight failed, nothing was deployed:\n {2}- the Docker engine does not answer \(docker info\)/);
  });
});
