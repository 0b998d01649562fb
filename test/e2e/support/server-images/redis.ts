import { ServerImageSpec } from './spec';

/**
 * The official image's docker-entrypoint.sh: `redis-server` gets
 * `--protected-mode no` when no config file is given (the container's network
 * is the boundary); as root it fixes /data's owner and drops to redis.
 */
const ENTRYPOINT = `#!/bin/sh
set -e
if [ "\${1#-}" != "$1" ] || [ "\${1%.conf}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . \\! -user redis -exec chown redis '{}' +
  exec gosu redis "$0" "$@"
fi
if [ "$1" = redis-server ]; then
  case " $* " in *" --protected-mode "*) ;; *) [ "\${2%.conf}" != "\${2:-}" ] || set -- "$@" --protected-mode no ;; esac
fi
exec "$@"
`;

/**
 * Redis 7.0 (Debian's redis-server), after the official `redis` image:
 * uid/gid 999, working and data directory /data owned by redis, port
 * 6379, `redis-cli` for health checks.
 */
export const REDIS_IMAGE: ServerImageSpec = {
  tag: 'conductor-e2e/redis:7.0',
  follows: 'redis:7 (Debian variant)',
  packages: ['redis-server', 'gosu'],
  exclude: ['perl', 'perl-modules-5.36', 'libperl5.36', 'adduser', 'passwd', 'debconf', 'usrmerge', 'init-system-helpers',
    'libfile-find-rule-perl', 'libnumber-compare-perl', 'libtext-glob-perl', 'lsb-base', 'sysvinit-utils', 'dpkg', 'tar'],
  users: ['redis:999:999:/data'],
  dirs: [{ path: '/data', owner: '999:999', mode: 0o755 }],
  files: { '/usr/local/bin/docker-entrypoint.sh': ENTRYPOINT },
  remove: ['etc/redis'],
  provides: ['redis-server', 'redis-cli', 'gosu', 'sh'],
  changes: [
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'WORKDIR /data',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'CMD ["redis-server"]',
    'EXPOSE 6379',
  ],
};
