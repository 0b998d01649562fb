import * as fs from 'fs';
import * as path from 'path';
import {
  App, Config, ConcurrencyPolicy, CronJob, CronJobOnSwarm, DaemonWorkload, Job, Stack, StatefulWorkload, Warning, Workload, WorkloadProps,
} from '../../lib';
import { officialImageName } from '../../lib/model/image';
import { cli, writeApp } from '../cli/support';
import { problemsOf } from '../support/oracle';
import { tempDir } from '../support/synth';
import { warningsOf } from '../support/warnings';

/**
 * Run-time check 6 (docs/runtime-checks.md): replicas of a server that does
 * not cluster by itself behind one name are separate servers. Found on a
 * real Swarm: 3 nats replicas without routes, and an order published on one
 * never reached the worker subscribed to another.
 */

const CLUSTER = 'which do not form a cluster by themselves';
const DB_WAY_OUT = 'its replication needs a primary and standbys configured differently, which identical replicas cannot be)';

/** The warnings of this check only (other checks have their own tests). */
function serverWarnings(app: App): Warning[] {
  return warningsOf(app).filter((w) => w.message.includes(CLUSTER));
}

/** A stack with one workload made by `make`, and the warnings of this check. */
function warn(make: (s: Stack) => void): Warning[] {
  const app = new App();
  make(new Stack(app, 's'));
  return serverWarnings(app);
}

/** The message up to the server's image: who runs how many of what. */
const opening = (w: Warning) => w.message.slice(0, w.message.indexOf(`, ${CLUSTER}`));

const two = (image: string, props: Partial<WorkloadProps> = {}) => warn((s) => new Workload(s, 'w', { image, replicas: 2, ...props }));

describe('each server in the table warns with 2 replicas, and says how to get out', () => {
  test.each([
    ['postgres:16.4-alpine', 'databases', 'rows written through one are missing from the others', `run 1 replica (postgres: ${DB_WAY_OUT}`],
    ['mysql:8.4', 'databases', 'rows written through one are missing from the others', `run 1 replica (mysql: ${DB_WAY_OUT}`],
    ['mariadb:11.4', 'databases', 'rows written through one are missing from the others', `run 1 replica (mariadb: ${DB_WAY_OUT}`],
    ['redis:7.2-alpine', 'stores', 'keys set through one are missing from the others',
      'run 1 replica or configure redis\'s own clustering or replication: --cluster-enabled yes, --replicaof (or --slaveof), '
      + 'or sentinels (redis-sentinel, --sentinel)'],
    ['valkey/valkey:8.0', undefined, undefined, undefined],
    ['valkey:8.0', 'stores', 'keys set through one are missing from the others',
      'run 1 replica or configure valkey\'s own clustering or replication: --cluster-enabled yes, --replicaof (or --slaveof), '
      + 'or sentinels (valkey-sentinel, --sentinel)'],
    ['mongo:7.0', 'databases', 'documents written through one are missing from the others',
      'run 1 replica or configure mongo\'s own clustering or replication: a replica set: --replSet (or replication.replSetName in a mounted '
      + 'mongod.conf)'],
    ['nats:2.10-alpine', 'servers', 'a message published on one never reaches a subscriber on another',
      'run 1 replica or configure nats\'s own clustering or replication: cluster routes: --routes, or a --config file that sets routes'],
    ['rabbitmq:3.13-management', 'brokers', 'a queue declared on one does not exist on the others',
      'run 1 replica or configure rabbitmq\'s own clustering or replication: peer discovery: cluster_formation.* in a mounted rabbitmq.conf'],
  ])('%s', (image, what, failure, wayOut) => {
    const found = two(image);
    if (what === undefined) return expect(found).toEqual([]); // valkey/valkey is not the official image
    const name = officialImageName(image)!;
    expect(found).toEqual([{
      path: 's/w',
      field: 'replicas',
      message: `w runs 2 replicas of ${name} ("${image}"), ${CLUSTER}: behind one name they are separate ${what}, each client reaches `
        + `one of them, so ${failure}; ${wayOut}`,
    }]);
  });
});

