/**
 * The scripts of the examples' own application image (app.ts): one image
 * stands in for `ghcr.io/acme/shop-api`, `ghcr.io/acme/checkout` and
 * `ghcr.io/acme/storefront`, as their args pick (`serve`, `migrate up`,
 * `work --queue orders`, `report --yesterday`). Each reads the settings its
 * example wires: shop's `DB_*`, marketplace's `DATABASE_*`, `QUEUE_URL`,
 * `CHECKOUT_URL`; passwords only from `*_PASSWORD_FILE`.
 */

/** Sourced by every script: the database settings under either example's names, `sql`, and the queue's host and port. */
const ENV = `# shop names its settings DB_*, marketplace DATABASE_*.
DB_HOST="\${DB_HOST:-\${DATABASE_HOST:-}}"
DB_PORT="\${DB_PORT:-\${DATABASE_PORT:-5432}}"
DB_NAME="\${DB_NAME:-\${DATABASE_NAME:-}}"
DB_USER="\${DB_USER:-\${DATABASE_USER:-$DB_NAME}}"
DB_PASSWORD_FILE="\${DB_PASSWORD_FILE:-\${DATABASE_PASSWORD_FILE:-}}"
# One statement over TCP; the password goes from its file into this command's environment only.
sql() {
  PGPASSWORD="$(cat "$DB_PASSWORD_FILE")" PGCONNECT_TIMEOUT=3 \\
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -v ON_ERROR_STOP=1 -Atc "$1"
}
queue="\${QUEUE_URL#nats://}"
QUEUE_HOST="\${queue%%:*}"
QUEUE_PORT="\${queue##*:}"
CR="$(printf '\\r')"
`;

/** busybox httpd as pid 1 ignores SIGTERM: a shell that forwards it, so a stop does not wait out the grace period. */
const SERVE = `#!/bin/sh
httpd -f -p "\${PORT:-8080}" -h /srv/www &
trap 'kill $! 2>/dev/null; exit 0' TERM INT
wait
`;

/** `migrate up`: the marketplace's schema, once the database answers (a migration tool waits for it; the Job retries too). */
const MIGRATE = `#!/bin/sh
. /usr/local/lib/app/env.sh
[ "$1" = up ] || { echo "usage: migrate up" >&2; exit 2; }
for i in $(seq 60); do pg_isready -q -h "$DB_HOST" -p "$DB_PORT" && break; sleep 2; done
sql 'CREATE TABLE IF NOT EXISTS products (id serial PRIMARY KEY, name text NOT NULL);
     CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, item text NOT NULL)'
echo "migrated"
`;

/**
 * \`work --queue SUBJECT\`: subscribes to SUBJECT on the NATS server of
 * QUEUE_URL (the protocol is text: CONNECT, SUB, MSG, PING/PONG) and writes
 * each message as a row of \`orders\`; reconnects when the server goes away.
 */
const WORK = `#!/bin/sh
. /usr/local/lib/app/env.sh
subject=orders
[ "$1" = --queue ] && subject="$2"
consume() {
  rm -f /tmp/to-queue && mkfifo /tmp/to-queue
  while :; do
    exec 3<>/tmp/to-queue
    printf 'CONNECT {"verbose":false}\\r\\nSUB %s 1\\r\\n' "$subject" >&3
    nc "$QUEUE_HOST" "$QUEUE_PORT" <&3 | while IFS= read -r line; do
      case "\${line%"$CR"}" in
        PING) printf 'PONG\\r\\n' >&3 ;;
        "MSG "*) IFS= read -r item; item="\${item%"$CR"}"; sql "INSERT INTO orders (item) VALUES ('$item')" >/dev/null && echo "order $item" ;;
      esac
    done
    exec 3>&-
    sleep 1
  done
}
consume &
trap 'kill $! 2>/dev/null; exit 0' TERM INT
wait
`;

/** \`report --yesterday\`: how many orders there are. */
const REPORT = `#!/bin/sh
. /usr/local/lib/app/env.sh
echo "orders: $(sql 'SELECT count(*) FROM orders')"
`;

const CGI_HEADER = '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\n. /usr/local/lib/app/env.sh\n';

/** The \`item\` of the query string, letters, digits and dashes only (it goes into SQL and the NATS protocol). */
const ITEM = 'item="$(printf %s "$QUERY_STRING" | sed -n \'s/^\\(.*&\\)\\{0,1\\}item=\\([a-z0-9-]*\\).*$/\\2/p\')"\n';

/** CGI programs under /srv/www/cgi-bin. */
const CGI: Readonly<Record<string, string>> = {
  // shop's API: the items table, read with psql over TCP.
  items: `${CGI_HEADER}sql 'SELECT name FROM items ORDER BY id' 2>&1\n`,
  // shop's API: a counter in Redis (REDIS_HOST:REDIS_PORT), with redis-cli.
  hits: `${CGI_HEADER}redis-cli -h "$REDIS_HOST" -p "\${REDIS_PORT:-6379}" INCR hits 2>&1\n`,
  // shop's API: the feature flags its Config mounts at /etc/shop.
  features: `${CGI_HEADER}cat /etc/shop/features.json 2>&1\n`,
  // marketplace's checkout: the products table.
  products: `${CGI_HEADER}sql 'SELECT name FROM products ORDER BY id' 2>&1\n`,
  // marketplace's checkout: an order published on the queue (subject "orders"), acknowledged by the server's PONG.
  order: `${CGI_HEADER}${ITEM}[ -n "$item" ] || { echo "no item"; exit 0; }
reply="$( { printf 'CONNECT {"verbose":false}\\r\\nPUB orders %s\\r\\n%s\\r\\nPING\\r\\n' "\${#item}" "$item"; sleep 1; } \\
  | timeout 3 nc "$QUEUE_HOST" "$QUEUE_PORT" 2>&1)"
case "$reply" in *PONG*) echo "queued $item" ;; *) echo "queue unreachable: $reply" ;; esac
`,
  // marketplace's storefront: the catalog, from checkout (CHECKOUT_URL).
  catalog: `${CGI_HEADER}timeout 5 wget -q -O - "$CHECKOUT_URL/cgi-bin/products" 2>&1\n`,
  // marketplace's storefront: buys an item through checkout.
  buy: `${CGI_HEADER}${ITEM}timeout 5 wget -q -O - "$CHECKOUT_URL/cgi-bin/order?item=$item" 2>&1\n`,
};

/** Every file the scripts add to the image. */
export const APP_FILES: Readonly<Record<string, string>> = {
  '/usr/local/lib/app/env.sh': ENV,
  '/usr/local/bin/serve': SERVE,
  '/usr/local/bin/migrate': MIGRATE,
  '/usr/local/bin/work': WORK,
  '/usr/local/bin/report': REPORT,
  '/srv/www/healthz': 'ok\n',
  '/srv/www/index.html': 'ok\n',
  ...Object.fromEntries(Object.entries(CGI).map(([name, script]) => [`/srv/www/cgi-bin/${name}`, script])),
};
