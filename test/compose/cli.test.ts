import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../support/paths';
import { conductor, FIXTURE_ENV, fixtureFile, fixtureNames, noteLines, projectDir } from './support';

/** `conductor import`: files, names, flags, and TypeScript that type-checks strictly. */

let dir: string;
beforeEach(() => {
  dir = projectDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function compose(rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const SIMPLE = 'services:\n  web:\n    image: nginx:1.27\n    container_name: web\n    ports: ["80:8080"]\n';

test('writes apps/<stack>.ts, the stack named after the directory of a docker-compose.yml', () => {
  compose('shop/docker-compose.yml', SIMPLE);
  const r = conductor(['import', 'shop/docker-compose.yml'], { cwd: dir });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(
    'imported shop/docker-compose.yml as stack shop: 1 Workload\nwrote apps/shop.ts; 4 notes (printed above and written into the file)\n' +
      'next: npx conductor synth --app apps/shop.ts\n',
  );
  expect(noteLines(r.stderr)).toContainEqual(expect.stringMatching(/^services\.web\.container_name: dropped: /));
  const code = fs.readFileSync(path.join(dir, 'apps', 'shop.ts'), 'utf8');
  expect(code).toContain("import { App, Exposure, RolloutOrder, Stack, Workload } from 'cdk8s-conductor';");
  expect(code).toContain("const stack = new Stack(app, 'shop');");
  expect(code).toContain('//   note: services.web.container_name: dropped:');
  // It runs as it is.
  const synth = conductor(['synth', '--app', 'apps/shop.ts', '--out', 'dist'], { cwd: dir });
  expect(synth.status).toBe(0);
  expect(fs.existsSync(path.join(dir, 'dist', 'swarm', 'shop', 'compose.yaml'))).toBe(true);
});

test('a file with its own name names the stack; --name overrides', () => {
  compose('stacks/billing.yml', SIMPLE);
  expect(conductor(['import', 'stacks/billing.yml'], { cwd: dir }).stdout).toContain('as stack billing:');
  expect(conductor(['import', 'stacks/billing.yml', '--name', 'pay', '--out', 'x/pay.ts'], { cwd: dir }).stdout).toContain('as stack pay:');
  expect(fs.readFileSync(path.join(dir, 'x', 'pay.ts'), 'utf8')).toContain("new Stack(app, 'pay')");
});

test('refuses to overwrite without --force', () => {
  compose('a/docker-compose.yml', SIMPLE);
  expect(conductor(['import', 'a/docker-compose.yml'], { cwd: dir }).status).toBe(0);
  const again = conductor(['import', 'a/docker-compose.yml'], { cwd: dir });
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('apps/a.ts exists: choose another --out, or overwrite it with --force');
  expect(conductor(['import', 'a/docker-compose.yml', '--force'], { cwd: dir }).status).toBe(0);
});

test('--env-file gives interpolation variables; the shell\'s environment only with --use-env, and then it wins', () => {
  compose('v/docker-compose.yml', 'services:\n  web:\n    image: "nginx:${NGINX_TAG}"\n    environment: {MODE: "${MODE}"}\n');
  fs.writeFileSync(path.join(dir, 'v', 'vars.env'), 'NGINX_TAG=1.27\nMODE=file\n');
  const r = conductor(['import', 'v/docker-compose.yml', '--env-file', 'v/vars.env'], { cwd: dir, env: { ...FIXTURE_ENV, MODE: 'shell' } });
  expect(r.status).toBe(0);
  const code = fs.readFileSync(path.join(dir, 'apps', 'v.ts'), 'utf8');
  expect(code).toContain("image: 'nginx:1.27'");
  expect(code).toContain("env: { MODE: 'file' }");
  const opted = conductor(['import', 'v/docker-compose.yml', '--env-file', 'v/vars.env', '--use-env', '--force'], {
    cwd: dir,
    env: { ...FIXTURE_ENV, MODE: 'shell' },
  });
  expect(opted.status).toBe(0);
  expect(fs.readFileSync(path.join(dir, 'apps', 'v.ts'), 'utf8')).toContain("env: { MODE: 'shell' }");
  expect(opted.stderr).toContain('variable MODE was taken from the import environment');
});

test('inside this checkout too, the generated file imports the package by its name (like apps/*.ts), and synthesizes', () => {
  // Inside the checkout (scratch/ is git-ignored, and absent from a clean clone).
  fs.mkdirSync(path.join(REPO, 'scratch'), { recursive: true });
  const scratch = fs.mkdtempSync(path.join(REPO, 'scratch', 'compose-cli-'));
  try {
    const file = path.join(scratch, 'docker-compose.yml');
    fs.writeFileSync(file, SIMPLE);
    const out = path.join(scratch, 'apps', 'x.ts');
    expect(conductor(['import', file, '--out', out]).status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^import \{ [^}]+ \} from 'cdk8s-conductor';$/m);
    const synth = conductor(['synth', '--app', out, '--out', path.join(scratch, 'dist')], { cwd: scratch });
    // Only the settings the file leaves to the image, each said out loud.
    expect(synth.stderr.split('\n').filter((l) => l && !l.startsWith('SECURITY RISK: '))).toEqual([]);
    expect(synth.status).toBe(0);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

test('conductor --help lists import and its options', () => {
  const r = conductor(['--help']);
  expect(r.stdout).toContain('import FILE');
  expect(r.stdout).toContain('--env-file FILE');
  expect(conductor(['import', 'x.yml', '--app', 'a.ts']).stderr).toContain('import takes no option --app');
});

test('the TypeScript generated for every fixture type-checks with strict settings', () => {
  const files = fixtureNames().map((name) => {
    const out = path.join(dir, 'apps', `${name}.ts`);
    const r = conductor(['import', fixtureFile(name), '--out', out, '--use-env']);
    expect({ name, status: r.status }).toEqual({ name, status: 0 });
    return out;
  });
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'commonjs', strict: true, noUnusedLocals: true, noUnusedParameters: true, noImplicitReturns: true,
      esModuleInterop: true, resolveJsonModule: true, skipLibCheck: true, noEmit: true, types: ['node'], typeRoots: [
        path.join(REPO, 'node_modules', '@types'),
      ],
      baseUrl: '.', paths: { 'cdk8s-conductor': [path.join(REPO, 'lib')] },
    },
    files,
  }));
  const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
}, 120_000);

test('the notes printed are the notes in the file, for the whole file and per service', () => {
  const out = path.join(dir, 'wp.ts');
  const r = conductor(['import', fixtureFile('wordpress'), '--out', out]);
  const code = fs.readFileSync(out, 'utf8').replace(/\n\/\/\s+/g, ' ');
  const notes = noteLines(r.stderr);
  expect(notes.length).toBeGreaterThan(5);
  for (const n of notes) expect(code).toContain(n);
});
