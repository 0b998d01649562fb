import { SHOP_DB_PASSWORD, SHOP_DB_SECRET, realShopApp } from '../apps/real-servers';
import type { TaskInspect } from '../support/docker';
import {
  containersOf, deployStack, docker, execIn, inspectService, removeStack, sh, step, tasksOf, waitForReplicas, waitForUpdateState,
} from '../support';
import { slotUpdates } from '../support/rollout-analysis';
import { POSTGRES_IMAGE, POSTGRES_IMAGE_V2 } from '../support/server-images';
import { expectSecretNowhere, identities, secureAs } from './real-checks';

const STACK = 'shop';
const svc = (name: string) => `${STACK}_${name}`;
const SERVICES: [string, number][] = [['db', 1], ['cache', 1], ['api', 3], ['web', 2]];
/** The one security setting the example writes itself: postgres runs as its own uid 70. */
const EXAMPLE_OVERRIDES: Record<string, number> = { db: 70, cache: 10001, api: 10001, web: 10001 };

const psqlLocal = (sql: string) => ['psql', '-U', 'shop', '-d', 'shop', '-v', 'ON_ERROR_STOP=1', '-Atc', sql];

/** GET from inside a web container (busybox wget under `timeout`). */
async function getFromWeb(path: string): Promise<string> {
  const r = await execIn(svc('web'), ['timeout', '5', 'wget', '-q', '-O', '-', `http://127.0.0.1:8080${path}`]);
  if (r.status !== 0) throw new Error(`GET ${path} from web failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

async function waitAll(timeoutMs: number): Promise<void> {
  await Promise.all(SERVICES.map(([name, n]) => waitForReplicas(svc(name), n, timeoutMs)));
}

/**
 * The shop example (apps/shop.ts) with real software: PostgreSQL 15 as uid
 * 70 on a fresh named volume, reading its password through
 * POSTGRES_PASSWORD_FILE; the API (busybox httpd + CGI, psql) reaching
 * `db` by name with the password file; nginx (the example's own
 * default.conf from its Config) proxying /api/ to `api` by name.
 */
export function realShopScenario(): void {
  beforeAll(async () => {
    await step('real shop: secret created, deploy (detached)', async () => {
      await docker(['secret', 'create', SHOP_DB_SECRET, '-'], { input: SHOP_DB_PASSWORD });
      await deployStack(STACK, realShopApp(), { wait: false });
    });
  });

  afterAll(async () => {
    await step('real shop: stack removed', () => removeStack(STACK, { timeoutMs: 90_000 }));
    await docker(['secret', 'rm', SHOP_DB_SECRET], { allowFailure: true });
    await docker(['volume', 'rm', svc('pg-data')], { allowFailure: true });
  });

  test('every service converges healthy with its real health check (pg_isready, redis-cli, curl, wget)', async () => {
    await step('real shop: converged', () => waitAll(180_000));
    for (const [name] of SERVICES) {
      const ids = await identities(svc(name));
      expect({ name, health: ids.map((i) => i.health) }).toEqual({ name, health: ids.map(() => 'healthy') });
    }
    const specs = await Promise.all(SERVICES.map(([name]) => inspectService(svc(name))));
    const checks = specs.map((s) => s.Spec.TaskTemplate.ContainerSpec.Healthcheck?.Test);
    expect(checks.map((t) => t?.[1])).toEqual(['pg_isready', 'redis-cli', 'curl', 'wget']);
  });

  test('a request to the web tier is answered with rows the API read from postgres and a counter it keeps in redis, by service names, over TCP',
    async () => {
    const sql = "CREATE TABLE items (id serial PRIMARY KEY, name text); INSERT INTO items (name) VALUES ('teapot'), ('kettle');";
    await sh(svc('db'), `psql -U shop -d shop -v ON_ERROR_STOP=1 -c "${sql}"`);
    // web -> (nginx proxy_pass http://api:8080/) -> api CGI -> (psql -h db) -> postgres
    expect((await getFromWeb('/api/cgi-bin/items')).trim()).toBe('teapot\nkettle');
    // The API's Config file, mounted at /etc/shop, through the same path.
    expect(JSON.parse(await getFromWeb('/api/cgi-bin/features'))).toEqual({ checkout: true, recommendations: false });
    // web -> api -> (redis-cli -h cache INCR) -> redis: a counter that only the cache holds.
    const hits = [await getFromWeb('/api/cgi-bin/hits'), await getFromWeb('/api/cgi-bin/hits')].map((h) => Number(h.trim()));
    expect(hits[1]).toBe(hits[0] + 1);
    expect((await sh(svc('cache'), 'redis-cli GET hits')).trim()).toBe(String(hits[1]));
  });

  test('postgres took its password from the secret file: the API\'s file password works over TCP, a wrong one is refused', async () => {
    const ok = await sh(svc('api'), 'PGPASSWORD="$(cat "$DB_PASSWORD_FILE")" psql -h db -U shop -d shop -Atc "SELECT current_user"');
    expect(ok.trim()).toBe('shop');
    const bad = await execIn(svc('api'), ['sh', '-c', 'PGPASSWORD=wrong psql -h db -U shop -d shop -Atc "SELECT 1"']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('password authentication failed for user "shop"');
  });

  test('no secret value in docker inspect of any service or container, nor in any process environment', async () => {
    await expectSecretNowhere(SERVICES.map(([name]) => svc(name)), SHOP_DB_PASSWORD);
    expect((await sh(svc('db'), 'cat /run/secrets/db-password'))).toBe(SHOP_DB_PASSWORD);
  });

  test('every service runs under the library\'s secure defaults; the example\'s only override is the database\'s user 70:70', async () => {
    for (const [name] of SERVICES) {
      for (const i of await identities(svc(name))) {
        expect({ name, ...i }).toEqual({ name, container: i.container, ...secureAs(EXAMPLE_OVERRIDES[name]) });
      }
    }
  });

  test('rows survive a rolling update of the database (new image tag, same packages), stop-first as the example says', async () => {
    const before = (await containersOf(svc('db')))[0].container;
    await step('real shop: database image :15 -> :15-2', async () => {
      await deployStack(STACK, realShopApp({ db: POSTGRES_IMAGE_V2 }), { wait: false });
      await waitForUpdateState(svc('db'), ['completed'], 150_000);
      await waitAll(120_000);
    });
    const after = await containersOf(svc('db'));
    expect(after.map((c) => c.container)).not.toContain(before);
    expect(after[0].task.Spec.ContainerSpec.Image.split('@')[0]).toBe(POSTGRES_IMAGE_V2);
    expect((await sh(svc('db'), psqlLocal('SELECT name FROM items ORDER BY id').map((a) => `'${a}'`).join(' '))).trim()).toBe('teapot\nkettle');
    expect((await getFromWeb('/api/cgi-bin/items')).trim()).toBe('teapot\nkettle');
    // stop-first, as the example says: the old task was down before the new one ran.
    const [u] = slotUpdates(await tasksOf(svc('db')), POSTGRES_IMAGE.tag, POSTGRES_IMAGE_V2);
    expect(u.stopped).toBeLessThanOrEqual(u.running);
  });

  test('a changed Config, re-synthesized: a new config name, a start-first rolling update of web, the new content served, rows kept', async () => {
    const configOf = (t: TaskInspect) => (t.Spec.ContainerSpec.Configs ?? []).map((c) => c.ConfigName).join(',');
    const old = configOf((await containersOf(svc('web')))[0].task);
    const deployment = await step('real shop: web Config changed, redeployed', async () => {
      const d = await deployStack(STACK, realShopApp({ db: POSTGRES_IMAGE_V2 }, true), { wait: false });
      await waitForUpdateState(svc('web'), ['completed'], 150_000);
      await waitAll(60_000);
      return d;
    });
    expect(deployment.result.stderr + deployment.result.stdout).not.toMatch(/in use|only updates to Labels/);
    const now = await containersOf(svc('web'));
    const fresh = configOf(now[0].task);
    expect(fresh).toMatch(/web-config-default-conf-[0-9a-f]+$/);
    expect(fresh).not.toBe(old);
    for (const c of now) {
      expect(configOf(c.task)).toBe(fresh);
      expect(await sh(svc('web'), 'wget -q -O - http://127.0.0.1:8080/config-version', { container: c.container })).toBe('2\n');
    }
    // start-first (the library's default for web): each slot's new task ran before its old one stopped, one slot at a time.
    const updates = slotUpdates(await tasksOf(svc('web')), old, fresh, configOf);
    expect(updates).toHaveLength(2);
    for (const u of updates) expect(u.running).toBeLessThanOrEqual(u.stopped);
    // Only web changed; the data is still there, through every tier.
    expect((await getFromWeb('/api/cgi-bin/items')).trim()).toBe('teapot\nkettle');
    // The old config is no longer in use: it can be removed.
    expect((await docker(['config', 'rm', old], { allowFailure: true })).status).toBe(0);
  });
}