describe('what can run more than one replica', () => {
  test('an autoscaled workload counts with maxReplicas (field autoscaling)', () => {
    const found = warn((s) => new Workload(s, 'w', {
      image: 'postgres:16', resources: { cpu: { request: '100m' } }, autoscaling: { minReplicas: 1, maxReplicas: 10, cpuUtilization: 80 },
    }));
    expect(found.map((w) => [w.field, opening(w)])).toEqual([['autoscaling', 'w runs up to 10 replicas (autoscaling) of postgres ("postgres:16")']]);
  });

  test('a StatefulWorkload (the marketplace\'s nats as first written) and a DaemonWorkload (field image)', () => {
    expect(warn((s) => new StatefulWorkload(s, 'queue', { image: 'nats:2.10', replicas: 3, ports: [{ port: 4222 }] }))
      .map((w) => [w.path, w.field, opening(w)])).toEqual([['s/queue', 'replicas', 'queue runs 3 replicas of nats ("nats:2.10")']]);
    expect(warn((s) => new DaemonWorkload(s, 'cache', { image: 'redis:7.2' }))
      .map((w) => [w.field, opening(w)])).toEqual([['image', 'cache runs one replica per node of redis ("redis:7.2")']]);
  });

  test('not: 1 replica, autoscaling up to 1, a Job (even in parallel), a CronJob', () => {
    expect(warn((s) => {
      new Workload(s, 'one', { image: 'postgres:16' });
      new StatefulWorkload(s, 'one-stateful', { image: 'mysql:8', replicas: 1, ports: [{ port: 3306 }] });
      new Workload(s, 'auto', {
        image: 'redis:7', resources: { cpu: { request: '100m' } }, autoscaling: { minReplicas: 1, maxReplicas: 1, cpuUtilization: 80 },
      });
      new Job(s, 'restore', { image: 'postgres:16', completions: 4, parallelism: 2 });
      new CronJob(s, 'dump', {
        image: 'postgres:16', schedule: '0 1 * * *', concurrency: ConcurrencyPolicy.ALLOW, onSwarm: CronJobOnSwarm.OMIT,
      });
    })).toEqual([]);
  });
});

describe('which images are the servers', () => {
  test.each([
    'docker.io/library/postgres:16', 'library/postgres:16', 'docker.io/postgres:16', 'index.docker.io/library/postgres:16',
    `postgres@sha256:${'a'.repeat(64)}`, `postgres:16@sha256:${'a'.repeat(64)}`,
    'registry.example.com:5000/mysql:8', 'mirror.example.com/library/mariadb:11', 'localhost:5000/mongo:7',
  ])('%s (tags, digests and registry mirrors)', (image) => {
    expect(two(image)).toHaveLength(1);
  });

  test.each([
    'postgres-exporter:0.15', 'myorg/postgres-backup:1.0', 'myorg/postgres:16', 'bitnami/redis:7.2', 'prom/mysqld-exporter:v0.15.1',
    'ghcr.io/acme/nats-jetstream:2.10.22', 'registry.example.com/team/redis:7', 'busybox:1.36', 'redis-commander:0.8',
  ])('not %s', (image) => {
    expect(two(image)).toEqual([]);
  });

  test('the importer still infers ports from Docker Hub names only (the parser it shares)', () => {
    expect(officialImageName('docker.io/library/redis@sha256:' + 'b'.repeat(64))).toBe('redis');
    expect(officialImageName('registry.example.com:5000/mysql:8')).toBeUndefined();
    expect(officialImageName('registry.example.com:5000/mysql:8', { mirrors: true })).toBe('mysql');
    expect(officialImageName('myorg/postgres:16', { mirrors: true })).toBeUndefined();
  });
});

