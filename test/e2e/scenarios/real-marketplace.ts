import { MARKET_DB_PASSWORD, MARKET_DB_SECRET, realMarketplaceApp } from '../apps/real-servers';
import { STORAGE_LABEL } from '../apps/marketplace';
import {
  deployStack, docker, execIn, expectIdleSwarmCronJob, inspectService, poll, removeStack, sh, step, tasksOf, waitForJobComplete,
  resolveIn, waitForReplicas,
} from '../support';
import { expectSecretNowhere, identities, secureAs } from './real-checks';

const STACK = 'marketplace';
const svc = (name: string) => `${STACK}_${name}`;
/** The workloads that run here (the log agent's placement, worker nodes only, gives it no task on this manager-only swarm). */
const RUNNING: [string, number][] = [['postgres', 1], ['queue', 1], ['checkout', 3], ['worker', 2], ['storefront', 2]];
/** The user each runs as: the library's default 10001, but the database, whose uid 70 the example writes. */
const EXAMPLE_USERS: Record<string, number> = { postgres: 70, queue: 10001, checkout: 10001, worker: 10001, storefront: 10001 };

const psql = (sql: string) => `psql -U market -d market -v ON_ERROR_STOP=1 -Atc "${sql}"`;

/** GET from inside a storefront container (busybox wget under `timeout`), through the CGI programs of the app image. */
async function getFromStorefront(path: string): Promise<string> {
  const r = await execIn(svc('storefront'), ['timeout', '10', 'wget', '-q', '-O', '-', `http://127.0.0.1:8080${path}`]);
  if (r.status !== 0) throw new Error(`GET ${path} from the storefront failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** `nslookup <name>` from a container of `from`: its addresses, or undefined when the name does not resolve there. */
const resolve = (from: string, name: string) => resolveIn(svc(from), name);

/**
 * A TCP connect from a container of `from` to host:port: true when it opened.
 * busybox 1.35's nc has no `-z`: `-e true` runs `true` once connected and closes.
 */
async function connects(from: string, host: string, port: number): Promise<boolean> {
  return (await execIn(svc(from), ['timeout', '5', 'nc', '-w', '3', host, String(port), '-e', 'true'])).status === 0;
}

/**
 * The marketplace example (apps/marketplace.ts) with real software:
 * PostgreSQL 15 as uid 70 on its per-replica volume, a NATS server with
 * JetStream on its own, and the app image as checkout (its `serve`,
 * `migrate up`, `work` and `report` commands) and the storefront. A catalog
 * request crosses storefront -> checkout -> postgres by service names over
 * two networks; an order goes storefront -> checkout -> NATS -> worker ->
 * postgres; the networks the example declares stop real TCP.
 */
export function realMarketplaceScenario(): void {
  let nodeId = '';

  beforeAll(async () => {
    await step('real marketplace: secret created, node labelled, deploy (detached)', async () => {
      await docker(['secret', 'create', MARKET_DB_SECRET, '-'], { input: MARKET_DB_PASSWORD });
      nodeId = (await docker(['info', '--format', '{{.Swarm.NodeID}}'])).stdout.trim();
      await docker(['node', 'update', '--label-add', `${STORAGE_LABEL.key}=${STORAGE_LABEL.value}`, nodeId]);
      await deployStack(STACK, realMarketplaceApp(), { wait: false });
    });
  });

  afterAll(async () => {
    await step('real marketplace: stack removed', () => removeStack(STACK, { timeoutMs: 120_000, leftoverServices: [svc('migrate')] }));
    await docker(['container', 'prune', '--force', '--filter', `label=com.docker.stack.namespace=${STACK}`], { allowFailure: true });
    await docker(['volume', 'rm', svc('postgres-data-1'), svc('queue-jetstream-1')], { allowFailure: true });
    await docker(['secret', 'rm', MARKET_DB_SECRET], { allowFailure: true });
    if (nodeId) await docker(['node', 'update', '--label-rm', STORAGE_LABEL.key, nodeId], { allowFailure: true });
  });

  test('every service converges healthy with its real health check; the migration job ran `migrate up` against postgres', async () => {
    await step('real marketplace: converged, migration complete', async () => {
      await Promise.all(RUNNING.map(([name, n]) => waitForReplicas(svc(name), n, 180_000)));
      expect(await waitForJobComplete(svc('migrate'), 120_000)).toHaveLength(1);
    });
    for (const [name] of RUNNING) {
      const ids = await identities(svc(name));
      // The worker has no health check in the example.
      const want = name === 'worker' ? undefined : 'healthy';
      expect({ name, health: ids.map((i) => i.health) }).toEqual({ name, health: ids.map(() => want) });
    }
    const checks = await Promise.all(['postgres', 'queue', 'checkout', 'storefront'].map(async (name) => {
      const t = (await inspectService(svc(name))).Spec.TaskTemplate.ContainerSpec.Healthcheck?.Test ?? [];
      return `${t[1]} ${t[t.length - 1]}`;
    }));
    expect(checks).toEqual([
      'pg_isready market', 'wget http://127.0.0.1:8222/healthz', 'wget http://127.0.0.1:8080/healthz', 'wget http://127.0.0.1:8080/',
    ]);
    // The tables `migrate up` created, as the database holds them.
    const tables = await sh(svc('postgres'), psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"));
    expect(tables.trim()).toBe('orders,products');
    await expectIdleSwarmCronJob(svc('nightly-report'), '30 2 * * *');
  });

  test('a catalog request crosses three tiers by service name: storefront -> checkout -> postgres (over two networks)', async () => {
    await sh(svc('postgres'), psql("INSERT INTO products (name) VALUES ('teapot'), ('kettle')"));
    // storefront (frontend) -> CHECKOUT_URL http://checkout:8080 -> checkout (frontend + backend) -> psql -h postgres (backend).
    expect((await getFromStorefront('/cgi-bin/catalog')).trim()).toBe('teapot\nkettle');
  });

  test('an order crosses the queue: storefront -> checkout -> NATS (nats://queue:4222) -> worker -> postgres', async () => {
    // Core NATS delivers to subscribers connected at the time: the order is placed again until a worker has written it.
    const rows = await poll('the order to reach postgres through the queue', async () => {
      expect((await getFromStorefront('/cgi-bin/buy?item=kettle')).trim()).toBe('queued kettle');
      const out = (await sh(svc('postgres'), psql("SELECT count(*) FROM orders WHERE item = 'kettle'"))).trim();
      return Number(out) > 0 ? Number(out) : undefined;
    }, { timeoutMs: 60_000, intervalMs: 2_000 });
    expect(rows).toBeGreaterThan(0);
    // JetStream keeps its store on the queue's own per-replica volume, written by the library's default user.
    const store = await sh(svc('queue'), 'stat -c "%u %n" /data/jetstream; grep " /data " /proc/mounts | cut -d" " -f2');
    expect(store).toBe('10001 /data/jetstream\n/data\n');
  });

  test('the nightly report, started as swarm-cronjob starts it (its replicas set to 1), counts the orders in postgres', async () => {
    const report = svc('nightly-report');
    // swarm-cronjob runs a job by setting the service's replicas to its swarm.cronjob.replicas label (1 here).
    await docker(['service', 'scale', '--detach', `${report}=1`]);
    const done = await poll(`${report} to run once`, async () => {
      const tasks = await tasksOf(report);
      const failed = tasks.filter((t) => t.Status.State === 'failed' || t.Status.State === 'rejected');
      if (failed.length) throw new Error(`${report} failed: ${JSON.stringify(failed.map((t) => t.Status))}`);
      return tasks.find((t) => t.Status.State === 'complete');
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(done.Spec.ContainerSpec.Args).toEqual(['report', '--yesterday']);
    const logs = await docker(['service', 'logs', '--raw', report]);
    const orders = (await sh(svc('postgres'), psql('SELECT count(*) FROM orders'))).trim();
    expect(logs.stdout).toBe(`orders: ${orders}\n`);
  });

  test('the networks the example declares stop real TCP: the storefront cannot resolve or open the database or the queue; checkout and the ' +
    'worker can', async () => {
    // Positive first, so that a broken network cannot pass the negative checks.
    const [dbTask] = (await resolve('checkout', 'postgres')) ?? [];
    const [queueTask] = (await resolve('worker', 'queue')) ?? [];
    expect(dbTask).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(queueTask).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await sh(svc('checkout'), `pg_isready -h ${dbTask} -p 5432`)).toContain('accepting connections');
    expect(await connects('checkout', 'postgres', 5432)).toBe(true);
    expect(await connects('worker', 'queue', 4222)).toBe(true);
    expect(await connects('storefront', 'checkout', 8080)).toBe(true);
    // The storefront shares no network with the data tier: no name, and no route to its addresses.
    const hidden = await Promise.all(['postgres', 'queue', 'worker'].map(async (name) => ({ name, addresses: await resolve('storefront', name) })));
    expect(hidden).toEqual(['postgres', 'queue', 'worker'].map((name) => ({ name, addresses: undefined })));
    expect(await connects('storefront', dbTask, 5432)).toBe(false);
    expect(await connects('storefront', queueTask, 4222)).toBe(false);
    const refused = await execIn(svc('storefront'), ['timeout', '8', 'pg_isready', '-h', dbTask, '-p', '5432', '-t', '5']);
    expect(refused.status).not.toBe(0);
  });

  test('postgres took its password from the secret file; a wrong one is refused; no secret value in docker inspect or any environment', async () => {
    const login = 'PGPASSWORD="$(cat "$DATABASE_PASSWORD_FILE")" psql -h postgres -U market -d market -Atc "SELECT current_user"';
    const ok = await sh(svc('checkout'), login);
    expect(ok.trim()).toBe('market');
    const bad = await execIn(svc('checkout'), ['sh', '-c', 'PGPASSWORD=wrong psql -h postgres -U market -d market -Atc "SELECT 1"']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('password authentication failed for user "market"');
    await expectSecretNowhere(RUNNING.map(([name]) => svc(name)), MARKET_DB_PASSWORD);
  });

  test('every service runs under the library\'s secure defaults; the example\'s only override is the database\'s user 70:70', async () => {
    for (const [name] of RUNNING) {
      for (const i of await identities(svc(name))) {
        const want = { ...secureAs(EXAMPLE_USERS[name]), health: name === 'worker' ? undefined : 'healthy' };
        expect({ name, ...i }).toEqual({ name, container: i.container, ...want });
      }
    }
  });
}
