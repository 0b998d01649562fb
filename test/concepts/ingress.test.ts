import { App, DaemonWorkload, Exposure, Ingress, Job, Network, PathType, Secret, Stack, StatefulWorkload, Workload } from '../../lib';
import type { IngressProps } from '../../lib';
import { InvalidCase, problemsOf, renderChecked, stackConfig, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

const image = 'busybox:1.36';

/** web (one port, 80 → 8080) and api (two ports) routed by Ingress `public`. */
function routed(props: Partial<IngressProps> = {}, stackProps: ConstructorParameters<typeof Stack>[2] = {}) {
  const { app, stack } = newStack('shop', stackProps);
  const web = new Workload(stack, 'web', { image, ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
  const api = new Workload(stack, 'api', { image, ports: [{ port: 8080 }, { port: 9090, name: 'metrics' }] });
  const tls = Secret.fromExisting(stack, 'shop-tls');
  const ingress = new Ingress(stack, 'public', {
    className: 'nginx',
    tls: { secret: tls, hosts: ['shop.example.com'] },
    rules: [
      { host: 'shop.example.com', workload: web },
      { host: 'shop.example.com', path: '/api', workload: api, port: 8080 },
    ],
    ...props,
  });
  return { app, stack, web, api, ingress };
}

describe('Ingress → Kubernetes Ingress (cdk8s-plus-27)', () => {
  test('class, rules to each workload\'s Service port, TLS secret reference; stack labels and its own labels/annotations', () => {
    const { app } = routed({ labels: { tier: 'edge' }, annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } }, {
      labels: { team: 'core' },
    });
    const { kube } = renderChecked(app);
    expect(findObject(kube, 'Ingress', 'public')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'public',
        namespace: 'shop',
        labels: { 'app.kubernetes.io/managed-by': 'conductor', 'app.kubernetes.io/part-of': 'shop', team: 'core', tier: 'edge' },
        annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
      },
      spec: {
        ingressClassName: 'nginx',
        rules: [{
          host: 'shop.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } },
            ],
          },
        }],
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      },
    });
    // A reference: the TLS Secret is not an object of the output.
    expect(kube.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  test('rules are sorted by host; Exact paths; no class and no TLS leave the fields out', () => {
    const { app, stack } = newStack('shop');
    const web = new Workload(stack, 'web', { image, ports: [{ port: 80 }] });
    new Ingress(stack, 'public').addRule({ host: 'www.example.com', workload: web }).addRule({
      host: 'api.example.com',
      path: '/v1/status',
      pathType: PathType.EXACT,
      workload: web,
    });
    const spec = findObject(renderChecked(app).kube, 'Ingress', 'public').spec;
    expect(spec).toEqual({
      rules: [
        {
          host: 'api.example.com',
          http: { paths: [{ path: '/v1/status', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } }] },
        },
        {
          host: 'www.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
        },
      ],
    });
  });

  test('a workload with mixed exposures is reached through its ClusterIP Service <name>; a StatefulWorkload through its headless Service', () => {
    const { app, stack } = newStack('shop');
    const mixed = new Workload(stack, 'mixed', { image, ports: [{ port: 80 }, { port: 443, exposure: Exposure.LOAD_BALANCER }] });
    const db = new StatefulWorkload(stack, 'db', { image, ports: [{ port: 5432 }, { port: 8008, name: 'admin' }] });
    const daemon = new DaemonWorkload(stack, 'agent', { image, ports: [{ port: 9100 }] });
    new Ingress(stack, 'public', { rules: [
      { host: 'a.example.com', workload: mixed, port: 80 },
      { host: 'b.example.com', workload: db, port: 8008 },
      { host: 'c.example.com', workload: daemon },
    ] });
    const rules = findObject(renderChecked(app).kube, 'Ingress', 'public').spec.rules;
    expect(rules.map((r: { http: { paths: { backend: unknown }[] } }) => r.http.paths[0].backend)).toEqual([
      { service: { name: 'mixed', port: { number: 80 } } },
      { service: { name: 'db', port: { number: 8008 } } },
      { service: { name: 'agent', port: { number: 9100 } } },
    ]);
  });

  test('with Networks, the routed target ports admit ingress from anywhere (the controller runs in another namespace)', () => {
    const { app, stack, web, api } = routed();
    const net = new Network(stack, 'net');
    web.joinNetwork(net);
    api.joinNetwork(net);
    const { kube } = renderChecked(app);
    expect(findObject(kube, 'NetworkPolicy', 'external-web').spec.ingress).toEqual([{ ports: [{ port: 8080, protocol: 'TCP' }] }]);
    // Only the routed port of api, not its metrics port.
    expect(findObject(kube, 'NetworkPolicy', 'external-api').spec.ingress).toEqual([{ ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });
});

describe('Ingress → Swarm: Traefik v2 labels', () => {
  test('routers per rule, a service per port at its target port, TLS; on the routed services only', () => {
    const { compose } = renderChecked(routed().app);
    expect(compose.services.web.deploy.labels).toEqual({
      'traefik.enable': 'true',
      'traefik.http.routers.shop_public_0.rule': 'Host(`shop.example.com`) && PathPrefix(`/`)',
      'traefik.http.routers.shop_public_0.service': 'shop_web_http',
      'traefik.http.routers.shop_public_0.tls': 'true',
      'traefik.http.services.shop_web_http.loadbalancer.server.port': '8080',
    });
    expect(compose.services.api.deploy.labels).toEqual({
      'traefik.enable': 'true',
      // Whole segments, like a Kubernetes Prefix path: /api and /api/..., not /apix.
      'traefik.http.routers.shop_public_1.rule': 'Host(`shop.example.com`) && (Path(`/api`) || PathPrefix(`/api/`))',
      'traefik.http.routers.shop_public_1.service': 'shop_api_tcp-8080',
      'traefik.http.routers.shop_public_1.tls': 'true',
      'traefik.http.services.shop_api_tcp-8080.loadbalancer.server.port': '8080',
    });
    // No published port is added, and no network without swarmProxyNetwork.
    expect(compose.services.web.ports).toBeUndefined();
    expect(compose.services.web.networks).toBeUndefined();
    expect(compose.networks).toBeUndefined();
  });

  test('swarmProxyNetwork: an external network the routed services join (beside the default network); Traefik is told to use it', () => {
    const { app, stack } = routed({ swarmProxyNetwork: 'traefik-public', swarmCertResolver: 'letsencrypt' });
    new Workload(stack, 'worker', { image });
    const { compose } = renderChecked(app);
    expect(compose.networks).toEqual({ 'traefik-public': { external: true, name: 'traefik-public' } });
    expect(compose.services.web.networks).toEqual(['default', 'traefik-public']);
    expect(compose.services.api.networks).toEqual(['default', 'traefik-public']);
    expect(compose.services.worker.networks).toBeUndefined();
    expect(compose.services.web.deploy.labels).toMatchObject({
      'traefik.docker.network': 'traefik-public',
      'traefik.http.routers.shop_public_0.tls.certresolver': 'letsencrypt',
    });
  });

  test('with Networks, routed services list their own networks and the proxy network', () => {
    const { app, stack, web } = routed({ swarmProxyNetwork: 'proxy' });
    web.joinNetwork(new Network(stack, 'front'));
    const { compose } = renderChecked(app);
    expect(compose.services.web.networks).toEqual(['front', 'proxy']);
    expect(compose.services.api.networks).toEqual(['default', 'proxy']);
    expect(compose.networks).toEqual({ front: { driver: 'overlay' }, proxy: { external: true, name: 'proxy' } });
  });

  test('wildcard hosts become a HostRegexp of one label; Exact paths a Path; a Prefix path\'s trailing "/" is ignored', () => {
    const { app, stack } = newStack('shop');
    const web = new Workload(stack, 'web', { image, ports: [{ port: 80 }] });
    new Ingress(stack, 'tenants', { rules: [
      { host: '*.example.com', workload: web },
      { host: 'a.example.com', path: '/exact', pathType: PathType.EXACT, workload: web },
      { host: 'b.example.com', path: '/docs/', workload: web },
    ] });
    const labels = renderChecked(app).compose.services.web.deploy.labels!;
    expect(labels['traefik.http.routers.shop_tenants_0.rule']).toBe('HostRegexp(`{subdomain:[a-z0-9-]+}.example.com`) && PathPrefix(`/`)');
    expect(labels['traefik.http.routers.shop_tenants_1.rule']).toBe('Host(`a.example.com`) && Path(`/exact`)');
    expect(labels['traefik.http.routers.shop_tenants_2.rule']).toBe('Host(`b.example.com`) && (Path(`/docs`) || PathPrefix(`/docs/`))');
  });

  test('the workload\'s own labels are kept beside the Traefik labels', () => {
    const { app, stack } = newStack('shop', { labels: { team: 'core' } });
    const web = new Workload(stack, 'web', { image, ports: [{ port: 80 }], labels: { tier: 'front' } });
    new Ingress(stack, 'public', { rules: [{ host: 'shop.example.com', workload: web }] });
    expect(Object.keys(renderChecked(app).compose.services.web.deploy.labels!)).toEqual([
      'team', 'tier', 'traefik.enable', 'traefik.http.routers.shop_public_0.rule', 'traefik.http.routers.shop_public_0.service',
      'traefik.http.services.shop_web_tcp-80.loadbalancer.server.port',
    ]);
  });

  test('docker stack config loads it', () => {
    const { files } = renderChecked(routed({ swarmProxyNetwork: 'traefik-public' }).app);
    const r = stackConfig(files, 'shop');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toContain('traefik.http.routers.shop_public_1.rule: Host(`shop.example.com`) && (Path(`/api`) || PathPrefix(`/api/`))');
  });
});

describe('target gap: Swarm has no Ingress', () => {
  test('a warning per Ingress that names the Traefik it needs, the class and the TLS limitation', () => {
    const out = routed({ swarmProxyNetwork: 'traefik-public' }).app.render();
    expect(out.gaps).toEqual([{
      path: 'shop/public', field: 'rules', target: 'swarm', severity: 'warning',
      message: 'Swarm has no Ingress: the routes are Traefik v2 labels (deploy.labels) that take effect only with a Traefik v2 service (Swarm ' +
        'provider) attached to the external network "traefik-public" (which api, web join); className "nginx" has no meaning there; its ' +
          'certificates come from Traefik\'s own configuration (swarmCertResolver or file provider), not from the TLS Secret',
    }]);
    expect(out.gaps.filter((g) => g.target === 'kubernetes')).toEqual([]);
  });

  test('without a proxy network, Traefik must share a network with the workloads', () => {
    const { app, stack } = newStack('shop');
    new Ingress(stack, 'public', { rules: [{ host: 'shop.example.com', workload: new Workload(stack, 'web', { image, ports: [{ port: 80 }] }) }] });
    expect(app.render().gaps.map((g) => g.message)).toEqual([
      'Swarm has no Ingress: the routes are Traefik v2 labels (deploy.labels) that take effect only with a Traefik v2 service (Swarm provider) ' +
        'sharing a network with web (e.g. a workload of this stack; or set swarmProxyNetwork)',
    ]);
  });

  test('a routed workload on internal networks only: joining the proxy network opens its egress on Swarm (a warning)', () => {
    const { app, stack, web } = routed({ swarmProxyNetwork: 'proxy' });
    web.joinNetwork(new Network(stack, 'private', { internal: true }));
    const gaps = app.render().gaps.filter((g) => g.field === 'swarmProxyNetwork');
    expect(gaps).toEqual([
      {
        path: 'shop/public',
        field: 'swarmProxyNetwork',
        target: 'swarm',
        severity: 'warning',
        message: expect.stringContaining('web also joins the proxy network "proxy" on Swarm'),
      },
    ]);
  });

  test('strict mode turns the gap into an error; a Kubernetes-only render has no gap', () => {
    const app = new App({ strict: true });
    const stack = new Stack(app, 'shop');
    new Ingress(stack, 'public', { rules: [{ host: 'shop.example.com', workload: new Workload(stack, 'web', { image, ports: [{ port: 80 }] }) }] });
    expect(problemsOf(app).problems).toEqual([
      { path: 'shop/public', field: 'rules', rule: expect.stringMatching(/^strict mode forbids target gaps: \[swarm\] Swarm has no Ingress/) },
    ]);
    expect(app.render({ targets: ['kubernetes'] }).gaps).toEqual([]);
  });
});

const web = (s: Stack, ports = [{ port: 80 }]) => new Workload(s, 'web', { image, ports });
const ingress = (s: Stack, props: Partial<IngressProps>) => new Ingress(s, 'ing', {
  rules: [{ host: 'shop.example.com', workload: web(s) }],
  ...props,
});
const rule = (r: Partial<IngressProps['rules'] extends (infer R)[] | undefined ? R : never>): InvalidCase[1] => (s) => {
  new Ingress(s, 'ing', { rules: [{ host: 'shop.example.com', workload: web(s), ...r }] });
};

const cases: InvalidCase[] = [
  ['no rules', (s) => { web(s); new Ingress(s, 'ing'); }, { path: 's/ing', field: 'rules', rule: 'an Ingress needs at least one rule (addRule)' }],
  [
    'an upper-case host',
    rule({ host: 'Shop.example.com' }),
    { path: 's/ing', field: 'rules[0].host', rule: 'must be a lower-case DNS name', value: 'Shop.example.com' },
  ],
  ['an IP address as host', rule({ host: '10.0.0.1' }), { path: 's/ing', field: 'rules[0].host', rule: 'not an IP address', value: '10.0.0.1' }],
  [
    'a wildcard inside the host',
    rule({ host: 'a.*.example.com' }),
    { path: 's/ing', field: 'rules[0].host', rule: '"*." only as the whole first label', value: 'a.*.example.com' },
  ],
  [
    'a wildcard over a top-level domain',
    rule({ host: '*.com' }),
    { path: 's/ing', field: 'rules[0].host', rule: 'a wildcard must stand for a label below a domain', value: '*.com' },
  ],
  [
    'a host label over 63 characters',
    rule({ host: `${'a'.repeat(64)}.com` }),
    { path: 's/ing', field: 'rules[0].host', rule: 'must be a lower-case DNS name', value: `${'a'.repeat(64)}.com` },
  ],
  ['a relative path', rule({ path: 'api' }), { path: 's/ing', field: 'rules[0].path', rule: 'must be an absolute URL path', value: 'api' }],
  [
    'a ".." segment',
    rule({ path: '/a/../b' }),
    { path: 's/ing', field: 'rules[0].path', rule: 'without empty, "." or ".." segments', value: '/a/../b' },
  ],
  [
    'an empty segment',
    rule({ path: '/a//b' }),
    { path: 's/ing', field: 'rules[0].path', rule: 'without empty, "." or ".." segments', value: '/a//b' },
  ],
  [
    'a backtick (it would end the Traefik rule)',
    rule({ path: '/a`b' }),
    { path: 's/ing', field: 'rules[0].path', rule: 'no query, spaces or backticks', value: '/a`b' },
  ],
  ['a query', rule({ path: '/a?b=1' }), { path: 's/ing', field: 'rules[0].path', rule: 'no query', value: '/a?b=1' }],
  [
    'an unknown path type',
    rule({ pathType: 'Regex' as PathType }),
    { path: 's/ing', field: 'rules[0].pathType', rule: 'must be one of Prefix, Exact', value: 'Regex' },
  ],
  [
    'a port the workload does not have',
    rule({ port: 8080 }),
    { path: 's/ing', field: 'rules[0].port', rule: 'must be a TCP port of web (80)', value: 8080 },
  ],
  ['no port for a workload with two', (s) => {
    new Ingress(s, 'ing', { rules: [{ host: 'shop.example.com', workload: web(s, [{ port: 80 }, { port: 81 }]) }] });
  }, { path: 's/ing', field: 'rules[0].port', rule: 'must be given: web has several TCP ports (80, 81)' }],
  ['a UDP port', (s) => {
    new Ingress(s, 'ing', {
      rules: [{ host: 'shop.example.com', workload: new Workload(s, 'dns', { image, ports: [{ port: 53, protocol: 'udp' }] }), port: 53 }],
    });
  }, { path: 's/ing', field: 'rules[0].port', rule: 'must be a TCP port of dns (it has none)', value: 53 }],
  ['a workload without ports', (s) => {
    new Ingress(s, 'ing', { rules: [{ host: 'shop.example.com', workload: new Workload(s, 'w', { image }) }] });
  }, { path: 's/ing', field: 'rules[0].port', rule: 'must be given: w has no TCP port' }],
  ['a Job', (s) => {
    new Ingress(s, 'ing', { rules: [{ host: 'shop.example.com', workload: new Job(s, 'migrate', { image, ports: [{ port: 80 }] }) }] });
  }, { path: 's/ing', field: 'rules[0].workload', rule: 'must be a long-running workload (a Job or CronJob has no Service)', value: 's/migrate' }],
  ['a workload of another stack', (s) => {
    const other = new Stack(s.node.scope as App, 'other');
    web(s);
    new Ingress(s, 'ing', { rules: [{ host: 'shop.example.com', workload: web(other) }] });
  }, { path: 's/ing', field: 'rules[0].workload', rule: 'must belong to the same stack (s)', value: 'other/web' }],
  ['a host and path twice', (s) => {
    const w = web(s);
    new Ingress(s, 'ing', { rules: [{ host: 'shop.example.com', path: '/a', workload: w }, { host: 'shop.example.com', path: '/a/', workload: w }] });
  }, { path: 's/ing', field: 'rules[1]', rule: 'must not repeat a host and path of this Ingress', value: 'shop.example.com/a' }],
  ['a plaintext TLS secret', (s) => {
    ingress(s, {
      tls: {
        secret: Secret.unsafePlaintext(s, 'cert', { value: 'x', acknowledge: 'the value is written to dist in plaintext' }),
        hosts: ['shop.example.com'],
      },
    });
  }, { path: 's/ing', field: 'tls[0].secret', rule: 'must be Secret.fromExisting', value: 'cert' }],
  ['a TLS secret of another stack', (s) => {
    const other = new Stack(s.node.scope as App, 'other');
    web(other);
    ingress(s, { tls: { secret: Secret.fromExisting(other, 'cert'), hosts: ['shop.example.com'] } });
  }, { path: 's/ing', field: 'tls[0].secret', rule: 'must belong to the same stack (s)', value: 'other/cert' }],
  [
    'a TLS secret name instead of a Secret',
    (s) => ingress(s, { tls: { secret: 'cert' as unknown as Secret, hosts: ['shop.example.com'] } }),
    { path: 's/ing', field: 'tls[0].secret', rule: 'must be a Secret (Secret.fromExisting)', value: 'cert' },
  ],
  [
    'a TLS host no rule serves',
    (s) => ingress(s, { tls: { secret: Secret.fromExisting(s, 'cert'), hosts: ['www.example.com'] } }),
    { path: 's/ing', field: 'tls[0].hosts', rule: 'must be hosts of this Ingress\'s rules (shop.example.com)', value: 'www.example.com' },
  ],
  [
    'TLS without hosts',
    (s) => ingress(s, { tls: { secret: Secret.fromExisting(s, 'cert'), hosts: [] } }),
    { path: 's/ing', field: 'tls[0].hosts', rule: 'must be a non-empty list of hosts', value: [] },
  ],
  [
    'a bad class name',
    (s) => ingress(s, { className: 'Nginx Public' }),
    { path: 's/ing', field: 'className', rule: 'must be an IngressClass name', value: 'Nginx Public' },
  ],
  [
    'a bad proxy network name',
    (s) => ingress(s, { swarmProxyNetwork: 'traefik.public' }),
    { path: 's/ing', field: 'swarmProxyNetwork', rule: 'must be a Docker network name', value: 'traefik.public' },
  ],
  [
    'a proxy network named like a Network of the stack',
    (s) => { new Network(s, 'front'); ingress(s, { swarmProxyNetwork: 'front' }); },
    { path: 's/ing', field: 'swarmProxyNetwork', rule: 'must not be the name of a network of the stack (or "default")', value: 'front' },
  ],
  ['two proxy networks for one workload', (s) => {
    const w = web(s);
    new Ingress(s, 'a', { swarmProxyNetwork: 'p1', rules: [{ host: 'a.example.com', workload: w }] });
    new Ingress(s, 'b', { swarmProxyNetwork: 'p2', rules: [{ host: 'b.example.com', workload: w }] });
  }, { path: 's/b', field: 'swarmProxyNetwork', rule: 'must be the swarmProxyNetwork of s/a ("p1"), which also routes to web', value: 'p2' }],
  [
    'a bad certificate resolver',
    (s) => ingress(s, { swarmCertResolver: 'le resolver' }),
    { path: 's/ing', field: 'swarmCertResolver', rule: 'must be a Traefik certificate resolver name', value: 'le resolver' },
  ],
  [
    'a bad annotation key',
    (s) => ingress(s, { annotations: { 'bad key': 'x' } }),
    { path: 's/ing', field: 'annotations["bad key"]', rule: 'key must be at most 63', value: 'bad key' },
  ],
];

describe('Ingress: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});
