import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { App, ComposeStack } from '../../lib';
import { dockerStackConfig } from '../support/docker';
import { renderChecked } from '../support/oracle';
import { findObject, KubeObject } from '../support/synth';
import { conductor, projectDir } from './support';

/**
 * The imported app behaves like the Compose file on both targets: services
 * reachable by name on Kubernetes too, the image's own runtime settings
 * unless --harden, manager placement that can schedule on managed clusters,
 * no value from the importing shell, exact names kept.
 */

function importYaml(text: string, options: { harden?: boolean; environment?: Record<string, string> } = {}) {
  const app = new App();
  const stack = ComposeStack.fromString(app, 'b', text, { fileName: 'c.yml', ...options });
  return { app, stack, ...renderChecked(app) };
}

const container = (kube: KubeObject[], kind: string, name: string) => findObject(kube, kind, name).spec.template.spec.containers[0];

describe('reachability by name on Kubernetes', () => {
  const file = `services:
  app:
    image: example/app:1.0
    environment: {DATABASE_URL: "postgres://u@db/app", CACHE: "cache:6379", QUEUE: "amqp://queue:5672"}
  db:
    image: postgres:15
  cache:
    image: docker.io/library/redis:7@sha256:${'a'.repeat(64)}
  queue:
    image: example/queue:2
  worker:
    image: example/worker:1
    expose: ["9100", "7000-7001/udp"]
`;

  test('a well-known official image gets its port as an internal port and a Service, with a note', () => {
    const { stack, kube, compose } = importYaml(file);
    expect(findObject(kube, 'Service', 'db').spec.ports).toEqual([expect.objectContaining({ port: 5432, targetPort: 5432 })]);
    expect(findObject(kube, 'Service', 'cache').spec.ports).toEqual([expect.objectContaining({ port: 6379 })]);
    // Internal: nothing published on Swarm.
    expect(compose.services.db.ports).toBeUndefined();
    expect(stack.notes.find((n) => n.service === 'db' && n.key === '')!.message).toContain('port 5432 inferred from the official postgres image');
  });

  test('expose: gives internal ports (ranges and udp included)', () => {
    const { kube, compose } = importYaml(file);
    expect(findObject(kube, 'Service', 'worker').spec.ports.map((p: { port: number; protocol?: string }) => `${p.port}/${p.protocol ?? 'TCP'}`))
      .toEqual(['9100/TCP', '7000/UDP', '7001/UDP']);
    expect(compose.services.worker.ports).toBeUndefined();
  });

  test('an unknown image that others name as a host: a warning naming who cannot reach it, and the line to add', () => {
    const { stack, kube } = importYaml(file);
    expect(kube.some((o) => o.kind === 'Service' && o.metadata.name === 'queue')).toBe(false);
    const n = stack.notes.find((x) => x.service === 'queue' && x.key === '')!;
    expect([n.kind, n.target]).toEqual(['warning', 'kubernetes']);
    expect(n.message).toContain('"queue" gets no Service and app cannot reach it by name');
    expect(n.message).toContain('expose: ["PORT"]');
  });

  test('a service nobody names: an info note only (no false alarm)', () => {
    const { stack } = importYaml(file);
    const n = stack.notes.find((x) => x.service === 'app' && x.key === '' && /ports nor expose/.test(x.message))!;
    expect(n.kind).toBe('info');
  });

  test('depends_on counts as naming the service', () => {
    const { stack } = importYaml('services:\n  api:\n    image: example/api:1\n    depends_on: [search]\n  search:\n    image: example/search:1\n');
    expect(stack.notes.find((x) => x.service === 'search' && x.key === '')!.kind).toBe('warning');
  });
});

