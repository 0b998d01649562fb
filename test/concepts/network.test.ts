import { App, CronJob, CronJobOnSwarm, Exposure, Job, Network, PublishMode, Stack, StatefulWorkload, Workload } from '../../lib';
import { InvalidCase, problemsOf, renderChecked, stackConfig, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

const image = 'busybox:1.36';
const memberOf = (net: string) => ({ podSelector: { matchLabels: { [`network.conductor.dev/${net}`]: 'true' } } });
const pods = (name: string, stack = 's') => ({ matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': stack } });

/** A stack with an internal network `backend`, a network `front` and a workload in neither. */
function shop(stackProps: ConstructorParameters<typeof Stack>[2] = {}) {
  const { app, stack } = newStack('s', stackProps);
  const backend = new Network(stack, 'backend', { internal: true });
  const front = new Network(stack, 'front');
  new Workload(stack, 'web', { image, ports: [{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }], networks: [front] });
  new Workload(stack, 'api', { image, ports: [{ port: 8080 }] }).joinNetwork(front).joinNetwork(backend);
  new StatefulWorkload(stack, 'db', { image: 'postgres:16', ports: [{ port: 5432 }], networks: [backend] });
  new Workload(stack, 'cron-agent', { image });
  return { app, stack, backend, front };
}

describe('a stack without Network constructs', () => {
  test('renders no NetworkPolicies, no network pod labels and no Swarm networks', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'web', { image, ports: [{ port: 80, exposure: Exposure.LOAD_BALANCER }] });
    new Workload(stack, 'worker', { image, sidecars: [{ name: 'log', image }] });
    const { kube, compose } = renderChecked(app);
    expect(kube.filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
    expect(Object.keys(findObject(kube, 'Deployment', 'web').spec.template.metadata.labels)).toEqual([
      'app.kubernetes.io/name',
      'app.kubernetes.io/part-of',
    ]);
    expect(compose.networks).toBeUndefined();
    for (const s of Object.values(compose.services)) expect(s.networks).toBeUndefined();
    expect(stack.networks).toEqual([]);
  });
});

describe('Network → Kubernetes NetworkPolicies', () => {
  test('pods carry network.conductor.dev/<network>: "true" for each network; non-members are in "default"', () => {
    const { kube } = renderChecked(shop().app);
    const labels = (kind: string, name: string) => findObject(kube, kind, name).spec.template.metadata.labels;
    expect(labels('Deployment', 'web')).toEqual({ ...pods('web').matchLabels, 'network.conductor.dev/front': 'true' });
    expect(labels('Deployment', 'api')).toEqual({
      ...pods('api').matchLabels,
      'network.conductor.dev/backend': 'true',
      'network.conductor.dev/front': 'true',
    });
    expect(labels('StatefulSet', 'db')).toEqual({ ...pods('db').matchLabels, 'network.conductor.dev/backend': 'true' });
    expect(labels('Deployment', 'cron-agent')).toEqual({ ...pods('cron-agent').matchLabels, 'network.conductor.dev/default': 'true' });
    // The object's own labels and its selector do not change.
    expect(findObject(kube, 'Deployment', 'api').metadata.labels?.['network.conductor.dev/front']).toBeUndefined();
    expect(findObject(kube, 'Deployment', 'api').spec.selector).toEqual(pods('api'));
  });

  test('default deny of ingress in the namespace, and one policy per network admitting its members', () => {
    const { kube } = renderChecked(shop().app);
    const policies = kube.filter((o) => o.kind === 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name)).toEqual([
      'default-deny-ingress',
      'egress-db',
      'external-web',
      'network-backend',
      'network-default',
      'network-front',
    ]);
    expect(findObject(kube, 'NetworkPolicy', 'default-deny-ingress')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'default-deny-ingress',
        namespace: 's',
        labels: { 'app.kubernetes.io/managed-by': 'conductor', 'app.kubernetes.io/part-of': 's' },
      },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    for (const net of ['backend', 'default', 'front']) {
      expect(findObject(kube, 'NetworkPolicy', `network-${net}`).spec).toEqual({
        podSelector: memberOf(net).podSelector,
        policyTypes: ['Ingress'],
        ingress: [{ from: [memberOf(net)] }],
      });
    }
  });

  test('exposed ports admit ingress from anywhere at their target ports (the workload stays reachable from outside)', () => {
    const { app, stack } = newStack('s');
    const net = new Network(stack, 'net');
    new Workload(stack, 'edge', {
      image,
      networks: [net],
      ports: [
        { port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER },
        { port: 53, protocol: 'udp', exposure: Exposure.NODE_PORT, nodePort: 30053 },
        { port: 9090, name: 'metrics' },
      ],
    });
    const { kube, compose } = renderChecked(app);
    expect(findObject(kube, 'NetworkPolicy', 'external-edge')).toMatchObject({
      metadata: {
        name: 'external-edge',
        labels: { 'app.kubernetes.io/name': 'edge', 'app.kubernetes.io/part-of': 's', 'app.kubernetes.io/managed-by': 'conductor' },
      },
      spec: {
        podSelector: pods('edge'),
        policyTypes: ['Ingress'],
        // No `from`: any source. The internal port 9090 is not in it.
        ingress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 8080, protocol: 'TCP' }] }],
      },
    });
    expect(findObject(kube, 'NetworkPolicy', 'external-edge').spec.ingress[0].from).toBeUndefined();
    // Swarm still publishes the exposed ports, beside the service's networks.
    expect(compose.services.edge.ports).toEqual([
      { target: 8080, published: 80, protocol: 'tcp', mode: 'ingress' },
      { target: 53, published: 30053, protocol: 'udp', mode: 'ingress' },
    ]);
    expect(compose.services.edge.networks).toEqual(['net']);
  });

  test('members of only internal networks may egress only to their networks\' members and DNS', () => {
    const { kube } = renderChecked(shop().app);
    expect(findObject(kube, 'NetworkPolicy', 'egress-db').spec).toEqual({
      podSelector: pods('db'),
      policyTypes: ['Egress'],
      egress: [
        { to: [memberOf('backend')] },
        { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
      ],
    });
    // api is also in front (not internal): it may egress anywhere, so it has no egress policy.
    expect(kube.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'egress-api')).toBeUndefined();
  });

  test('two internal networks: egress to the members of each', () => {
    const { app, stack } = newStack('s');
    const a = new Network(stack, 'a', { internal: true });
    const b = new Network(stack, 'b', { internal: true });
    new Workload(stack, 'w', { image, networks: [b, a] });
    const { kube } = renderChecked(app);
    expect(findObject(kube, 'NetworkPolicy', 'egress-w').spec.egress).toEqual([
      { to: [memberOf('a')] },
      { to: [memberOf('b')] },
      { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
    ]);
  });

  test('jobs and cron jobs are members too; a declared network without members still gets its policy', () => {
    const { app, stack } = newStack('s');
    const batch = new Network(stack, 'batch');
    new Network(stack, 'empty');
    new Job(stack, 'migrate', { image, networks: [batch] });
    new CronJob(stack, 'report', { image, schedule: '0 * * * *', onSwarm: CronJobOnSwarm.SWARM_CRONJOB, networks: [batch] });
    const { kube, compose } = renderChecked(app);
    expect(findObject(kube, 'Job', 'migrate').spec.template.metadata.labels['network.conductor.dev/batch']).toBe('true');
    expect(findObject(kube, 'CronJob', 'report').spec.jobTemplate.spec.template.metadata.labels['network.conductor.dev/batch']).toBe('true');
    expect(kube.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name)).toEqual([
      'default-deny-ingress',
      'network-batch',
      'network-empty',
    ]);
    expect(compose.networks).toEqual({ batch: { driver: 'overlay' }, empty: { driver: 'overlay' } });
    expect(compose.services.migrate.networks).toEqual(['batch']);
  });

  test('stack labels reach every NetworkPolicy', () => {
    const { kube } = renderChecked(shop({ labels: { team: 'core' } }).app);
    for (const p of kube.filter((o) => o.kind === 'NetworkPolicy')) expect(p.metadata.labels).toMatchObject({
      team: 'core',
      'app.kubernetes.io/part-of': 's',
    });
  });
});

