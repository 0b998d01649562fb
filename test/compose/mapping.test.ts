import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App, ComposeImportNote, ComposeStack, DaemonWorkload, Environment, Exposure, Job, PublishMode, RolloutOrder, StatefulWorkload, Workload, formatNote,
} from '../../lib';
import { renderChecked } from '../support/oracle';

/** Mappings and notes the corpus does not show, one at a time (ComposeStack.fromString). */

function importYaml(text: string, options: { baseDir?: string; environment?: Record<string, string>; harden?: boolean } = {}) {
  const app = new App();
  const stack = ComposeStack.fromString(app, 'm', text, { fileName: 'c.yml', environment: {}, ...options });
  return { app, stack };
}

/**
 * Security risks of the settings left to the image, and the note on a service without a port,
 * come with almost every service: their own tests below check them.
 */
const isCommon = (n: ComposeImportNote) => (n.message.startsWith('security risk: ') && ['user', 'read_only', 'cap_drop'].includes(n.key))
  || /^neither ports nor expose is set/.test(n.message);

const notesOf = (notes: readonly ComposeImportNote[], service?: string) =>
  notes.filter((n) => n.service === service && n.key !== 'services' && n.key !== 'volumes' && !isCommon(n))
    .map((n) => `${n.key}: ${n.kind}${n.target ? ` (${n.target})` : ''}`);

const svc = (body: string, extra = '') => `services:\n  s:\n    image: busybox:1.36\n${body}${extra}`;

