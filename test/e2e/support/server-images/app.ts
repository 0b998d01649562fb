import { APP_FILES } from './app-scripts';
import { ServerImageSpec } from './spec';

/**
 * The examples' own services (`ghcr.io/acme/shop-api`, `checkout`, ...):
 * busybox httpd on PORT (default 8080) serving /srv/www, with /healthz and
 * CGI scripts that query PostgreSQL with psql and Redis with redis-cli, and
 * curl for the examples' HTTP health checks. uid/gid 10001 (the library's
 * default user), as an application image built for it would have.
 */
export const APP_IMAGE: ServerImageSpec = {
  tag: 'conductor-e2e/app:1',
  follows: 'ghcr.io/acme/shop-api, checkout and storefront (the examples\' own services: no official image)',
  packages: ['postgresql-client-15', 'redis-tools', 'curl', 'libc-bin'],
  exclude: ['perl', 'perl-modules-5.36', 'libperl5.36', 'adduser', 'passwd', 'debconf', 'usrmerge', 'init-system-helpers',
    'libfile-find-rule-perl', 'libnumber-compare-perl', 'libtext-glob-perl', 'lsb-base', 'sysvinit-utils', 'dpkg', 'tar', 'locales'],
  users: ['app:10001:10001:/srv/www'],
  dirs: [{ path: '/srv/www/cgi-bin', owner: '0:0', mode: 0o755 }],
  files: APP_FILES,
  provides: ['httpd', 'psql', 'pg_isready', 'redis-cli', 'curl', 'wget', 'nc', 'mkfifo', 'seq', 'sed', 'timeout', 'sh'],
  changes: [
    'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'ENV LANG=C.UTF-8',
    'CMD ["serve"]',
    'EXPOSE 8080',
    'USER 10001:10001',
  ],
};