describe('Network → Swarm overlay networks', () => {
  test('top-level overlay networks (internal: true when internal); each service lists exactly its networks, "default" for the others', () => {
    const { compose } = renderChecked(shop().app);
    expect(compose.networks).toEqual({ backend: { driver: 'overlay', internal: true }, front: { driver: 'overlay' } });
    expect(compose.services.web.networks).toEqual(['front']);
    expect(compose.services.api.networks).toEqual(['backend', 'front']);
    expect(compose.services.db.networks).toEqual(['backend']);
    expect(compose.services['cron-agent'].networks).toEqual(['default']);
  });

  test('a sidecar service joins the workload\'s networks', () => {
    const { app, stack } = newStack('s');
    const net = new Network(stack, 'net');
    new Workload(stack, 'w', { image, networks: [net], sidecars: [{ name: 'proxy', image }] });
    new Workload(stack, 'v', { image, sidecars: [{ name: 'proxy', image }] });
    const { compose } = renderChecked(app);
    expect(compose.services['w-proxy'].networks).toEqual(['net']);
    expect(compose.services['v-proxy'].networks).toEqual(['default']);
  });

  test('docker stack config loads it', () => {
    const { files } = renderChecked(shop().app);
    const r = stackConfig(files, 's');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/backend:\n\s+driver: overlay\n\s+internal: true/);
  });
});