describe('the API', () => {
  test('returns the constructs by Compose name, and they can be adjusted before synth', () => {
    const { app, stack } = importYaml(
      'services:\n  my_app:\n    image: busybox:1.36\n    ports: ["80:8080"]\nvolumes:\n  data_1: {}\nsecrets:\n  tok:\n    external: true\n',
    );
    expect(Object.keys(stack.services)).toEqual(['my_app']);
    const w = stack.service('my_app');
    expect(w).toBeInstanceOf(Workload);
    expect(w.name).toBe('my-app');
    expect(stack.volumes.data_1.name).toBe('data-1');
    expect(stack.secrets.tok.name).toBe('tok');
    expect(() => stack.service('nope')).toThrow(/no service "nope" in the compose file \(services: my_app\)/);
    (w as Workload).scale(4).addEnv('EXTRA', '1');
    const { compose } = renderChecked(app);
    expect(compose.services['my-app'].deploy.replicas).toBe(4);
    expect(compose.services['my-app'].environment).toEqual({ EXTRA: '1' });
    expect(notesOf(stack.notes, 'my_app')).toEqual([': changed']);
    expect(stack.notes.find((n) => n.service === 'my_app')!.message).toContain('clients that reach it as "my_app" must use "my-app"');
  });

  test('imports into an Environment like any stack', () => {
    const app = new App();
    const stack = ComposeStack.fromString(new Environment(app, 'prod'), 'shop', 'services:\n  web:\n    image: busybox:1.36\n', { environment: {} });
    expect(stack.stack.node.path).toBe('prod/shop');
    expect([...app.render().files.keys()]).toContain('prod/swarm/shop/compose.yaml');
  });

  test('relative paths are relative to baseDir; notes carry lines, in file order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-map-'));
    fs.writeFileSync(path.join(dir, 'a.conf'), 'x=1\n');
    try {
      const { stack } = importYaml(
        'services:\n  b:\n    image: busybox:1.36\n    hostname: b\n  a:\n    image: busybox:1.36\n    container_name: a\n    configs: [c]\n' +
          'configs:\n  c:\n    file: a.conf\n',
        { baseDir: dir },
      );
      expect(stack.configs.c.files).toEqual({ 'a.conf': 'x=1\n' });
      expect(stack.notes.filter((n) => n.service && !isCommon(n)).map((n) => `${n.service}.${n.key}:${n.line}`)).toEqual([
        'a.container_name:7',
        'b.hostname:4',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('names that collide across kinds get a suffix (construct ids share one namespace per stack)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-map-'));
    fs.writeFileSync(path.join(dir, 'web.conf'), 'x\n');
    try {
      const { stack } = importYaml(
        'services:\n  web:\n    image: busybox:1.36\n    configs: [web]\n    volumes: ["web:/data"]\nconfigs:\n  web:\n    file: web.conf\n' +
          'volumes:\n  web: {}\n',
        { baseDir: dir },
      );
      expect([stack.services.web.name, stack.configs.web.name, stack.volumes.web.name]).toEqual(['web', 'web-config', 'web-volume']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kinds', () => {
  test('global -> DaemonWorkload (replicas dropped); replicated-job -> Job; {{.Task.Slot}} -> StatefulWorkload', () => {
    const { stack } = importYaml(`services:
  agent:
    image: busybox:1.36
    deploy: {mode: global, replicas: 3}
  job:
    image: busybox:1.36
    deploy: {mode: replicated-job, replicas: 2, restart_policy: {condition: on-failure, max_attempts: 5}}
  db:
    image: redis:7.4
    expose: ["6379"]
    volumes: ["data:/data"]
volumes:
  data:
    name: "db-{{.Task.Slot}}"
`);
    expect(stack.services.agent).toBeInstanceOf(DaemonWorkload);
    expect(notesOf(stack.notes, 'agent')).toEqual(['deploy.replicas: dropped']);
    const job = stack.services.job as Job;
    expect(job).toBeInstanceOf(Job);
    expect([job.completions, job.retries]).toEqual([2, 5]);
    const db = stack.services.db as StatefulWorkload;
    expect(db).toBeInstanceOf(StatefulWorkload);
    expect(db.perReplicaVolumes.map((v) => [v.name, v.path])).toEqual([['data', '/data']]);
  });

  test('a job without retries is rendered `condition: none` on Swarm (max_attempts 0 would retry forever), backoffLimit 0 on Kubernetes', () => {
    const { app } = importYaml(svc('    deploy: {mode: replicated-job, restart_policy: {condition: none}}\n'));
    const { compose, kube } = renderChecked(app);
    expect(compose.services.s.deploy.restart_policy).toEqual({ condition: 'none' });
    expect(kube.find((o) => o.kind === 'Job')!.spec.backoffLimit).toBe(0);
  });

  test('a job without restart policy: noted, Conductor retries 3 times', () => {
    const { stack } = importYaml(svc('    deploy: {mode: replicated-job}\n'));
    expect((stack.services.s as Job).retries).toBe(3);
    expect(notesOf(stack.notes, 's')).toEqual(['deploy.restart_policy: changed']);
  });
});

describe('ports', () => {
  test('published (ingress, host), picked by Swarm, expose, duplicates and sctp', () => {
    const { stack } = importYaml(svc(`    ports:
      - "80:8080"
      - target: 53
        published: 53
        protocol: udp
        mode: host
      - "9090"
      - "81:8080"
      - "5000:5000/sctp"
      - target: 7000
        mode: host
    expose: ["8080", "81", "3000/udp"]
`));
    expect(stack.services.s.ports.map((p) => [p.port, p.targetPort, p.protocol, p.exposure, p.publishMode])).toEqual([
      [80, 8080, 'tcp', Exposure.LOAD_BALANCER, PublishMode.INGRESS],
      [53, 53, 'udp', Exposure.LOAD_BALANCER, PublishMode.HOST],
      [9090, 9090, 'tcp', Exposure.NODE_PORT, PublishMode.INGRESS],
      [7000, 7000, 'tcp', Exposure.NODE_PORT, PublishMode.HOST],
      // 8080 is published already; 81 is free again (its ports entry was dropped).
      [81, 81, 'tcp', Exposure.INTERNAL, PublishMode.INGRESS],
      [3000, 3000, 'udp', Exposure.INTERNAL, PublishMode.INGRESS],
    ]);
    // The two host-mode ports are security risks (a port of the node itself), said as notes.
    expect(notesOf(stack.notes, 's')).toEqual([
      'ports: info',
      'ports: info',
      'ports[3]: dropped',
      'ports[4]: dropped',
      'ports[5]: changed',
      'expose: info (kubernetes)',
    ]);
    expect(stack.notes.filter((n) => n.kind === 'info' && n.key === 'ports').map((n) => n.message)).toEqual([
      'security risk: listens on port 53 of the node itself (Kubernetes hostPort, Swarm host mode), outside network policies',
      'security risk: listens on port 7000 of the node itself (Kubernetes hostPort, Swarm host mode), outside network policies',
    ]);
  });
});

describe('health checks', () => {
  test('timings in whole seconds, Docker defaults filled in, timeout at most the interval', () => {
    const { stack } = importYaml(
      svc('    healthcheck:\n      test: ["CMD", "true"]\n      interval: 500ms\n      timeout: 2s\n      start_interval: 1s\n'),
    );
    const h = stack.services.s.health!;
    expect([h.intervalMs, h.timeoutMs, h.retries]).toEqual([1000, 1000, 3]);
    expect(notesOf(stack.notes, 's')).toEqual([
      'healthcheck.interval: changed',
      'healthcheck.timeout: changed',
      'healthcheck.start_interval: dropped',
    ]);
  });

  test('a health check without test (only timings) is noted', () => {
    const { stack } = importYaml(svc('    healthcheck:\n      interval: 5s\n'));
    expect(stack.services.s.health).toBeUndefined();
    expect(notesOf(stack.notes, 's')).toEqual(['healthcheck: dropped']);
  });
});

describe('rollout and restarts', () => {
  test('parallelism 0 (all at once) is the replica count; above the replicas it is kept (both targets accept it)', () => {
    const a = importYaml(svc('    deploy: {replicas: 4, update_config: {parallelism: 0}}\n')).stack;
    expect((a.services.s as Workload).rollout.parallelism).toBe(4);
    const b = importYaml(svc('    deploy: {replicas: 2, update_config: {parallelism: 5}}\n')).stack;
    expect((b.services.s as Workload).rollout.parallelism).toBe(5);
    expect(notesOf(b.notes, 's')).not.toContain('deploy.update_config.parallelism: changed');
  });

  test('without update_config, Swarm\'s own defaults (stop-first, monitor 5s)', () => {
    const w = importYaml(svc('')).stack.services.s as Workload;
    expect([w.rollout.order, w.rollout.monitorMs]).toEqual([RolloutOrder.STOP_FIRST, 5000]);
  });

  test('a per-replica workload cannot start first', () => {
    const { stack } = importYaml(
      'services:\n  db:\n    image: redis:7.4\n    expose: ["6379"]\n    volumes: ["d:/data"]\n    deploy: {update_config: {order: start-first}}\n' +
        'volumes:\n  d:\n    name: "d-{{.Task.Slot}}"\n',
    );
    expect((stack.services.db as StatefulWorkload).rollout.order).toBe(RolloutOrder.STOP_FIRST);
    expect(notesOf(stack.notes, 'db')).toContain('deploy.update_config.order: changed');
  });

  test('restart: "no" is no policy (Swarm restarts always); restart: is ignored beside deploy.restart_policy', () => {
    const a = importYaml(svc('    restart: "no"\n')).stack;
    expect((a.services.s as Workload).restartPolicy.condition).toBe('any');
    expect(notesOf(a.notes, 's')).toEqual(['restart: info (swarm)']);
    const b = importYaml(svc('    restart: always\n    deploy: {restart_policy: {condition: on-failure}}\n')).stack;
    expect(notesOf(b.notes, 's')).toContain('restart: dropped');
  });
});

describe('environment, labels, users, capabilities', () => {
  test('entries without a value take the import environment, else are dropped; bad names are dropped', () => {
    const { stack } = importYaml(svc('    environment:\n      - FROM_ENV\n      - UNSET\n      - EMPTY=\n      - bad.name=1\n      - OK=1\n'), {
      environment: { FROM_ENV: 'yes', EMPTY: 'filled' },
    });
    expect(stack.services.s.env).toEqual({ EMPTY: 'filled', FROM_ENV: 'yes', OK: '1' });
    expect(notesOf(stack.notes, 's')).toEqual(['environment[1]: dropped', 'environment[3]: dropped']);
  });

  test('a Go template in an env value (Swarm expanded it per task) is kept as text, with a note naming the opt-in', () => {
    const { stack } = importYaml(svc('    environment:\n      SLOT: "{{.Task.Slot}}"\n      PLAIN: x\n'));
    expect(stack.services.s.env).toEqual({ PLAIN: 'x', SLOT: '{{.Task.Slot}}' });
    expect(notesOf(stack.notes, 's')).toEqual(['environment.SLOT: changed']);
    expect(stack.notes.find((n) => n.service === 's' && n.kind === 'changed')!.message).toContain(
      'Swarm.override(workload, { environment: { SLOT: ... } })',
    );
  });

  test('container labels that are no Kubernetes labels become annotations; bad keys are dropped', () => {
    const { stack } = importYaml(
      svc('    labels:\n      tier: web\n      description: two words\n      "-bad": x\n    deploy:\n      labels: {team: core}\n'),
    );
    const w = stack.services.s;
    expect(w.labels).toEqual({ tier: 'web' });
    expect(w.annotations).toEqual({ team: 'core', description: 'two words' });
    expect(notesOf(stack.notes, 's')).toEqual(['labels.description: changed', 'labels.-bad: dropped']);
  });

  test('users: uid only, names, root', () => {
    const only = importYaml(svc('    user: "1000"\n')).stack;
    expect([only.services.s.security.user, only.services.s.security.group]).toEqual([1000, 1000]);
    expect(notesOf(only.notes, 's')).toEqual(['user: changed']);
    const named = importYaml(svc('    user: www-data\n')).stack;
    expect(named.services.s.security.user).toBeUndefined();
    expect(importYaml(svc('    user: www-data\n'), { harden: true }).stack.services.s.security.user).toBe(10001);
    expect(named.notes.find((n) => n.key === 'user')!.message).toContain('set security.user / security.group');
    const root = importYaml(svc('    user: root\n')).stack;
    expect([root.services.s.security.user, root.services.s.security.runAsNonRoot]).toEqual([0, false]);
  });

  test('capabilities without CAP_, upper case, once', () => {
    const { stack } = importYaml(svc('    cap_add: [CAP_NET_ADMIN, net_admin, sys_time]\n    cap_drop: [ALL]\n'));
    expect(stack.services.s.security.addCapabilities).toEqual(['NET_ADMIN', 'SYS_TIME']);
    expect(stack.services.s.security.dropCapabilities).toEqual(['ALL']);
  });
});

describe('what has no form is noted', () => {
  test('service keys without a model form', () => {
    const { stack } = importYaml(svc(`    hostname: h
    init: true
    dns: 1.1.1.1
    extra_hosts: ["a:1.2.3.4"]
    sysctls: {net.core.somaxconn: 1024}
    ulimits: {nofile: 1024}
    tty: true
    stdin_open: true
    logging: {driver: syslog}
    x-custom: 1
    deploy:
      endpoint_mode: dnsrr
      placement:
        constraints: [node.hostname == a, node.labels.x != y]
        preferences: [{spread: node.id}]
        max_replicas_per_node: 2
      resources:
        limits: {pids: 100}
`));
    expect(notesOf(stack.notes, 's')).toEqual([
      'hostname: dropped', 'init: dropped', 'dns: dropped', 'extra_hosts: dropped', 'sysctls: dropped', 'ulimits: dropped', 'tty: dropped',
      'stdin_open: dropped', 'logging: dropped', 'x-custom: info', 'deploy.endpoint_mode: dropped',
      'deploy.placement.constraints[0]: dropped', 'deploy.placement.constraints[1]: dropped', 'deploy.placement.preferences[0]: dropped',
      'deploy.placement.max_replicas_per_node: dropped', 'deploy.resources.limits.pids: dropped',
    ]);
  });

  test('external configs, volumes and networks; file secrets', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-map-'));
    fs.writeFileSync(path.join(dir, 'pw'), 'secret\n');
    try {
      const { stack, app } = importYaml(`services:
  s:
    image: busybox:1.36
    configs: [ext]
    secrets: [pw]
    volumes: ["old:/data"]
    networks: [proxy]
configs:
  ext: {external: true}
secrets:
  pw: {file: ./pw}
volumes:
  old: {external: true}
networks:
  proxy: {external: true}
`, { baseDir: dir });
      expect(notesOf(stack.notes, undefined)).toEqual([
        'configs.ext.external: dropped',
        'secrets.pw.file: changed',
        'volumes.old.external: changed',
        'networks.proxy: dropped',
      ]);
      expect(notesOf(stack.notes, 's')).toEqual(['configs[0]: dropped', 'networks[0]: dropped']);
      const { files } = renderChecked(app);
      // The secret value never reaches the output.
      for (const text of files.values()) expect(text).not.toContain('secret\n');
      expect(stack.secrets.pw.source).toBe('existing');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('every note formats as path: kind (target): message', () => {
    const { stack } = importYaml(svc('    hostname: h\n'));
    expect(formatNote(stack.notes.find((n) => n.key === 'hostname')!)).toMatch(/^services\.s\.hostname: dropped: not in the model/);
  });
});
