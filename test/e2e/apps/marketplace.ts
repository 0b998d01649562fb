import { App, Stack, Swarm, WorkloadBase } from '../../../lib';
import { defineMarketplace } from '../../../apps/marketplace';
import { IDLE } from './common';
import { IMAGE_V1 } from './images';

/** The example app's stack (apps/marketplace.ts), deployed as it is written but for the stand-ins below. */
export const MARKETPLACE_STACK = 'marketplace';

/** The existing secret the example references; the suite creates it with `docker secret create`. */
export const DB_PASSWORD_SECRET = 'postgres-password';
export const DB_PASSWORD_VALUE = 'e2e-postgres-password';

/** The node label the database's placement asks for (`placement.nodeLabels`); the suite puts it on its node. */
export const STORAGE_LABEL = { key: 'storage', value: 'ssd' };

/**
 * busybox httpd serving `dir` on `port` after `setup`, under a shell that
 * exits at once on SIGTERM: httpd as pid 1 ignores it, and the example's
 * stop grace periods (60s for the database) would make every removal wait.
 */
function serve(port: number, dir: string, setup: string): string[] {
  return ['sh', '-c', `(${setup}) && httpd -f -p ${port} -h ${dir} & trap "exit 0" TERM; wait`];
}

/**
 * What each workload of the example runs instead of its real image. No
 * registry is reachable here, so every image becomes the suite's local
 * busybox (apps/images.ts), and the command a stand-in that listens on the
 * example's own ports and passes the example's own health checks (only the
 * database's `pg_isready` is replaced). Everything else is the example's
 * output: networks, ports, env, secrets, volumes, user, read-only root,
 * placement, labels, modes, restart and update policies.
 */
const STAND_INS: Record<string, { command: string[]; extra?: Record<string, unknown> }> = {
  postgres: {
    command: serve(5432, '/var/run/postgresql', 'echo postgres > /var/run/postgresql/index.html'),
    extra: { healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:5432/'] } },
  },
  // Each replica records its slot in its own volume; /data/healthz answers the example's check.
  queue: {
    command: serve(8222, '/data', 'touch /data/healthz && echo "slot $SLOT" > /data/owner'),
    extra: { environment: { SLOT: '{{.Task.Slot}}' } },
  },
  checkout: { command: serve(8080, '/tmp/www', 'mkdir -p /tmp/www && echo checkout > /tmp/www/healthz') },
  storefront: { command: serve(8080, '/tmp/www', 'mkdir -p /tmp/www && echo storefront > /tmp/www/index.html') },
  worker: { command: IDLE },
  // The migration job: succeeds when its secret file and config env are there.
  migrate: { command: ['sh', '-c', 'test -s "$DATABASE_PASSWORD_FILE" && test "$DATABASE_HOST" = postgres'] },
  'nightly-report': { command: ['true'] },
  'log-agent': { command: IDLE },
};

/**
 * The marketplace example with stand-ins (see STAND_INS), through the
 * Swarm escape hatch only: the Kubernetes output is the example's own.
 */
export function defineMarketplaceStandIns(app: App): Stack {
  const stack = defineMarketplace(app);
  const workloads: readonly WorkloadBase[] = stack.workloads;
  const stale = Object.keys(STAND_INS).filter((name) => !workloads.some((w) => w.name === name));
  const missing = workloads.filter((w) => !STAND_INS[w.name]).map((w) => w.name);
  if (stale.length || missing.length) throw new Error(
    `stand-ins out of date with apps/marketplace.ts: none for ${missing.join(', ') || '-'}; stale ${stale.join(', ') || '-'}`,
  );
  for (const w of workloads) {
    const s = STAND_INS[w.name];
    Swarm.override(w, { image: IMAGE_V1, command: s.command, ...s.extra });
  }
  return stack;
}

export function marketplaceApp(): App {
  const app = new App({ outdir: 'unused' });
  defineMarketplaceStandIns(app);
  return app;
}