describe('membership in the model', () => {
  test('the networks prop and joinNetwork() are the same; members are sorted by name', () => {
    const { stack, backend, front } = shop();
    expect(front.members.map((w) => w.name)).toEqual(['api', 'web']);
    expect(backend.members.map((w) => w.name)).toEqual(['api', 'db']);
    expect(stack.networks.map((n) => n.name)).toEqual(['backend', 'front']);
  });

  test('the stack summary draws each network, "default" included', () => {
    const { app } = shop();
    const md = app.render().files.get('s.md')!;
    expect(md).toContain('Networks: `backend` (`api`, `db`); `default` (`cron-agent`); `front` (`api`, `web`).');
    expect(md).toContain('w_api --- n_backend');
    expect(md).toContain('w_cron_agent --- n_default');
  });
});

const cases: InvalidCase[] = [
  [
    'a network named "default"',
    (s) => new Network(s, 'default'),
    { path: 's/default', field: 'name', rule: 'it is the implicit network of the workloads that join none', value: 'default' },
  ],
  [
    'a Swarm network name over 63 characters',
    (s) => new Network(s, 'n'.repeat(62)),
    { path: `s/${'n'.repeat(62)}`, field: 'name', rule: 'Swarm network "s_nnn', value: 'n'.repeat(62) },
  ],
  [
    'internal not a boolean',
    (s) => new Network(s, 'n', { internal: 'yes' as unknown as boolean }),
    { path: 's/n', field: 'internal', rule: 'must be true or false', value: 'yes' },
  ],
  [
    'a network name instead of a Network',
    (s) => new Workload(s, 'w', { image, networks: ['backend' as unknown as Network] }),
    {
      path: 's/w',
      field: 'networks[0]',
      rule: 'must be a Network defined in stack s (new Network(stack, name)); a name alone defines nothing',
      value: 'backend',
    },
  ],
  ['joining a network twice', (s) => {
    const n = new Network(s, 'n');
    new Workload(s, 'w', { image, networks: [n] }).joinNetwork(n);
  }, { path: 's/w', field: 'networks[1]', rule: 'must not join a network twice', value: 'n' }],
  ['a network of another stack', (s) => {
    const other = new Stack(s.node.scope as App, 'other');
    new Workload(other, 'x', { image });
    new Workload(s, 'w', { image, networks: [new Network(other, 'n')] });
  }, { path: 's/w', field: 'networks[0]', rule: 'must belong to the same stack (s)', value: 'other/n' }],
  ['apiAccess on internal networks only', (s) => {
    new Workload(s, 'w', { image, networks: [new Network(s, 'n', { internal: true })], apiAccess: [{ resources: ['pods'], verbs: ['get'] }] });
  }, { path: 's/w', field: 'networks', rule: 'a workload with apiAccess must join a network that is not internal', value: ['n'] }],
];

describe('Network: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});

describe('Network target gaps', () => {
  function internalOnly(publishMode: PublishMode, strict = false) {
    const app = new App({ strict });
    const stack = new Stack(app, 's');
    new Workload(stack, 'w', {
      image,
      networks: [new Network(stack, 'n', { internal: true })],
      ports: [{ port: 80, exposure: Exposure.LOAD_BALANCER, publishMode }],
    });
    return app;
  }

  test('a host-mode port on internal networks only has no Swarm form: rendering Swarm fails, Kubernetes renders', () => {
    const { problems } = problemsOf(internalOnly(PublishMode.HOST));
    expect(problems).toEqual([
      {
        path: 's/w',
        field: 'ports[0].publishMode',
        rule: expect.stringMatching(/^has no swarm form: Docker binds a host-mode port through docker_gwbridge/),
      },
    ]);
    const out = internalOnly(PublishMode.HOST).render({ targets: ['kubernetes'] });
    expect(out.files.has('kubernetes/s/s.k8s.yaml')).toBe(true);
  });

  test('an ingress-mode published port on internal networks only: a Swarm warning (egress is open there); an error when strict', () => {
    const out = internalOnly(PublishMode.INGRESS).render();
    expect(out.gaps).toEqual([{
      path: 's/w', field: 'networks', target: 'swarm', severity: 'warning',
      message: expect.stringContaining(
        'also joins the ingress network and docker_gwbridge, so on Swarm its egress is not limited to its internal networks',
      ),
    }]);
    expect(problemsOf(internalOnly(PublishMode.INGRESS, true)).problems).toEqual([
      { path: 's/w', field: 'networks', rule: expect.stringMatching(/^strict mode forbids target gaps: \[swarm\] a service with published/) },
    ]);
  });

  test('a well-isolated stack has no gaps', () => {
    expect(shop().app.render().gaps).toEqual([]);
  });
});
