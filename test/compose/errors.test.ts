import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, ComposeImportError, ComposeStack } from '../../lib';
import { conductor } from './support';

/**
 * Bad Compose input is an error that names the file, the line, the
 * service and the key, for every problem at once; nothing is imported
 * (no constructs left in the app, no file written).
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-compose-errors-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function importText(text: string, files: Record<string, string> = {}): ComposeImportError {
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, text);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  const app = new App();
  try {
    ComposeStack.fromFile(app, 'bad', file, { environment: {} });
  } catch (e) {
    expect(e).toBeInstanceOf(ComposeImportError);
    // A failed import leaves nothing in the app.
    expect(app.node.children).toHaveLength(0);
    return e as ComposeImportError;
  }
  throw new Error('expected a ComposeImportError');
}

/** [what, compose text, expected line of the message (after the file name)] */
const cases: [string, string, string][] = [
  ['unparseable YAML', 'services:\n  web:\n    image: nginx\n   ports: [80\n', ':4: (file): not valid YAML'],
  ['a top level that is not a mapping', '- web\n- db\n', ': (file): the top level must be a mapping'],
  ['a duplicate key', 'services:\n  web:\n    image: nginx\n    image: httpd\n', ':4: (file): not valid YAML: Map keys must be unique'],
  [
    'an unknown service key',
    'services:\n  web:\n    image: nginx\n    imagee: httpd\n',
    ':4: services.web.imagee: unknown key "imagee"; did you mean "image"?',
  ],
  ['an unknown top-level key', 'servics:\n  web:\n    image: nginx\n', ':1: servics: unknown key "servics"; did you mean "services"?'],
  [
    'an unknown deploy key',
    'services:\n  web:\n    image: nginx\n    deploy:\n      replica: 2\n',
    ':5: services.web.deploy.replica: unknown key "replica"; did you mean "replicas"?',
  ],
  ['a Compose Specification key in a v3 file', 'version: "3.8"\nservices:\n  web:\n    image: nginx\n    profiles: [debug]\n',
    ':5: services.web.profiles: unknown key "profiles": a Compose Specification key that docker stack deploy does not read; remove version: to ' +
      'import the file as a Compose Specification file'],
  [
    'a key near a known one',
    'version: "3.8"\nservices:\n  web:\n    imag: nginx\n',
    ':4: services.web.imag: unknown key "imag"; did you mean "image"?',
  ],
  [
    'include in a Compose Specification file',
    'include: [other.yaml]\nservices:\n  web:\n    image: nginx\n',
    ':1: include: include: is not supported: merge the files first',
  ],
  [
    'extends in a Compose Specification file',
    'services:\n  web:\n    image: nginx\n    extends: {service: base}\n  base:\n    image: nginx\n',
    ':4: services.web.extends: extends: is not supported',
  ],
  [
    'build without image in a Compose Specification file',
    'services:\n  web:\n    build: {context: ., dockerfile: Dockerfile}\n    develop: {watch: []}\n',
    ':2: services.web.image: needs an image',
  ],
  [
    'replicas of the wrong type',
    'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: two\n',
    ':5: services.web.deploy.replicas: must be an integer',
  ],
  [
    'cpus as a number in a v3 file',
    'version: "3.8"\nservices:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        limits:\n          cpus: 0.5\n',
    ':8: services.web.deploy.resources.limits.cpus: must be a string',
  ],
  ['ports as a scalar', 'services:\n  web:\n    image: nginx\n    ports: 80\n', ':4: services.web.ports: must be a list'],
  [
    'environment as a number',
    'services:\n  web:\n    image: nginx\n    environment: 5\n',
    ':4: services.web.environment: must be a mapping or a list',
  ],
  ['a port out of range', 'services:\n  web:\n    image: nginx\n    ports: ["99999:80"]\n', ':4: services.web.ports[0]: must be a port such as'],
  [
    'a duration without unit',
    'services:\n  web:\n    image: nginx\n    stop_grace_period: "10"\n',
    ':4: services.web.stop_grace_period: must be a duration',
  ],
  [
    'a volume long syntax without type',
    'services:\n  web:\n    image: nginx\n    volumes:\n      - target: /data\n',
    ':5: services.web.volumes[0]: needs the key "type"',
  ],
  [
    'an undefined volume',
    'services:\n  web:\n    image: nginx\n    volumes: ["data:/data"]\n',
    ':4: services.web.volumes[0]: undefined volume "data"',
  ],
  ['an undefined network', 'services:\n  web:\n    image: nginx\n    networks: [front]\n', ':4: services.web.networks[0]: undefined network "front"'],
  [
    'an undefined secret',
    'services:\n  web:\n    image: nginx\n    secrets:\n      - source: tls\n',
    ':5: services.web.secrets[0]: undefined secret "tls"',
  ],
  ['an undefined config', 'services:\n  web:\n    image: nginx\n    configs: [site]\n', ':4: services.web.configs[0]: undefined config "site"'],
  [
    'a service without image',
    'services:\n  web:\n    build: .\n',
    ':2: services.web.image: needs an image: Conductor deploys images (build: is not supported',
  ],
  ['an image that is no reference', 'services:\n  web:\n    image: Nginx:Latest\n', ':3: services.web.image: must be an image reference'],
  [
    'a config file that is missing',
    'services:\n  web:\n    image: nginx\nconfigs:\n  site:\n    file: ./missing.conf\n',
    ':6: configs.site.file: cannot read ./missing.conf (ENOENT',
  ],
  [
    'an env file that is missing',
    'services:\n  web:\n    image: nginx\n    env_file: missing.env\n',
    ':4: services.web.env_file: cannot read missing.env (ENOENT',
  ],
  [
    'global-job',
    'services:\n  web:\n    image: nginx\n    deploy:\n      mode: global-job\n',
    ':5: services.web.deploy.mode: global-job (one run to completion per node) has no Conductor workload',
  ],
  [
    'an unknown mode',
    'services:\n  web:\n    image: nginx\n    deploy:\n      mode: everywhere\n',
    ':5: services.web.deploy.mode: must be replicated, global or replicated-job',
  ],
  [
    'a per-replica volume without a port',
    'services:\n  db:\n    image: example/kv\n    volumes: ["data:/data"]\nvolumes:\n  data:\n    name: "data-{{.Task.Slot}}"\n',
    ':4: services.db.volumes: a service with a per-replica volume',
  ],
  [
    'a command that cannot be split',
    'services:\n  web:\n    image: nginx\n    command: echo "open\n',
    ':4: services.web.command: cannot split it into words like the docker CLI does: a double quote is not closed',
  ],
  [
    'a relative mount target',
    'services:\n  web:\n    image: nginx\n    volumes:\n      - type: tmpfs\n        target: tmp\n',
    ':5: services.web.volumes[0]: target must be an absolute path',
  ],
  [
    'an unknown restart value',
    'services:\n  web:\n    image: nginx\n    restart: sometimes\n',
    ':4: services.web.restart: must be no, always, unless-stopped or on-failure[:N]',
  ],
  [
    'an unset required variable',
    'services:\n  web:\n    image: "nginx:${TAG?set TAG}"\n',
    ':3: services.web.image: required variable TAG is missing a value: set TAG',
  ],
  [
    'an invalid interpolation',
    'services:\n  web:\n    image: nginx\n    command: echo $(date)\n',
    ':4: services.web.command: invalid interpolation format',
  ],
  [
    'a memory limit Docker refuses (a model rule)',
    'services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        limits:\n          memory: 4M\n',
    ':7: services.web.deploy.resources.limits.memory: must be at least 6Mi',
  ],
  ['no services', 'version: "3.8"\nservices: {}\n', ':2: services: the file defines no services'],
];

