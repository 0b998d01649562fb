import { ServerImageSpec } from './spec';

const PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * The official image's docker-entrypoint.sh, the parts a stack uses:
 * `POSTGRES_PASSWORD` or `POSTGRES_PASSWORD_FILE` (both set is an error),
 * `POSTGRES_USER` (default postgres), `POSTGRES_DB` (default the user),
 * `PGDATA`; initdb only when the data directory is empty, the password
 * required unless `POSTGRES_HOST_AUTH_METHOD=trust`, local socket trusted,
 * TCP from anywhere with scram-sha-256, listening on every address.
 * Run as a non-root user (the examples' case), it initializes as that user;
 * as root it fixes the data directory's owner and drops to postgres.
 */
const ENTRYPOINT = `#!/bin/sh
set -eu
file_env() {
  var="$1"; fvar="\${1}_FILE"
  eval "val=\\\${$var:-}"; eval "fval=\\\${$fvar:-}"
  if [ -n "$val" ] && [ -n "$fval" ]; then echo "error: both $var and $fvar are set (but are exclusive)" >&2; exit 1; fi
  if [ -n "$fval" ]; then val="$(cat "$fval")"; fi
  eval "$var=\\$val"; unset "$fvar" || true
}
if [ "\${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi
export PGDATA="\${PGDATA:-/var/lib/postgresql/data}"
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  exec gosu postgres "$0" "$@"
fi
mkdir -p "$PGDATA"
chmod 00700 "$PGDATA" || :
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  file_env POSTGRES_PASSWORD
  POSTGRES_USER="\${POSTGRES_USER:-postgres}"
  POSTGRES_DB="\${POSTGRES_DB:-$POSTGRES_USER}"
  if [ -z "$POSTGRES_PASSWORD" ] && [ "\${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]; then
    echo "error: database is uninitialized and superuser password is not specified (POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE)" >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \${POSTGRES_INITDB_ARGS:-}
  rm -f "$pwfile"
  echo "host all all all \${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    echo "CREATE DATABASE \\"$POSTGRES_DB\\";" | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "PostgreSQL init process complete; ready for start up."
fi
unset POSTGRES_PASSWORD
exec "$@"
`;

/**
 * PostgreSQL 15 (Debian's postgresql-15 and its client), after the official
 * `postgres` image: uid/gid 70 as in its alpine variants (the examples run
 * `postgres:16.4-alpine` as 70:70), data in /var/lib/postgresql/data (mode
 * 1777 in the image, so a fresh named volume mounted there is writable by
 * the example's user), sockets in /var/run/postgresql, port 5432,
 * the server binaries first on PATH (`pg_isready`). Not the official STOPSIGNAL
 * SIGINT: `docker import` cannot set it, so a stop sends SIGTERM (smart shutdown).
 */
export const POSTGRES_IMAGE: ServerImageSpec = {
  tag: 'conductor-e2e/postgres:15',
  follows: 'postgres:16.4-alpine',
  packages: ['postgresql-15', 'postgresql-client-15', 'libc-bin', 'gosu'],
  // Perl runs only Debian's cluster wrappers (pg_ctlcluster); LLVM only the JIT (its module is removed too).
  exclude: ['perl', 'perl-modules-5.36', 'libperl5.36', 'libllvm14', 'libz3-4', 'locales'],
  users: ['postgres:70:70:/var/lib/postgresql'],
  dirs: [
    { path: '/var/lib/postgresql', owner: '70:70', mode: 0o755 },
    { path: '/var/lib/postgresql/data', owner: '70:70', mode: 0o1777 },
    { path: '/var/run/postgresql', owner: '70:70', mode: 0o3777 },
    { path: '/docker-entrypoint-initdb.d', owner: '0:0', mode: 0o755 },
  ],
  files: { '/usr/local/bin/docker-entrypoint.sh': ENTRYPOINT },
  remove: [`usr/lib/postgresql/15/lib/llvmjit.so`, `usr/lib/postgresql/15/lib/llvmjit_types.bc`, 'usr/lib/postgresql/15/lib/bitcode'],
  provides: ['postgres', 'initdb', 'pg_isready', 'psql', 'gosu', 'sh'],
  changes: [
    `ENV PATH=${PG_BIN}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    'ENV LANG=C.UTF-8',
    'ENV PGDATA=/var/lib/postgresql/data',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'CMD ["postgres"]',
    'EXPOSE 5432',
  ],
};
