import { ServerImageSpec } from './spec';

/**
 * The official image's docker-entrypoint.sh: arguments that start with `-`
 * are flags for nats-server (the examples pass `--jetstream ...` as args).
 */
const ENTRYPOINT = `#!/bin/sh
set -e
if [ "$#" -eq 0 ] || [ "\${1#-}" != "$1" ]; then set -- nats-server "$@"; fi
exec "$@"
`;

/** The official image's /etc/nats/nats-server.conf, its client and monitoring ports (no cluster routes: a single server). */
const CONF = `# Client port of 4222 on all interfaces
port: 4222
# HTTP monitoring port
monitor_port: 8222
`;

/**
 * NATS server 2.9 (Debian's nats-server), after the official
 * `nats:2.10-alpine`: nats-server on PATH, the entrypoint that turns flags
 * into `nats-server <flags>`, the default config, ports 4222 (clients)
 * and 8222 (monitoring, `/healthz`), no USER (root by default). Plus the one
 * thing the marketplace example's own image (`ghcr.io/acme/nats-jetstream`)
 * adds to it: `/data` owned by 10001:10001, so that a fresh volume mounted
 * there is writable by the library's default user (Docker copies the image
 * directory's owner into an empty volume).
 */
export const NATS_IMAGE: ServerImageSpec = {
  tag: 'conductor-e2e/nats:2.9',
  follows: 'nats:2.10-alpine (and ghcr.io/acme/nats-jetstream:2.10.22 of the marketplace example: the same plus /data owned by 10001)',
  packages: ['nats-server'],
  // Only the package's maintainer script (adding a system user) needs these.
  exclude: ['adduser', 'passwd', 'debconf', 'libpam0g', 'libpam-modules', 'libpam-modules-bin', 'libsemanage-common', 'libsemanage2',
    'libsepol2', 'libaudit1', 'libaudit-common', 'libcap-ng0', 'libdb5.3', 'libbz2-1.0', 'libpcre2-8-0', 'libselinux1', 'libcrypt1'],
  users: [],
  dirs: [{ path: '/data', owner: '10001:10001', mode: 0o755 }],
  files: { '/usr/local/bin/docker-entrypoint.sh': ENTRYPOINT, '/etc/nats/nats-server.conf': CONF },
  remove: ['lib/systemd', 'etc/nats-server.conf'],
  provides: ['nats-server', 'wget', 'sh'],
  changes: [
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'CMD ["nats-server", "--config", "/etc/nats/nats-server.conf"]',
    'EXPOSE 4222 8222 6222',
  ],
};
