import { App, Config, Exposure, Job, Network, Stack, StatefulWorkload, Workload } from '../../lib';
import { findHostNames } from '../../lib/model/checks';
import { BUSYBOX, warningsOf } from '../support/warnings';

/**
 * Issue 17, item 3: names clients use but cannot reach. A string of a
 * workload that names another workload of the stack as a host (URL or
 * host:port form) is checked against that workload's ports, kind and
 * networks, per target (docs/runtime-checks.md).
 */

const NAMES = new Set(['db', 'api', 'cache', 'web']);

describe('what is matched (findHostNames)', () => {
  test.each([
    ['db:5432', [{ host: 'db', port: 5432, text: 'db:5432' }]],
    ['http://api:8080/', [{ host: 'api', port: 8080, text: 'http://api:8080' }]],
    ['redis://cache:6379/0', [{ host: 'cache', port: 6379, text: 'redis://cache:6379' }]],
    ['postgres://user@db/app', [{ host: 'db', text: 'postgres://user@db' }]],
    ['postgres://user:secret@db:5432/app?sslmode=disable', [{ host: 'db', port: 5432, text: 'postgres://user:secret@db:5432' }]],
    ['jdbc:postgresql://db:5432/app', [{ host: 'db', port: 5432, text: 'postgresql://db:5432' }]],
    ['  location /api/ { proxy_pass http://api:8080/; }\n  upstream { server web:80; }', [
      { host: 'api', port: 8080, text: 'http://api:8080' }, { host: 'web', port: 80, text: 'web:80' },
    ]],
    ['--upstream=api:9000,cache:6379', [{ host: 'api', port: 9000, text: 'api:9000' }, { host: 'cache', port: 6379, text: 'cache:6379' }]],
    ['"db:5432"', [{ host: 'db', port: 5432, text: 'db:5432' }]],
  ])('%j', (text, found) => {
    expect(findHostNames(text, NAMES)).toEqual(found);
  });

  test.each([
    ['a host that is no workload', 'postgres://other:5432/app'],
    ['a domain name', 'http://db.s.svc.cluster.local:5432/'],
    ['a name with a domain', 'db.s:5432'],
    ['a longer name', 'mydb:5432 db-replica:5432 db_1:5432'],
    ['an image reference', 'redis:7-alpine cache:7.2 web:1.27-alpine'],
    ['a path', '/var/run/db:5432'],
    ['case', 'DB:5432 http://API:8080/'],
    ['a bare name', 'DB_HOST=db'],
    ['a port range or more digits', 'db:5432-5440 db:123456'],
  ])('not: %s', (_, text) => {
    expect(findHostNames(text, NAMES)).toEqual([]);
  });
});

function stack(build: (s: Stack) => void): App {
  const app = new App();
  build(new Stack(app, 's'));
  return app;
}

describe('on Kubernetes: a name resolves through the Service `<name>`', () => {
  test('a workload without ports has no Service: the name does not resolve (on Swarm it does)', () => {
    const app = stack((s) => {
      new Workload(s, 'db', { image: 'postgres:16.4-alpine' });
      new Workload(s, 'api', { image: BUSYBOX, env: { DATABASE_URL: 'postgres://app@db/app' } });
    });
    expect(warningsOf(app)).toEqual([{
      path: 's/api', field: 'env["DATABASE_URL"]', target: 'kubernetes',
      message: 'names db ("postgres://app@db"), but db declares no port, so it has no Service and the name does not resolve on Kubernetes '
        + '(on Swarm it does); declare the port it listens on',
    }]);
  });

  test('a Job has no Service', () => {
    const app = stack((s) => {
      new Job(s, 'seed', { image: BUSYBOX, ports: [{ port: 9000 }] });
      new Workload(s, 'api', { image: BUSYBOX, args: ['--notify', 'seed:9000'] });
    });
    expect(warningsOf(app, ['kubernetes'])).toEqual([{
      path: 's/api', field: 'args[1]', target: 'kubernetes',
      message: 'names seed ("seed:9000"), but seed is a Job, so it has no Service and the name does not resolve on Kubernetes (on Swarm it does); '
        + 'declare the port it listens on',
    }]);
  });

  test('clients reach a Service port: the container port of a mapped port is not one', () => {
    const app = stack((s) => {
      new Workload(s, 'web', { image: BUSYBOX, ports: [{ port: 80, targetPort: 8080 }] });
      new Workload(s, 'api', { image: BUSYBOX, env: { WEB: 'web:8080' } });
    });
    expect(warningsOf(app, ['kubernetes'])).toEqual([{
      path: 's/api', field: 'env["WEB"]', target: 'kubernetes',
      message: 'names web ("web:8080"): port 8080 is not declared on Kubernetes: the Service web has the ports 80 (→ 8080), and clients reach a '
        + 'Service port; use one of them or declare 8080',
    }]);
  });

  test('a StatefulWorkload\'s Service is headless: the name resolves to the pods, so the container port counts', () => {
    const app = stack((s) => {
      new StatefulWorkload(s, 'db', { image: BUSYBOX, ports: [{ port: 15432, targetPort: 5432 }] });
      new Workload(s, 'api', { image: BUSYBOX, env: { OK: 'db:5432', BAD: 'db:15432' } });
    });
    expect(warningsOf(app, ['kubernetes'])).toEqual([{
      path: 's/api', field: 'env["BAD"]', target: 'kubernetes',
      message: 'names db ("db:15432"): port 15432 is not declared on Kubernetes: the headless Service db resolves to the pods, which listen on 5432; '
        + 'use one of them or declare 15432',
    }]);
  });
});

