import * as path from 'path';
import { App, ComposeStack, Swarm } from '../../../lib';
import { APP_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE } from '../support/server-images';
import { IMAGE_V1 } from './images';

/** Two files of the real-world corpus (test/compose/real-world), imported with the defaults. */
export const IMPORTED = {
  celery: { stack: 'celery', file: 'celery-worker' },
  wordpress: { stack: 'wordpress', file: 'wordpress-mysql' },
} as const;

/** The external secrets the WordPress file references; the scenario creates them. */
export const WORDPRESS_SECRETS = { 'db-root-password': 'e2e-root-pw', 'db-password': 'e2e-wp-pw' };

/**
 * A stand-in for a server: busybox httpd answering `<service>` on each of
 * its ports, under a shell that exits at once on SIGTERM.
 */
function serveOn(name: string, ports: readonly number[]): string[] {
  const servers = ports.map((p) => `httpd -f -p ${p} -h /tmp/www &`).join(' ');
  // The page first, then the servers (`a && b & c &` would start c before a finished).
  return ['sh', '-c', `mkdir -p /tmp/www; echo ${name} > /tmp/www/index.html; ${servers} trap "exit 0" TERM; wait`];
}

/**
 * Services of the celery file that run real software: the database and the
 * cache keep the file's own command, health check and user (none: the
 * image's root, whose entrypoint fixes the data directory's owner and drops
 * to the server's user with gosu, as the official images do); the migration
 * runs real SQL against the database by name, as the file's `trust` allows.
 */
const CELERY_REAL: Readonly<Record<string, { image: string; command?: string[] }>> = {
  postgres: { image: POSTGRES_IMAGE.tag },
  redis: { image: REDIS_IMAGE.tag },
  migrate: {
    image: APP_IMAGE.tag,
    command: ['sh', '-c', 'until pg_isready -q -h postgres -U shop; do sleep 1; done; '
      + 'psql -h postgres -U shop -d shop -v ON_ERROR_STOP=1 -c "CREATE TABLE migrated (at timestamptz DEFAULT now())"'],
  },
};

/**
 * The imported stack, deployed as imported but for the image (the suite's
 * local busybox: no registry is reachable), a stand-in command listening on
 * the ports the import declared, and, for services nothing publishes,
 * `endpoint_mode: dnsrr`: this machine's kernel has no IPVS, which Swarm's
 * virtual IPs need, so a plain service name carries traffic only in dnsrr
 * mode. Health checks that call tools the stand-in lacks (pg_isready) are
 * replaced by an HTTP check on the same port. The celery file's database,
 * cache and migration run real software instead (CELERY_REAL).
 */
export function importedApp(which: keyof typeof IMPORTED): { app: App; imported: ComposeStack } {
  const { stack, file } = IMPORTED[which];
  const app = new App({ outdir: 'unused' });
  const imported = ComposeStack.fromFile(app, stack, path.join(__dirname, '..', '..', 'compose', 'real-world', file, 'compose.yaml'), {
    environment: {},
  });
  for (const w of imported.stack.workloads) {
    const ports = w.ports.map((p) => p.targetPort);
    const published = w.exposedPorts.length > 0;
    const isJob = w.kind === 'job';
    const real = which === 'celery' ? CELERY_REAL[w.name] : undefined;
    if (real) {
      const dnsrr = !isJob ? { deploy: { endpoint_mode: 'dnsrr' as const } } : {};
      Swarm.override(w, { image: real.image, ...(real.command ? { command: real.command } : {}), ...dnsrr });
      continue;
    }
    Swarm.override(w, {
      image: IMAGE_V1,
      command: isJob ? ['true'] : ports.length ? serveOn(w.name, ports) : ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'],
      ...(w.health && ports.length ? { healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${ports[0]}/`] } } : {}),
      ...(!published && !isJob ? { deploy: { endpoint_mode: 'dnsrr' as const } } : {}),
    });
  }
  return { app, imported };
}