describe('bad input names the file, the line, the service and the key', () => {
  test.each(cases)('%s', (_, text, expected) => {
    const e = importText(text);
    expect(e.message).toContain(`${path.join(dir, 'docker-compose.yml')}${expected}`);
  });

  test('every problem at once, one line each', () => {
    const e = importText(
      'services:\n  web:\n    image: nginx\n    imagee: x\n    ports: 80\n  db:\n    image: postgres\n    volumes: ["data:/data"]\n',
    );
    expect(e.problems.map((p) => [p.service, p.key, p.line])).toEqual([['web', 'imagee', 4], ['web', 'ports', 5]]);
    expect(e.message.split('\n')).toHaveLength(3);
  });

  test('problems of the mapping are reported together', () => {
    const e = importText('services:\n  web:\n    image: nginx\n    volumes: ["data:/data"]\n    secrets: [tls]\n  db:\n    image: Postgres\n');
    expect(e.problems.map((p) => `${p.service} ${p.key}`).sort()).toEqual(['db image', 'web secrets[0]', 'web volumes[0]']);
  });
});

describe('conductor import with bad input', () => {
  test('exits 1, prints every problem, and writes nothing', () => {
    const file = path.join(dir, 'docker-compose.yml');
    fs.writeFileSync(file, 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: two\n');
    const out = path.join(dir, 'apps', 'bad.ts');
    const r = conductor(['import', file, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:5: services.web.deploy.replicas: must be an integer`);
    expect(r.stderr).toContain('nothing was written');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a missing file', () => {
    const r = conductor(['import', path.join(dir, 'nope.yml'), '--out', path.join(dir, 'x.ts')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nope.yml: (file): no such file');
  });

  test('a stack name that is no DNS label is a usage error', () => {
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
    const r = conductor(['import', path.join(dir, 'docker-compose.yml'), '--name', 'My_Stack', '--out', path.join(dir, 'x.ts')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('stack name "My_Stack" must be lower case');
  });

  test('no file is a usage error', () => {
    const r = conductor(['import']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('import needs the compose file');
  });
});
