import * as path from 'path';
import {
  AccessMode, App, Config, DaemonWorkload, Exposure, HealthCheck, Ingress, Job, PathType, PublishMode, Secret, StatefulWorkload, Stack, Volume,
  Workload,
} from '../../lib';
import { environmentOf } from '../../lib/synth/environment';
import { networksOf, stackMarkdown, stackMermaid } from '../../lib/synth/graph';
import { defineExamples } from '../../apps';
import { REPO } from '../support/paths';
import { mermaidProblems } from './mermaid';
import { cli } from './support';

/** The Mermaid block of a Markdown file. */
function mermaidOf(md: string): string {
  const blocks = [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  expect(blocks).toHaveLength(1);
  return blocks[0];
}

/** A stack that uses every kind of node and edge the diagram draws. */
function everything(): Stack {
  const app = new App();
  const stack = new Stack(app, 'everything');
  const cfg = new Config(stack, 'cfg', { files: { 'a.conf': 'x', 'b.json': '{}' }, env: { A: '1' } });
  const existing = Secret.fromExisting(stack, 'token');
  const plain = Secret.unsafePlaintext(stack, 'dev-pass', { value: 'x', acknowledge: 'the value is written to dist in plaintext' });
  // Shared by db and web: a volume that really shares (docs/runtime-checks.md).
  const data = new Volume(stack, 'data', { size: '2Gi', accessMode: AccessMode.READ_WRITE_MANY, driver: 'nfs-plugin' });
  const web = new Workload(stack, 'web', {
    image: 'nginx:1.27',
    replicas: 2,
    ports: [
      { port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER },
      { port: 9000, exposure: Exposure.NODE_PORT, nodePort: 30900 },
      { port: 53, protocol: 'udp', exposure: Exposure.NODE_PORT, publishMode: PublishMode.HOST },
      { port: 8081, name: 'admin' },
    ],
    sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0' }],
    health: { check: HealthCheck.tcp(8080, { swarmCommand: 'nc' }) },
    resources: { cpu: { limit: '1' }, memory: { request: '64Mi' } },
  });
  web.envFromConfig(cfg).mountConfig(cfg, '/etc/web').mountConfig(cfg, '/etc/b.json', { file: 'b.json' })
    .envFromSecret('TOKEN', existing).mountSecret(plain).mountVolume('/data', data, { readOnly: true }).mountScratch('/tmp');
  new StatefulWorkload(stack, 'db', { image: 'postgres:16.4-alpine', replicas: 3, ports: [{ port: 5432 }], security: { user: 70, group: 70 } })
    .mountPerReplicaVolume('/var/lib/postgresql/data', 'pgdata', { size: '5Gi' })
    .mountVolume('/shared', data);
  new DaemonWorkload(stack, 'agent', { image: 'fluent/fluent-bit:3.1.9' });
  new Job(stack, 'migrate', { image: 'ghcr.io/acme/migrate:1.0.0', completions: 2, parallelism: 2 });
  // A name Mermaid would choke on as an id ("end") and one starting with "o".
  new Workload(stack, 'end', { image: 'busybox:1.36' });
  new Workload(stack, 'ops', { image: 'busybox:1.36' });
  app.render();
  return stack;
}

describe('the Mermaid checker', () => {
  const good = 'flowchart LR\n  ext(("outside"))\n  subgraph s["stack"]\n    w_a["a"]\n    v_b[("b")]\n  end\n  ext -->|"80"| w_a\n  w_a --- v_b';
  test('accepts a well-formed chart', () => {
    expect(mermaidProblems(good)).toEqual([]);
  });
  test.each([
    ['an unclosed subgraph', good.replace('  end\n', '')],
    ['an extra end', `${good}\n  end`],
    ['a node defined twice', good.replace('    v_b[("b")]', '    v_b[("b")]\n    w_a["again"]')],
    ['an edge to an undefined node', `${good}\n  w_a --> w_missing`],
    ['unbalanced brackets', good.replace('w_a["a"]', 'w_a["a"')],
    ['a quote inside a label', good.replace('w_a["a"]', 'w_a["a"b"]')],
    ['a reserved id', good.replace(/w_a/g, 'end')],
    ['no header', good.replace('flowchart LR', 'graph')],
  ])('rejects %s', (_, text) => {
    expect(mermaidProblems(text)).not.toEqual([]);
  });
});

describe('stack summaries (<stack>.md)', () => {
  const out = defineExamples(new App()).render();
  const mdFiles = [...out.files.keys()].filter((f) => f.endsWith('.md'));
  const mdOf = (s: Stack) => `${environmentOf(s) ? `${environmentOf(s)}/` : ''}${s.stackName}.md`;

  test('synth writes one per stack, next to the stack directories', () => {
    expect(mdFiles.sort()).toEqual(out.stacks.map(mdOf).sort());
  });

  test.each(mdFiles)('%s: the Mermaid diagram is well formed', (file) => {
    expect(mermaidProblems(mermaidOf(out.files.get(file)!))).toEqual([]);
  });

  test.each(mdFiles)('%s: a workload row for each workload, with image and replicas', (file) => {
    const md = out.files.get(file)!;
    const stack = out.stacks.find((s) => mdOf(s) === file)!;
    for (const w of stack.workloads) expect(md).toMatch(
      new RegExp(`^\\| \`${w.name}\`.*\\| \`${w.image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\|`, 'm'),
    );
  });

  test.each(mdFiles)('%s: deterministic, no absolute paths, no timestamps', (file) => {
    const again = defineExamples(new App()).render().files.get(file);
    const md = out.files.get(file)!;
    expect(again).toBe(md);
    expect(md).not.toContain(REPO);
    expect(md).not.toMatch(/\]\(\//);
    expect(md).not.toMatch(/\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d/);
  });

  test('a stack using every kind of node and edge: well formed, and every concept drawn', () => {
    const stack = everything();
    const chart = stackMermaid(stack);
    expect(mermaidProblems(chart)).toEqual([]);
    expect(chart).toContain('ext -->|"load balancer :80 → 8080"| w_web');
    expect(chart).toContain('ext -->|"node port 30900 → 9000"| w_web');
    expect(chart).toContain('ext -->|"node port (allocated)/udp → 53, host mode"| w_web');
    expect(chart).toContain('c_cfg -.->|"env, /etc/web, b.json at /etc/b.json"| w_web');
    expect(chart).toContain('s_token -.->|"env TOKEN, /run/secrets/token"| w_web');
    expect(chart).toContain('s_dev_pass -.->|"/run/secrets/dev-pass"| w_web');
    expect(chart).toContain('w_web ---|"/data (read-only)"| v_data');
    expect(chart).toContain('w_db ---|"/shared"| v_data');
    expect(chart).toMatch(/w_db ---\|"\/var\/lib\/postgresql\/data"\| pv_db_pgdata/);
    expect(chart).toContain('w_end["end<br/>stateless · 1 replica<br/>busybox:1.36"]');
    const md = stackMarkdown(stack);
    expect(md).toContain('| `agent` | daemon | `fluent/fluent-bit:3.1.9` | one per node |');
    expect(md).toContain('| `migrate` | job | `ghcr.io/acme/migrate:1.0.0` | 2 completions, 2 at a time |');
    expect(md).toContain('| `web`<br/>+ sidecar `proxy` (`envoyproxy/envoy:v1.31.0`) | stateless | `nginx:1.27` | 2 |');
    expect(md).toContain('| – / 1 | 64Mi / – | tcp :8080 |');
    expect(md).toContain('| `dev-pass` | secret | **value written to the output in plain text** | `web` (/run/secrets/dev-pass) |');
    expect(md).toContain('| `pgdata` | volume per replica | 5Gi, ReadWriteOnce | `db` (/var/lib/postgresql/data) |');
    expect(md).toContain('- `db`: group 70, user 70');
  });

  test('networks, when the model has them, become nodes with an edge to each member', () => {
    const stack = everything();
    Object.defineProperty(stack, 'networks', {
      value: [{ name: 'backend', members: [{ name: 'web' }, { name: 'db' }] }, { name: 'edge', members: [] }],
    });
    expect(networksOf(stack)).toEqual([{ name: 'backend', members: ['db', 'web'] }, { name: 'edge', members: [] }]);
    const chart = stackMermaid(stack);
    expect(mermaidProblems(chart)).toEqual([]);
    expect(chart).toContain('n_backend(["network backend"])');
    expect(chart).toContain('w_db --- n_backend');
    expect(chart).toContain('w_web --- n_backend');
    expect(stackMarkdown(stack)).toContain('Networks: `backend` (`db`, `web`); `edge` (no members).');
  });
});

describe('Ingresses in the stack summary', () => {
  function shop(): Stack {
    const app = new App();
    const stack = new Stack(app, 'shop');
    const cert = Secret.fromExisting(stack, 'shop-tls');
    const front = new Workload(stack, 'front', { image: 'nginx:1.27', ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
    const api = new Workload(stack, 'api', { image: 'ghcr.io/acme/api:1.0.0', ports: [{ port: 8080 }] });
    new Ingress(stack, 'public', {
      className: 'nginx',
      rules: [
        { host: 'shop.example.com', workload: front },
        { host: 'shop.example.com', path: '/api', workload: api },
        { host: 'status.example.com', path: '/healthz', pathType: PathType.EXACT, workload: api },
      ],
      tls: { secret: cert, hosts: ['shop.example.com'] },
    });
    app.render();
    return stack;
  }

  test('the diagram routes from outside through the Ingress to each workload, with its TLS secret', () => {
    const chart = stackMermaid(shop());
    expect(mermaidProblems(chart)).toEqual([]);
    expect(chart).toContain('i_public[\\"ingress public<br/>class nginx"\\]');
    expect(chart).toContain('ext -->|"HTTP, HTTPS"| i_public');
    expect(chart).toContain('i_public -->|"shop.example.com/ → :80 TLS"| w_front');
    expect(chart).toContain('i_public -->|"shop.example.com/api → :8080 TLS"| w_api');
    expect(chart).toContain('i_public -->|"status.example.com/healthz (exact) → :8080"| w_api');
    expect(chart).toContain('s_shop_tls -.->|"TLS certificate"| i_public');
  });

  test('the Markdown has a routes table, and the TLS secret is used by the Ingress', () => {
    const md = stackMarkdown(shop());
    expect(md).toContain('## Routes from outside (Ingress)');
    expect(md).toContain('| `public` | `shop.example.com` | `/api` (prefix) | `api` | 8080 | yes |');
    expect(md).toContain('| `public` | `status.example.com` | `/healthz` (exact) | `api` | 8080 | no |');
    expect(md).toContain(
      '| `shop-tls` | secret | must exist before deploying (Kubernetes key `value`) | ingress `public` (TLS for `shop.example.com`) |',
    );
    expect(md).not.toContain('unused');
  });

  test('an autoscaled workload shows its range, and what Swarm runs', () => {
    const app = new App();
    const stack = new Stack(app, 'scaled');
    new Workload(stack, 'api', {
      image: 'ghcr.io/acme/api:1.0.0',
      autoscaling: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 80 },
      resources: { cpu: { request: '100m' } },
    });
    app.render();
    expect(stackMarkdown(stack)).toContain('| `api` | stateless | `ghcr.io/acme/api:1.0.0` | 2-6 (autoscaled; Swarm: 2) |');
    expect(stackMermaid(stack)).toContain('stateless · 2-6 replicas (autoscaled; Swarm: 2)');
  });
});

describe('conductor graph', () => {
  const out = defineExamples(new App()).render();

  test('prints the summary of each stack, as synth writes it', () => {
    const r = cli(['graph']);
    expect(r.status).toBe(0);
    const expected = [...out.files.keys()].filter((f) => f.endsWith('.md'))
      .sort((a, b) => ((a.includes('/') ? 1 : 0) - (b.includes('/') ? 1 : 0)) || (a < b ? -1 : 1))
      .map((f) => out.files.get(f)!).join('\n');
    expect(r.stdout).toBe(expected);
  });

  test('--stack, --env and --mermaid: only the diagrams, each well formed', () => {
    const r = cli(['graph', '--env', 'prod', '--mermaid']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('%% stack prod/catalog\nflowchart LR\n')).toBe(true);
    expect(mermaidProblems(r.stdout.replace(/^%%.*\n/, ''))).toEqual([]);
    expect(r.stdout).toBe(`%% stack prod/catalog\n${mermaidOf(out.files.get('prod/catalog.md')!)}\n`);
    const web = cli(['graph', '--stack', 'web', '--app', path.join('apps', 'main.ts')]);
    expect(web.stdout).toBe(out.files.get('web.md'));
  });

  test('an invalid app gets the validation errors, not a picture', () => {
    expect(cli(['graph', '--stack', 'nope']).status).toBe(1);
  });
});

describe('the synth summary reads the output it wrote', () => {
  // Counted from lines instead of a YAML parse (start-up time): checked against the parse.
  const { parse, parseAllDocuments } = jest.requireActual('yaml') as typeof import('yaml');
  const { serviceCount, topLevelKinds } = jest.requireActual('../../lib/cli/summary') as typeof import('../../lib/cli/summary');
  const files = defineExamples(new App()).render().files;
  test.each([...files.keys()].filter((f) => f.endsWith('.k8s.yaml')))('%s: kinds', (f) => {
    expect(topLevelKinds(files.get(f)!)).toEqual(parseAllDocuments(files.get(f)!).map((d) => d.toJSON().kind));
  });
  test.each([...files.keys()].filter((f) => f.endsWith('compose.yaml')))('%s: services', (f) => {
    expect(serviceCount(files.get(f)!)).toBe(Object.keys(parse(files.get(f)!).services).length);
  });
});