describe('the server\'s own clustering or replication clears it', () => {
  test.each([
    ['redis:7.2', { args: ['--cluster-enabled', 'yes', '--cluster-config-file', '/data/nodes.conf'] }],
    ['redis:7.2', { args: ['redis-server', '--replicaof', 'primary', '6379'] }],
    ['redis:7.2', { args: ['--slaveof primary 6379'] }],
    ['redis:7.2', { command: ['redis-sentinel', '/etc/sentinel.conf'] }],
    ['redis:7.2', { args: ['redis-server', '/etc/sentinel.conf', '--sentinel'] }],
    ['redis:7.2', { command: ['sh', '-c', 'exec redis-server --cluster-enabled yes'] }],
    ['valkey:8.0', { command: ['/usr/local/bin/valkey-sentinel', '/etc/sentinel.conf'] }],
    ['mongo:7.0', { args: ['--replSet', 'rs0', '--bind_ip_all'] }],
    ['mongo:7.0', { args: ['mongod', '--replSet=rs0'] }],
    ['nats:2.10', { args: ['--routes', 'nats://queue-0.queue:6222,nats://queue-1.queue:6222', '--cluster', 'nats://0.0.0.0:6222'] }],
    ['nats:2.10', { args: ['-routes=nats://seed:6222'] }],
    ['nats:2.10', { args: ['--config', '/etc/nats/cluster.conf'] }],
    ['nats:2.10', { args: ['-c', '/etc/nats/cluster.conf'] }],
    ['rabbitmq:3.13', { env: { RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-rabbit cluster_formation [{peer_discovery_backend,dns}]' } }],
  ] as [string, Partial<WorkloadProps>][])('%s %j', (image, props) => {
    expect(two(image, props)).toEqual([]);
  });

  test('mounted config files are read: redis.conf, mongod.conf, nats routes, rabbitmq.conf', () => {
    const files: [string, string, string][] = [
      ['redis:7.2', 'redis.conf', 'port 6379\ncluster-enabled yes\n'],
      ['redis:7.2', 'redis.conf', 'replicaof primary 6379\n'],
      ['mongo:7.0', 'mongod.conf', 'replication:\n  replSetName: rs0\n'],
      ['nats:2.10', 'nats.conf', 'cluster {\n  name: c\n  port: 6222\n  routes: [\n    nats://queue-0.queue:6222\n  ]\n}\n'],
      ['rabbitmq:3.13', 'rabbitmq.conf', 'cluster_formation.peer_discovery_backend = dns\ncluster_formation.dns.hostname = rabbit\n'],
    ];
    for (const [image, file, text] of files) {
      expect(warn((s) => new Workload(s, 'w', { image, replicas: 2 }).mountConfig(new Config(s, 'conf', { files: { [file]: text } }), '/etc/server')))
        .toEqual([]);
    }
  });

  test.each([
    ['postgres:16', { args: ['-c', 'wal_level=replica', '--replicaof', 'x'] }, 'nothing clears a relational database'],
    ['redis:7.2', { args: ['--cluster-enabled', 'no'] }, 'cluster mode switched off'],
    ['redis:7.2', { args: ['--save', '', '--appendonly', 'no'] }, 'the shop\'s cache settings'],
    ['mongo:7.0', { args: ['--bind_ip_all'] }, 'no replica set'],
    ['nats:2.10', { args: ['--cluster', 'nats://0.0.0.0:6222'] }, '--cluster alone solicits no route'],
    ['nats:2.10', { args: ['--config', 'nats-server.conf'] }, 'the image\'s own config sets no routes'],
    ['nats:2.10', { args: ['--config', '/etc/nats/nats-server.conf', '--jetstream'] }, 'the alpine image\'s own config'],
    ['nats:2.10', { command: ['sh', '-c', 'exec nats-server --jetstream'] }, 'the shell\'s -c'],
    ['rabbitmq:3.13', { env: { RABBITMQ_ERLANG_COOKIE: 'x' } }, 'a cookie alone forms no cluster'],
  ] as [string, Partial<WorkloadProps>, string][])('still warns: %s %j (%s)', (image, props) => {
    expect(two(image, props)).toHaveLength(1);
  });

  test('a mounted nats config given with --config and no routes still warns; the same file with routes does not', () => {
    const args = ['--config', '/etc/nats/nats.conf'];
    const natsWith = (text: string) => warn((s) => new Workload(s, 'w', { image: 'nats:2.10', replicas: 2, args })
      .mountConfig(new Config(s, 'conf', { files: { 'nats.conf': text } }), '/etc/nats'));
    expect(natsWith('port: 4222\njetstream { store_dir: /data }\n')).toHaveLength(1);
    expect(natsWith('cluster { routes = [ nats://w-0.w:6222 ] }\n')).toEqual([]);
    expect(natsWith('cluster { routes = [] }\n')).toHaveLength(1);
  });
});

describe('strict mode and the CLI', () => {
  const RULE = 'strict mode forbids run-time warnings: w runs 2 replicas of mysql ("mysql:8.4")';

  test('strict turns it into an error', () => {
    const app = new App({ strict: true });
    new Workload(new Stack(app, 's'), 'w', { image: 'mysql:8.4', replicas: 2 });
    const { problems } = problemsOf(app);
    expect(problems.map((p) => [p.path, p.field, p.rule.slice(0, RULE.length)])).toEqual([['s/w', 'replicas', RULE]]);
  });

  test('conductor synth prints it and writes; --strict fails and writes nothing', () => {
    const dir = tempDir('conductor-replserver-');
    try {
      const app = writeApp(dir, 'app.ts', `import { App, Stack, Workload } from 'LIB';
const app = new App();
new Workload(new Stack(app, 's'), 'w', { image: 'mysql:8.4', replicas: 2 });
app.synth();
`);
      const out = path.join(dir, 'out');
      const strict = cli(['synth', '--strict', '--app', app, '--out', out]);
      expect(strict.status).toBe(1);
      expect(strict.stderr).toContain(`s/w: replicas: ${RULE}`);
      expect(fs.existsSync(out)).toBe(false);
      const r = cli(['synth', '--app', app, '--out', out]);
      expect(r.status).toBe(0);
      expect(r.stderr).toContain(`warning: s/w: replicas: w runs 2 replicas of mysql ("mysql:8.4"), ${CLUSTER}`);
      expect(fs.readFileSync(path.join(out, 's.md'), 'utf8')).toContain(`- \`w\` \`replicas\`: w runs 2 replicas of mysql`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
