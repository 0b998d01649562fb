import { ServerImageSpec } from './spec';

/** nginx.conf of nginxinc/nginx-unprivileged: pid and temp paths under /tmp, so only /tmp must be writable. */
const NGINX_CONF = `worker_processes  auto;
error_log  /var/log/nginx/error.log notice;
pid        /tmp/nginx.pid;
events {
    worker_connections  1024;
}
http {
    proxy_temp_path /tmp/proxy_temp;
    client_body_temp_path /tmp/client_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    access_log  /var/log/nginx/access.log;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
`;

const DEFAULT_CONF = `server {
    listen       8080;
    server_name  localhost;
    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }
}
`;

/** The official image's entrypoint runs /docker-entrypoint.d/*.sh, then the command. */
const ENTRYPOINT = `#!/bin/sh
set -e
if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
  for f in /docker-entrypoint.d/*.sh; do [ -x "$f" ] && "$f"; done
fi
exec "$@"
`;

/**
 * nginx (Debian's nginx-light, 1.22), after nginxinc/nginx-unprivileged:
 * uid/gid 101, listens on 8080, pid and temp files in /tmp, logs to the
 * container's stdout/stderr, /var/cache/nginx owned by 101 (no STOPSIGNAL:
 * `docker import` cannot set it); busybox `wget` for health checks (the alpine image has it).
 */
export const NGINX_IMAGE: ServerImageSpec = {
  tag: 'conductor-e2e/nginx:1.22',
  follows: 'nginxinc/nginx-unprivileged:1.27-alpine',
  packages: ['nginx-light'],
  // iproute2 and libcap2-bin come from nginx-common's maintainer scripts, which do not run here.
  exclude: ['iproute2', 'libcap2-bin', 'debconf'],
  users: ['nginx:101:101:/nonexistent'],
  dirs: [
    { path: '/var/cache/nginx', owner: '101:101', mode: 0o755 },
    { path: '/var/log/nginx', owner: '101:101', mode: 0o755 },
    { path: '/docker-entrypoint.d', owner: '0:0', mode: 0o755 },
  ],
  files: {
    '/etc/nginx/nginx.conf': NGINX_CONF,
    '/etc/nginx/conf.d/default.conf': DEFAULT_CONF,
    '/usr/share/nginx/html/index.html':
      '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n',
    '/docker-entrypoint.sh': ENTRYPOINT,
  },
  links: { '/var/log/nginx/access.log': '/dev/stdout', '/var/log/nginx/error.log': '/dev/stderr' },
  remove: ['etc/nginx/sites-enabled', 'etc/nginx/sites-available', 'var/www'],
  provides: ['nginx', 'wget', 'sh'],
  changes: [
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'ENTRYPOINT ["/docker-entrypoint.sh"]',
    'CMD ["nginx", "-g", "daemon off;"]',
    'EXPOSE 8080',
    'USER 101',
  ],
};