describe('on Swarm: names resolve, and clients reach the container port (no port mapping inside a stack)', () => {
  test('the Service port of a mapped port is not a container port', () => {
    const app = stack((s) => {
      new Workload(s, 'web', { image: BUSYBOX, ports: [{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }] });
      new Workload(s, 'api', { image: BUSYBOX, env: { WEB: 'http://web:80/' } });
    });
    expect(warningsOf(app, ['swarm'])).toEqual([{
      path: 's/api', field: 'env["WEB"]', target: 'swarm',
      message: 'names web ("http://web:80"): port 80 is not a container port of web on Swarm, where clients reach the container port directly: '
        + 'it listens on 8080 (80 is the Service port of 8080 on Kubernetes; Swarm has no port mapping inside a stack); '
        + 'use the same port and targetPort, or declare 80',
    }]);
  });

  test('a port nobody declares warns on both targets, each saying why', () => {
    const app = stack((s) => {
      new Workload(s, 'cache', { image: 'redis:7.2-alpine', ports: [{ port: 6379 }] });
      new Workload(s, 'api', { image: BUSYBOX, env: { CACHE_URL: 'redis://cache:6380/0' } });
    });
    expect(warningsOf(app).map((w) => [w.target, w.field, w.message.split(':')[0]])).toEqual([
      ['kubernetes', 'env["CACHE_URL"]', 'names cache ("redis'],
      ['swarm', 'env["CACHE_URL"]', 'names cache ("redis'],
    ]);
  });
});

describe('network isolation: no common Network blocks the connection on both targets', () => {
  test('a warning for every target, naming both workloads\' networks', () => {
    const app = stack((s) => {
      const front = new Network(s, 'front');
      const back = new Network(s, 'back');
      new Workload(s, 'db', { image: BUSYBOX, ports: [{ port: 5432 }], networks: [back] });
      new Workload(s, 'web', { image: BUSYBOX, networks: [front], env: { DB: 'db:5432' } });
    });
    expect(warningsOf(app)).toEqual([{
      path: 's/web', field: 'env["DB"]',
      message: 'names db ("db:5432"), but web (networks front) and db (networks back) share no Network, so network isolation blocks the connection '
        + 'on both targets; join both to one Network',
    }]);
  });

  test('a workload in no Network is in "default"; a shared Network, or a stack without Networks, is fine', () => {
    const app = stack((s) => {
      const back = new Network(s, 'back');
      new Workload(s, 'db', { image: BUSYBOX, ports: [{ port: 5432 }], networks: [back] });
      new Workload(s, 'api', { image: BUSYBOX, networks: [back], env: { DB: 'db:5432' } });
      new Workload(s, 'web', { image: BUSYBOX, env: { DB: 'db:5432' } });
    });
    expect(warningsOf(app).map((w) => [w.path, w.message.replace(/, so .*/, '')])).toEqual([
      ['s/web', 'names db ("db:5432"), but web (networks default) and db (networks back) share no Network'],
    ]);
  });
});

describe('where names are read: env, command, args, configs (env taken, files mounted) and helper containers', () => {
  test('each field named exactly; config files not mounted and config env not taken are not read', () => {
    const app = stack((s) => {
      new Workload(s, 'db', { image: BUSYBOX });
      const taken = new Config(s, 'taken', { env: { URL: 'db:5432' }, files: { 'unmounted.conf': 'db:5432' } });
      const mounted = new Config(s, 'mounted', { files: { 'app.conf': 'upstream db:5432;\n', 'other.conf': 'db:5432' }, env: { NOT_TAKEN: 'db:1' } });
      new Workload(s, 'api', {
        image: BUSYBOX,
        command: ['wait-for', 'db:5432'],
        args: ['--db', 'postgres://db:5432/app'],
        sidecars: [{ name: 'proxy', image: BUSYBOX, env: { UPSTREAM: 'db:5432' } }],
        initContainers: [{ name: 'wait', image: BUSYBOX, args: ['db:5432'] }],
      }).envFromConfig(taken).mountConfig(mounted, '/etc/app.conf', { file: 'app.conf' });
    });
    expect(warningsOf(app, ['kubernetes']).map((w) => `${w.field} ${w.message.split(',')[0]}`)).toEqual([
      'command[1] names db ("db:5432")',
      'args[1] names db ("postgres://db:5432")',
      'configs["taken"].env["URL"] names db ("db:5432")',
      'configs["mounted"].files["app.conf"] names db ("db:5432")',
      'sidecars[0].env["UPSTREAM"] names db ("db:5432")',
      'initContainers[0].args[0] names db ("db:5432")',
    ]);
  });
});
