import { IMPORTED, importedApp, WORDPRESS_SECRETS } from '../apps/imported';
import {
  deployStack, docker, dockerLines, execIn, removeStack, sh, step, waitForJobComplete, waitForReplicas,
} from '../support';

/** HTTP GET by service name from a container of `from` (busybox wget under `timeout`): the body, or undefined. */
async function get(stack: string, from: string, url: string): Promise<string | undefined> {
  const r = await execIn(`${stack}_${from}`, ['timeout', '5', 'wget', '-q', '-O', '-', url]);
  if (r.status !== 0 && process.env.E2E_DEBUG) {
    const host = new URL(url).hostname;
    const dns = await execIn(`${stack}_${from}`, ['nslookup', host]);
    process.stderr.write(`GET ${url} from ${from}: ${r.status} ${r.stderr}\nnslookup: ${dns.stdout}${dns.stderr}\n`);
  }
  return r.status === 0 ? r.stdout : undefined;
}

/**
 * Two real-world-shaped compose files (test/compose/real-world), imported
 * with the defaults and deployed as imported, images swapped for stand-ins
 * (apps/imported.ts says how): every service converges, and each client
 * reaches the services it names in the file by those names, on the ports the
 * import declared (a postgres, a redis and a rabbitmq without `ports` among
 * them); the containers run as the image says (its user, a writable root).
 */
export function importedScenario(): void {
  const celery = IMPORTED.celery.stack;
  const wordpress = IMPORTED.wordpress.stack;

  beforeAll(async () => {
    await step('imported: secrets created', async () => {
      for (const [name, value] of Object.entries(WORDPRESS_SECRETS)) await docker(['secret', 'create', name, '-'], { input: value });
    });
    await step('imported: both stacks deployed (detached)', async () => {
      await deployStack(celery, importedApp('celery').app, { wait: false });
      await deployStack(wordpress, importedApp('wordpress').app, { wait: false });
    });
  });

  afterAll(async () => {
    for (const name of Object.keys(WORDPRESS_SECRETS)) await docker(['secret', 'rm', name], { allowFailure: true });
  });

  test('every service converges; the migration step (service_completed_successfully) ran as a job', async () => {
    await step('imported: replicas converged, job complete', async () => {
      const running: [string, number][] = [
        [`${celery}_web`, 1], [`${celery}_worker`, 2], [`${celery}_beat`, 1], [
          `${celery}_rabbitmq`,
          1,
        ], [`${celery}_redis`, 1], [`${celery}_postgres`, 1],
        [`${wordpress}_db`, 1], [`${wordpress}_wordpress`, 1],
      ];
      await Promise.all(running.map(([name, replicas]) => waitForReplicas(name, replicas, 120_000)));
      expect(await waitForJobComplete(`${celery}_migrate`)).toHaveLength(1);
    });
  });

  test('clients reach what the file names, by name: the database, the cache and the broker had no ports in the file', async () => {
    // web: DATABASE_URL postgres://...@postgres:5432, broker amqp://...@rabbitmq:5672, backend redis://redis:6379.
    // The database and the cache are the real servers: the migration job created its table by name (psql -h postgres),
    // and the cache answers the Redis protocol by name.
    expect((await sh(`${celery}_postgres`, 'psql -U shop -d shop -Atc "SELECT count(*) FROM migrated"')).trim()).toBe('0');
    expect(await sh(`${celery}_web`, 'printf "PING\\r\\n" | timeout 3 nc redis 6379; true')).toBe('+PONG\r\n');
    expect(await get(celery, 'web', 'http://rabbitmq:5672/')).toBe('rabbitmq\n');
    expect(await get(celery, 'worker', 'http://rabbitmq:5672/')).toBe('rabbitmq\n');
    // WORDPRESS_DB_HOST=db:3306; the file's expose: lists 3306 and 33060.
    expect(await get(wordpress, 'wordpress', 'http://db:3306/')).toBe('db\n');
    expect(await get(wordpress, 'wordpress', 'http://db:33060/')).toBe('db\n');
    // Positive checks above; a name from the other stack does not resolve (no shared network).
    expect(await get(wordpress, 'wordpress', 'http://postgres:5432/')).toBeUndefined();
  });

  test('the containers run as the image says (the file sets no user, read_only or cap_drop), and read their secrets', async () => {
    expect(await sh(`${celery}_postgres`, 'id -u; touch /written && echo writable')).toBe('0\nwritable\n');
    // Started as root, the official entrypoints chown the data directories and drop to the server's user (gosu).
    const server = 'awk \'/^Uid:/{print $2}\' /proc/1/status; stat -c %u';
    expect(await sh(`${celery}_postgres`, `${server} "$PGDATA"`)).toBe('70\n70\n');
    expect(await sh(`${celery}_redis`, `${server} /data`)).toBe('999\n999\n');
    expect(await sh(`${wordpress}_wordpress`, 'cat /run/secrets/db_password')).toBe(WORDPRESS_SECRETS['db-password']);
    expect(await sh(`${wordpress}_db`, 'cat "$MYSQL_PASSWORD_FILE"')).toBe(WORDPRESS_SECRETS['db-password']);
  });

  test('docker stack rm removes both stacks', async () => {
    for (const [stack, jobs] of [[celery, [`${celery}_migrate`]], [wordpress, []]] as const) {
      const left = await step(`imported: docker stack rm ${stack}`, () => removeStack(stack, { leftoverServices: [...jobs] }));
      if (left.containers.length) await docker(['rm', ...left.containers]);
      if (left.volumes.length) await docker(['volume', 'rm', ...left.volumes]);
    }
    for (const name of Object.keys(WORDPRESS_SECRETS)) await docker(['secret', 'rm', name]);
    // Only this scenario's objects: an earlier scenario's leftovers are its own business.
    for (const stack of [celery, wordpress]) {
      expect(await dockerLines(['ps', '--all', '--quiet', '--filter', `label=com.docker.stack.namespace=${stack}`])).toEqual([]);
      expect((await dockerLines(['volume', 'ls', '--format', '{{.Name}}'])).filter((v) => v.startsWith(`${stack}_`))).toEqual([]);
    }
  });
}