describe('runtime semantics: the image\'s own settings unless --harden', () => {
  const file = 'services:\n  db:\n    image: postgres:15\n    volumes: ["data:/var/lib/postgresql/data"]\n  web:\n    image: nginx:1.27\n' +
    '    ports: ["80:80"]\n' +
    '  tool:\n    image: example/tool:1\n    user: "1000:1000"\n    read_only: true\n    cap_drop: [ALL]\n' +
      '    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]\nvolumes:\n  data: {}\n';

  test('by default: no user, a writable root, Docker\'s capabilities, on both targets', () => {
    const { kube, compose, out } = importYaml(file);
    expect(compose.services.db.user).toBeUndefined();
    expect(compose.services.db.read_only).toBe(false);
    expect(compose.services.db.cap_drop).toBeUndefined();
    const sc = container(kube, 'Deployment', 'db').securityContext;
    expect(sc.runAsUser).toBeUndefined();
    expect(sc.runAsNonRoot).toBe(false);
    expect(sc.readOnlyRootFilesystem).toBe(false);
    expect(sc.capabilities?.drop).toBeUndefined();
    expect(findObject(kube, 'Deployment', 'db').spec.template.spec.securityContext.fsGroup).toBeUndefined();
    // Each setting left to the image is a security risk at synth.
    expect(out.risks.filter((r) => r.path === 'b/db').map((r) => r.field).sort()).toEqual([
      'security.dropCapabilities',
      'security.readOnlyRootFilesystem',
      'security.user',
    ]);
    // What the file sets is kept, and is no risk.
    expect(compose.services.tool.user).toBe('1000:1000');
    expect(out.risks.filter((r) => r.path === 'b/tool' && r.field.startsWith('security.'))).toEqual([]);
  });

  test('the generated TypeScript says so explicitly, per setting', () => {
    const dir = projectDir();
    try {
      fs.writeFileSync(path.join(dir, 'c.yml'), file);
      const r = conductor(['import', 'c.yml', '--out', 'apps/b.ts'], { cwd: dir });
      expect(r.status).toBe(0);
      const code = fs.readFileSync(path.join(dir, 'apps', 'b.ts'), 'utf8');
      // db and web leave the same three to the image: written once, shared.
      expect(code).toContain('// security of db, web: as the image says: the file sets no user, read_only, cap_drop');
      expect(code).toContain(
        "const security: SecurityProps = { user: 'image', group: 'image', readOnlyRootFilesystem: false, dropCapabilities: [] };",
      );
      expect(code.match(/^ {2}security,$/gm)).toHaveLength(2);
      const synth = conductor(['synth', '--app', 'apps/b.ts'], { cwd: dir });
      expect(synth.status).toBe(0);
      expect(synth.stderr).toContain('SECURITY RISK: c/db: security.user: the main container runs as the image\'s user');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--harden: the restricted defaults, with a note per service naming what is likely to break', () => {
    const { stack, compose } = importYaml(file, { harden: true });
    expect(compose.services.db.user).toBe('10001:10001');
    expect(compose.services.db.read_only).toBe(true);
    expect(compose.services.db.cap_drop).toEqual(['ALL']);
    const db = stack.notes.find((n) => n.service === 'db' && n.message.startsWith('--harden'))!.message;
    expect(db).toContain('own its data directory (/var/lib/postgresql/data) fails as uid 10001');
    const web = stack.notes.find((n) => n.service === 'web' && n.message.startsWith('--harden'))!.message;
    expect(web).toContain('binding port 80 may need NET_BIND_SERVICE');
    // The tool sets all three: nothing to say.
    expect(stack.notes.some((n) => n.service === 'tool' && n.message.startsWith('--harden'))).toBe(false);
  });

  test('a named user is left to the image by default (with a note), and never a silent 10001', () => {
    const { stack, compose } = importYaml('services:\n  s:\n    image: example/s:1\n    user: www-data\n');
    expect(compose.services.s.user).toBeUndefined();
    expect(stack.notes.find((n) => n.key === 'user')!.message).toContain('the image\'s user applies');
  });

  test('the Swarm output is what docker stack config reads from the file for these settings', () => {
    const { files } = importYaml(file);
    const root = fs.mkdtempSync(path.join(require('os').tmpdir(), 'conductor-behaviour-'));
    try {
      fs.mkdirSync(path.join(root, 'swarm'), { recursive: true });
      fs.writeFileSync(path.join(root, 'swarm', 'compose.yaml'), files.get('swarm/b/compose.yaml')!);
      const cfg = dockerStackConfig(path.join(root, 'swarm', 'compose.yaml'));
      expect(cfg.status).toBe(0);
      const services = (parse(cfg.stdout) as { services: Record<string, Record<string, unknown>> }).services;
      for (const s of ['db', 'web']) expect([s, services[s].user, services[s].cap_drop, services[s].read_only ?? false]).toEqual([
        s,
        undefined,
        undefined,
        false,
      ]);
      expect([services.tool.user, services.tool.cap_drop, services.tool.read_only]).toEqual(['1000:1000', ['ALL'], true]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('placement on managers', () => {
  test('a preference for control-plane nodes with a toleration, and a gap saying why', () => {
    const { stack, kube, compose } = importYaml(
      'services:\n  s:\n    image: example/s:1\n    deploy:\n      placement:\n        constraints: [node.role == manager]\n',
    );
    const spec = findObject(kube, 'Deployment', 's').spec.template.spec;
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, preference: { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] } },
    ]);
    expect(spec.tolerations).toEqual([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(compose.services.s.deploy!.placement!.constraints).toEqual(['node.role == manager']);
    const n = stack.notes.find((x) => x.key.startsWith('deploy.placement') && x.target === 'kubernetes')!;
    expect(n.message).toContain('managed clusters (GKE, EKS, AKS) run no pod on control-plane nodes');
  });
});

describe('no value from the importing process\'s environment', () => {
  const file = 'services:\n  api:\n    image: "example/api:${TAG:-1.0}"\n    environment:\n      - DB_PASSWORD\n      - TOKEN=${API_TOKEN}\n' +
    '      - PLAIN\n';
  const CANARY = 'canary-7f3a9c';

  test('canaries in the environment reach neither the generated code nor dist/, and the import is the same without them', () => {
    const canaries: Record<string, string>[] = [{}, { DB_PASSWORD: CANARY, API_TOKEN: CANARY, TAG: CANARY, PLAIN: CANARY }];
    const runs = canaries.map((extra) => {
      const dir = projectDir();
      try {
        fs.writeFileSync(path.join(dir, 'c.yml'), file);
        const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...extra };
        const r = conductor(['import', 'c.yml', '--out', 'apps/c.ts'], { cwd: dir, env });
        expect(r.status).toBe(0);
        const synth = conductor(['synth', '--app', 'apps/c.ts'], { cwd: dir, env });
        expect(synth.status).toBe(0);
        const dist = fs.readFileSync(path.join(dir, 'dist', 'swarm', 'c', 'compose.yaml'), 'utf8') +
          fs.readFileSync(path.join(dir, 'dist', 'kubernetes', 'c', 'c.k8s.yaml'), 'utf8');
        return { code: fs.readFileSync(path.join(dir, 'apps', 'c.ts'), 'utf8'), dist, stderr: r.stderr };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
    expect(runs[1].code).not.toContain(CANARY);
    expect(runs[1].dist).not.toContain(CANARY);
    expect(runs[1].code).toEqual(runs[0].code);
    expect(runs[1].dist).toEqual(runs[0].dist);
    // Each variable is reported with what to do.
    expect(runs[0].stderr).toContain('services.api.environment[0]: dropped: DB_PASSWORD has no value here');
    expect(runs[0].stderr).toContain('Secret.fromExisting');
    expect(runs[0].stderr).toContain('variable API_TOKEN is not set in the file, a .env beside it or --env-file');
  });

  test('the .env beside the file and --env-file are read; --use-env takes the environment on purpose and names each variable', () => {
    const dir = projectDir();
    try {
      fs.writeFileSync(path.join(dir, 'c.yml'), file);
      fs.writeFileSync(path.join(dir, '.env'), 'TAG=2.0\nAPI_TOKEN=from-dotenv\n');
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', DB_PASSWORD: CANARY };
      expect(conductor(['import', 'c.yml', '--out', 'apps/a.ts'], { cwd: dir, env }).status).toBe(0);
      const a = fs.readFileSync(path.join(dir, 'apps', 'a.ts'), 'utf8');
      expect(a).toContain("image: 'example/api:2.0'");
      expect(a).toContain("TOKEN: 'from-dotenv'");
      expect(a).not.toContain(CANARY);
      const r = conductor(['import', 'c.yml', '--out', 'apps/b.ts', '--use-env'], { cwd: dir, env });
      expect(r.status).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'apps', 'b.ts'), 'utf8')).toContain(`DB_PASSWORD: '${CANARY}'`);
      expect(r.stderr).toContain('variable DB_PASSWORD was taken from the import environment');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('names', () => {
  test('a service already named like a model name keeps it; the other is renamed with a note', () => {
    for (const [exact, other] of [['web', 'Web'], ['web-api', 'web_api']]) {
      const { stack } = importYaml(`services:\n  ${other}:\n    image: example/a:1\n  ${exact}:\n    image: example/b:1\n`);
      expect(stack.services[exact].name).toBe(exact);
      expect(stack.services[other].name).not.toBe(exact);
      expect(stack.notes.find((n) => n.service === other && n.key === '' && /renamed/.test(n.message))).toBeDefined();
    }
  });
});
