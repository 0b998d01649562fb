import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { App, ComposeStack, formatNote } from '../../lib';
import { dockerStackConfig } from '../support/docker';
import { renderChecked } from '../support/oracle';
import { tempDir } from '../support/synth';

/**
 * Real-world-shaped compose files (test/compose/real-world: Compose
 * Specification and v3 files with databases, caches, queues, workers,
 * one-off steps and socket-reading tools), each imported with the defaults,
 * rendered, checked by the oracles, and checked for the facts that make the
 * imported app work like the file:
 *
 * - every service another one connects to by name (`name:PORT`, a URL, a
 *   `*_HOST=name` setting) has a Kubernetes Service, on that port;
 * - every setting the file leaves to the image is printed as a security risk;
 * - manager placement is reported as a Kubernetes gap.
 */

const ROOT = path.join(__dirname, 'real-world');
const NAMES = fs.readdirSync(ROOT).filter((n) => fs.existsSync(path.join(ROOT, n, 'compose.yaml'))).sort();

type Dict = Record<string, any>;

/** The names a service connects to, found in its own strings (independent of the importer's matching). */
function connections(svc: Dict, names: readonly string[]): { host: string; port?: number }[] {
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(
    strings,
  ) : v && typeof v === 'object' ? Object.values(v).flatMap(
    strings,
  ) : []);
  const env = Array.isArray(svc.environment) ? svc.environment.map(String) : Object.entries(svc.environment ?? {}).map(
    ([k, v]) => `${k}=${String(v)}`,
  );
  const texts = [...env, ...strings(svc.command), ...strings(svc.entrypoint)];
  const out: { host: string; port?: number }[] = [];
  for (const host of names) {
    const re = new RegExp(`(?:^|[/@\\s\\["=])${host.replace(/[-.]/g, '\\$&')}(?::(\\d+)|(?=[/"\\]\\s,]|$))`, 'g');
    for (const t of texts) for (const m of t.matchAll(re)) out.push({ host, ...(m[1] ? { port: Number(m[1]) } : {}) });
  }
  return out;
}

test('the corpus has at least 10 files, Compose Specification and v3', () => {
  expect(NAMES.length).toBeGreaterThanOrEqual(10);
  const versions = NAMES.map((n) => (parse(fs.readFileSync(path.join(ROOT, n, 'compose.yaml'), 'utf8')) as Dict).version);
  expect(versions.filter((v) => v === undefined).length).toBeGreaterThanOrEqual(5);
  expect(versions.filter((v) => v !== undefined).length).toBeGreaterThanOrEqual(3);
});

describe.each(NAMES)('%s', (name) => {
  const file = path.join(ROOT, name, 'compose.yaml');
  const raw = parse(fs.readFileSync(file, 'utf8'), { merge: true }) as Dict;
  const app = new App();
  const stack = ComposeStack.fromFile(app, name, file, { environment: {} });
  const checked = renderChecked(app, name);
  const imported = Object.keys(stack.services);

  test('the Swarm output loads in docker stack config', () => {
    const dir = tempDir('conductor-real-world-');
    try {
      for (const [f, text] of checked.files) {
        if (!f.startsWith(`swarm/${name}/`)) continue;
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
      }
      const r = dockerStackConfig(path.join(dir, 'swarm', name, 'compose.yaml'));
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every service another one connects to by name has a Kubernetes Service on that port', () => {
    const services = checked.kube.filter((o) => o.kind === 'Service');
    const found: string[] = [];
    for (const client of imported) {
      for (const { host, port } of connections(raw.services[client], imported.filter((n) => n !== client))) {
        const target = stack.services[host].name;
        const svc = services.find((s) => s.metadata.name === target);
        expect({ client, host, service: svc?.metadata.name }).toEqual({ client, host, service: target });
        if (port !== undefined) expect({ host, ports: svc!.spec.ports.map((p: Dict) => p.port) }).toEqual({
          host,
          ports: expect.arrayContaining([port]),
        });
        found.push(host);
      }
    }
    // The corpus really exercises the rule (most files connect by name).
    // The corpus really exercises the rule: all but these connect by name in env or command (prometheus: in its config file).
    if (!['traefik-whoami', 'monitoring-agents'].includes(name)) expect(found.length).toBeGreaterThan(0);
  });

  test('each setting left to the image is printed as a security risk; so is each host path', () => {
    for (const s of imported) {
      const svc = raw.services[s];
      const risks = checked.out.risks.filter((r) => r.path === `${name}/${stack.services[s].node.id}`).map((r) => r.field);
      const expected = [
        ...(svc.user === undefined ? ['security.user'] : []),
        ...(svc.read_only === undefined ? ['security.readOnlyRootFilesystem'] : []),
        ...(svc.cap_drop === undefined ? ['security.dropCapabilities'] : []),
      ];
      expect({ s, risks }).toEqual({ s, risks: expect.arrayContaining(expected) });
      const binds = (svc.volumes ?? []).filter((v: unknown) => typeof v === 'string' && v.startsWith('/')).length;
      expect({ s, hostPaths: risks.filter((f) => f.startsWith('mounts')).length }).toEqual({ s, hostPaths: binds });
    }
  });

  test('placement on managers is reported as a Kubernetes gap; services in disabled profiles are named', () => {
    for (const [s, svc] of Object.entries<Dict>(raw.services)) {
      if ((svc.deploy?.placement?.constraints ?? []).includes('node.role == manager')) {
        expect(stack.notes.some((n) => n.service === s && n.key.startsWith('deploy.placement') && n.target === 'kubernetes')).toBe(true);
      }
      if (svc.profiles) {
        expect(imported).not.toContain(s);
        expect(
          stack.notes.map(formatNote),
        ).toContain(`services.${s}.profiles: dropped: not imported: its profile ${svc.profiles[0]} is not enabled ` +
          `(like docker compose; enable with --profile ${svc.profiles[0]})`);
      }
    }
  });
});
