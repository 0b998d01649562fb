import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BIN, cli, CliResult, writeApp } from '../cli/support';
import { tempDir } from '../support/synth';
import { projectFiles } from '../../lib/cli/init-templates';
import { contents, leftovers, snapshot, STEERED_APP } from './support/output-dir';

/*
 * The output directory: nothing lost, whatever happens (issue 13, items 1,
 * 2, 4, 5 and 6). Crashes (item 3) are in crash.test.ts.
 */

let dir: string;
let out: string;
let appA: string;
let appB: string;
beforeEach(() => {
  dir = tempDir('conductor-outdir-');
  out = path.join(dir, 'dist');
  appA = writeApp(dir, 'a.ts', STEERED_APP);
  appB = writeApp(dir, 'b.ts', STEERED_APP);
});
afterEach(() => {
  spawnSync('chmod', ['-R', 'u+w', dir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

const synth = (app: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => cli(['synth', '--app', app, '--out', out, ...args], { env });
const ok = (r: CliResult) => {
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  return r;
};
/** Exit 1 and one line on stderr: `conductor: <message>`, no "unexpected error". */
const refused = (r: CliResult, message: RegExp) => {
  expect(r.status).toBe(1);
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines).toEqual([expect.stringMatching(message)]);
  expect(r.stderr).not.toContain('unexpected error');
};

/** Files a user keeps in the output directory: a binary, an executable script, a symlink. */
function addUserFiles(): void {
  fs.mkdirSync(path.join(out, 'tools'));
  fs.writeFileSync(path.join(out, 'tools', 'blob.bin'), Buffer.from([...Array(64).keys()].map((i) => (i * 37 + 128) % 256)));
  fs.writeFileSync(path.join(out, 'tools', 'deploy.sh'), '#!/bin/sh\necho deploy\n', { mode: 0o755 });
  fs.symlinkSync('kubernetes/alpha', path.join(out, 'latest'));
}
const USER_FILES = ['latest', 'tools', 'tools/blob.bin', 'tools/deploy.sh'];

describe('1. a partial synth leaves every file it does not render untouched: bytes, mode, links, inode', () => {
  test.each([
    ['--stack alpha', ['--stack', 'alpha'], /^(alpha\.md|kubernetes\/alpha\/|swarm\/alpha\/|kubernetes\/kustomization\.yaml|\.conductor-output)/, 'beta.md'],
    ['--target swarm', ['--target', 'swarm'], /^(swarm\/|alpha\.md|beta\.md|\.conductor-output)/, 'kubernetes/beta/beta.k8s.yaml'],
  ])('%s', (_name, args, rendered, ofTheApp) => {
    ok(synth(appA));
    addUserFiles();
    const before = snapshot(out);
    ok(synth(appA, args, { REPLICAS: '3' }));
    const after = snapshot(out);
    const untouched = [...before.keys()].filter((p) => !rendered.test(p));
    expect(untouched).toEqual(expect.arrayContaining([...USER_FILES, ofTheApp]));
    for (const p of untouched) expect({ p, entry: after.get(p) }).toEqual({ p, entry: before.get(p) });
  });

  test('a synth that changes nothing touches nothing, and the directory itself is the same one', () => {
    ok(synth(appA));
    addUserFiles();
    const before = snapshot(dir);
    ok(synth(appA));
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('2. a synth never deletes what it did not write', () => {
  test('another app is refused with one line naming the owner and the two ways on; nothing changes', () => {
    ok(synth(appA));
    const before = snapshot(dir);
    const r = synth(appB, [], { STACKS: 'gamma' });
    refused(r, /^conductor: .*dist holds the output of a\.ts \(\d+ files\), not of b\.ts: write this app elsewhere with --out DIR, or take the directory over with --take-over/);
    expect(snapshot(dir)).toEqual(before);
    // check and diff say the same.
    refused(cli(['check', '--app', appB, '--out', out]), /holds the output of a\.ts/);
  });

  test('--take-over: the new owner prunes the old owner\'s files it does not write, and keeps the user\'s', () => {
    ok(synth(appA));
    addUserFiles();
    const r = ok(synth(appB, ['--take-over'], { STACKS: 'gamma' }));
    expect(r.stdout).toContain(`kept 3 files not written by conductor in ${out}: latest, tools/blob.bin, tools/deploy.sh\n`);
    const files = [...contents(out).keys()];
    expect(files.filter((f) => /alpha|beta/.test(f) && f !== 'latest')).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['gamma.md', 'swarm/gamma/compose.yaml', 'tools/blob.bin']));
    expect(JSON.parse(fs.readFileSync(path.join(out, '.conductor-output'), 'utf8')).app).toBe('b.ts');
    ok(synth(appB, [], { STACKS: 'gamma' }));
  });

  test('the same app prunes what it wrote and no longer renders; files nobody wrote are kept and listed', () => {
    ok(synth(appA));
    addUserFiles();
    fs.writeFileSync(path.join(out, 'kubernetes', 'notes.txt'), 'mine\n');
    const user = snapshot(out);
    const r = ok(synth(appA, [], { STACKS: 'alpha' }));
    expect(r.stdout).toContain(`kept 4 files not written by conductor in ${out}: kubernetes/notes.txt, latest, tools/blob.bin, tools/deploy.sh`);
    const after = snapshot(out);
    expect([...after.keys()].filter((p) => p.includes('beta'))).toEqual([]);
    for (const p of [...USER_FILES, 'kubernetes/notes.txt']) expect(after.get(p)).toEqual(user.get(p));
  });

  test('the marker records the app and its files, byte for byte the same from another directory', () => {
    ok(synth(appA));
    const marker = fs.readFileSync(path.join(out, '.conductor-output'), 'utf8');
    const record = JSON.parse(marker);
    expect(record.app).toBe('a.ts');
    expect(record.files).toEqual([...contents(out).keys()].filter((f) => f !== '.conductor-output'));
    const elsewhere = tempDir('conductor-outdir-cwd-');
    try {
      ok(cli(['synth', '--app', path.relative(elsewhere, appA), '--out', path.join(dir, 'dist2')], { cwd: elsewhere }));
      expect(fs.readFileSync(path.join(dir, 'dist2', '.conductor-output'), 'utf8')).toBe(marker);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('a file of the user where the app now writes one is refused, not overwritten', () => {
    ok(synth(appA));
    fs.writeFileSync(path.join(out, 'gamma.md'), 'my notes\n');
    const before = snapshot(dir);
    refused(synth(appA, [], { STACKS: 'alpha,beta,gamma' }), /gamma\.md is in the way: a\.ts writes it, but it was not written by conductor .*move it away, or overwrite it with --take-over$/);
    expect(snapshot(dir)).toEqual(before);
  });

  test('the import hint cannot destroy anything: with dist owned by another app it names a directory of its own', () => {
    ok(synth(appA));
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx:1.27\n');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
    // The generated app imports the package: here, this checkout.
    const pkg = path.join(dir, 'node_modules', 'cdk8s-conductor');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'cdk8s-conductor', main: 'index.ts' }));
    fs.writeFileSync(path.join(pkg, 'index.ts'), `export * from ${JSON.stringify(path.join(__dirname, '..', '..', 'lib'))};\n`);
    const r = cli(['import', 'docker-compose.yml', '--name', 'shop'], { cwd: dir });
    expect(r.status).toBe(0);
    const next = /^next: (.*?)( {3}\(.*)?$/m.exec(r.stdout)!;
    expect(next[1]).toBe('npx conductor synth --app apps/shop.ts --out dist-shop');
    const before = snapshot(out);
    const args = next[1].split(' ').slice(2);
    expect(cli(args, { cwd: dir }).status).toBe(0);
    expect(snapshot(out)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'dist-shop', 'swarm', 'shop', 'compose.yaml'))).toBe(true);
  });
});

describe('directories written by an earlier version (plain-text marker, no app recorded)', () => {
  const LEGACY = 'This directory is written by `conductor synth` and replaced as a whole at every synth.\n';

  test('adopted when the app renders every file of its layout; the marker becomes a record', () => {
    ok(synth(appA));
    fs.writeFileSync(path.join(out, '.conductor-output'), LEGACY);
    fs.writeFileSync(path.join(out, 'README.txt'), 'mine\n');
    const r = ok(synth(appA));
    expect(r.stdout).toContain('kept 1 file not written by conductor');
    expect(JSON.parse(fs.readFileSync(path.join(out, '.conductor-output'), 'utf8')).app).toBe('a.ts');
  });

  test('files the app would remove make it ask for --take-over once; then they go', () => {
    ok(synth(appA));
    fs.writeFileSync(path.join(out, '.conductor-output'), LEGACY);
    const before = snapshot(dir);
    refused(synth(appB, [], { STACKS: 'alpha' }), /was written by an earlier conductor version that did not record its app, and b\.ts does not write 5 of its files: if they are this app's old output, run once with --take-over/);
    expect(snapshot(dir)).toEqual(before);
    ok(synth(appB, ['--take-over'], { STACKS: 'alpha' }));
    expect([...contents(out).keys()].filter((f) => f.includes('beta'))).toEqual([]);
  });
});

describe('4. refused before reading: one line saying what to do', () => {
  test('--out / is refused at once', () => {
    const started = Date.now();
    refused(synth(appA, ['--out', '/']), /^conductor: refusing to write into \/ \(the file system root\): choose an output directory with --out DIR$/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('--out $HOME is refused, even with --take-over', () => {
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, '.bashrc'), '# mine\n');
    const r = cli(['synth', '--app', appA, '--out', home, '--take-over'], { env: { HOME: home } });
    refused(r, /^conductor: refusing to write into .*home \(the home directory\)/);
    expect(fs.readdirSync(home)).toEqual(['.bashrc']);
  });

  test('--out FILE is an OutputError, not ENOTDIR', () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'x\n');
    refused(synth(appA, ['--out', file]), /^conductor: .*notes\.txt is not a directory: choose a directory for the output with --out DIR$/);
    expect(fs.readFileSync(file, 'utf8')).toBe('x\n');
  });
});

/** Runs the CLI as an unprivileged user when the tests run as root (root ignores permission bits). */
function unprivileged(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'setpriv' : process.execPath;
  const argv = asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args] : [BIN, ...args];
  const r = spawnSync(command, argv, { encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', HOME: dir, ...env }, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('5. a read-only output directory: an OutputError and the previous output unchanged', () => {
  beforeEach(() => {
    // The unprivileged user may write the parent (where earlier versions staged) but not the output.
    fs.chmodSync(dir, 0o777);
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', '65534:65534', dir]);
    ok(synth(appA));
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', '0:0', out]);
  });

  test('the whole directory read-only', () => {
    spawnSync('chmod', ['-R', 'a-w', out]);
    const before = snapshot(dir);
    refused(unprivileged(['synth', '--app', appA, '--out', out], { REPLICAS: '4' }), /^conductor: cannot write .*dist \(the previous output is unchanged\): EACCES: permission denied/);
    expect(snapshot(dir)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  test('one stack directory read-only: what was prepared elsewhere is rolled back', () => {
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', '65534:65534', out]);
    spawnSync('chmod', ['-R', 'a-w', path.join(out, 'swarm', 'beta')]);
    const before = snapshot(dir);
    refused(unprivileged(['synth', '--app', appA, '--out', out], { REPLICAS: '4' }), /^conductor: cannot write .*dist \(the previous output is unchanged\): EACCES: permission denied, .*swarm\/beta/);
    expect(snapshot(dir)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('6. a symlinked output directory is written through', () => {
  test('dist -> ../deploy/dist stays a link; the files go to its target', () => {
    const real = path.join(dir, 'deploy', 'dist');
    fs.mkdirSync(path.dirname(real));
    fs.symlinkSync(path.join('deploy', 'dist'), out);
    ok(synth(appA));
    ok(synth(appA, [], { REPLICAS: '2', STACKS: 'alpha' }));
    expect(fs.lstatSync(out).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(out)).toBe(path.join('deploy', 'dist'));
    expect(fs.readFileSync(path.join(real, 'kubernetes', 'alpha', 'alpha.k8s.yaml'), 'utf8')).toContain('replicas: 2');
    expect(fs.existsSync(path.join(real, 'beta.md'))).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.ts', 'b.ts', 'deploy', 'dist']);
  });
});

describe('3. transient files are ignored by git', () => {
  test('the init template and this repository ignore .conductor-tmp-* and .conductor-old-*, and not the marker', () => {
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    const run = (...args: string[]) => spawnSync('git', args, { cwd: project, encoding: 'utf8' });
    run('init', '-q');
    const v = { library: 'file:x.tgz', constructs: '1', tsx: '1', typescript: '1', typesNode: '1' };
    const files = projectFiles({ name: 'project', stackName: 'web', versions: v, tarballName: 'x.tgz' });
    fs.writeFileSync(path.join(project, '.gitignore'), files['.gitignore']);
    const paths = [
      'dist/.conductor-tmp-journal', 'dist/swarm/.conductor-tmp-new-compose.yaml', '.conductor-tmp-dist-1-ab', '.conductor-old-dist-1-ab/x',
    ];
    expect(run('check-ignore', ...paths, 'dist/.conductor-output').stdout.trim().split('\n')).toEqual(paths);
    fs.copyFileSync(path.join(__dirname, '..', '..', '.gitignore'), path.join(project, '.gitignore'));
    expect(run('check-ignore', ...paths, 'dist/.conductor-output').stdout.trim().split('\n')).toEqual(paths);
  });
});
