import { App, Config, Exposure, HealthCheck, Stack, Workload } from 'cdk8s-conductor';

/**
 * The classic: a web app, 3 replicas, reachable from outside on port 80
 * while the container listens on 8080, then scaled to 5. The page it
 * serves comes from a Config.
 */
export function defineWeb(app: App): Stack {
  const stack = new Stack(app, 'web');
  const pages = new Config(stack, 'pages', {
    files: { 'index.html': '<!DOCTYPE html>\n<html><head><title>web</title></head><body><h1>Hello from Conductor</h1></body></html>\n' },
  });
  const site = new Workload(stack, 'site', {
    image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    replicas: 3,
    ports: [{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }],
    health: { check: HealthCheck.http('/', { port: 8080, swarmCommand: 'wget' }), interval: '10s', timeout: '3s' },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });
  // nginx writes its pid and caches under these paths; the root filesystem is read-only.
  site.mountScratch('/tmp').mountScratch('/var/cache/nginx');
  // The page, as one file in the image's document root (the rest of the directory stays the image's).
  site.mountConfig(pages, '/usr/share/nginx/html/index.html', { file: 'index.html' });
  site.scale(5);
  return stack;
}
