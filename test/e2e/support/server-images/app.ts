import { ServerImageSpec } from './spec';

/** busybox httpd as pid 1 ignores SIGTERM: a shell that forwards it, so a stop does not wait out the grace period. */
const SERVE = `#!/bin/sh
httpd -f -p "\${PORT:-8080}" -h /srv/www &
trap 'kill $! 2>/dev/null; exit 0' TERM INT
wait
`;

const CGI_HEADER = '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\n';

/**
 * GET /cgi-bin/items: the `name` column of table `items`, read with psql over
 * TCP from DB_HOST:DB_PORT, database DB_NAME, user DB_USER (default DB_NAME),
 * the password read from DB_PASSWORD_FILE (the `_FILE` convention) into this
 * request's environment only.
 */
const ITEMS = `${CGI_HEADER}PGPASSWORD="$(cat "$DB_PASSWORD_FILE")" PGCONNECT_TIMEOUT=3 \\
  psql -h "$DB_HOST" -p "\${DB_PORT:-5432}" -U "\${DB_USER:-$DB_NAME}" -d "$DB_NAME" -Atc 'SELECT name FROM items ORDER BY id' 2>&1
`;

/** GET /cgi-bin/hits: INCR of a counter in Redis at REDIS_HOST:REDIS_PORT, with redis-cli. */
const HITS = `${CGI_HEADER}redis-cli -h "$REDIS_HOST" -p "\${REDIS_PORT:-6379}" INCR hits 2>&1
`;

/** GET /cgi-bin/features: the feature flags the app's Config mounts at /etc/shop. */
const FEATURES = `${CGI_HEADER}cat /etc/shop/features.json 2>&1
`;

/**
 * The examples' own services (`ghcr.io/acme/shop-api`, `checkout`, ...):
 * busybox httpd on PORT (default 8080) serving /srv/www, with /healthz and
 * CGI scripts that query PostgreSQL with psql and Redis with redis-cli, and
 * curl for the examples' HTTP health checks. uid/gid 10001 (the library's
 * default user), as an application image built for it would have.
 */
export const APP_IMAGE: ServerImageSpec = {
  tag: 'conductor-e2e/app:1',
  follows: 'ghcr.io/acme/shop-api:1.4.2 (the example\'s own service: no official image)',
  packages: ['postgresql-client-15', 'redis-tools', 'curl', 'libc-bin'],
  exclude: ['perl', 'perl-modules-5.36', 'libperl5.36', 'adduser', 'passwd', 'debconf', 'usrmerge', 'init-system-helpers',
    'libfile-find-rule-perl', 'libnumber-compare-perl', 'libtext-glob-perl', 'lsb-base', 'sysvinit-utils', 'dpkg', 'tar', 'locales'],
  users: ['app:10001:10001:/srv/www'],
  dirs: [{ path: '/srv/www/cgi-bin', owner: '0:0', mode: 0o755 }],
  files: {
    '/usr/local/bin/serve': SERVE,
    '/srv/www/healthz': 'ok\n',
    '/srv/www/cgi-bin/items': ITEMS,
    '/srv/www/cgi-bin/hits': HITS,
    '/srv/www/cgi-bin/features': FEATURES,
  },
  provides: ['httpd', 'psql', 'redis-cli', 'curl', 'wget', 'sh'],
  changes: [
    'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'ENV LANG=C.UTF-8',
    'CMD ["serve"]',
    'EXPOSE 8080',
    'USER 10001:10001',
  ],
};
