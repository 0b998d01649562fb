import { Exposure, PortProps, PublishMode, Workload } from '../../lib';
import { expectProblem, InvalidCase, renderChecked, testBadInput } from '../support/oracle';
import { findObject, KubeObject, newStack } from '../support/synth';

// ---- Kubernetes output
function kubeWithPorts(ports: PortProps[]): KubeObject[] {
  const { app, stack } = newStack('s');
  new Workload(stack, 'web', { image: 'busybox:1.36', ports });
  return renderChecked(app).kube;
}
const services = (kube: KubeObject[]) => kube.filter((o) => o.kind === 'Service').map((o) => `${o.metadata.name}:${o.spec.type}`);
const containerPorts = (kube: KubeObject[]) => findObject(kube, 'Deployment', 'web').spec.template.spec.containers[0].ports;

describe('ports and exposure → Services', () => {
  test('INTERNAL (default): one ClusterIP Service, port → targetPort, named <protocol>-<port>', () => {
    const kube = kubeWithPorts([{ port: 80, targetPort: 8080 }]);
    expect(services(kube)).toEqual(['web:ClusterIP']);
    expect(findObject(kube, 'Service', 'web').spec.ports).toEqual([{ name: 'tcp-80', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    expect(containerPorts(kube)).toEqual([{ containerPort: 8080, name: 'tcp-80', protocol: 'TCP' }]);
  });

  test('targetPort defaults to port; a given name and udp are kept', () => {
    const kube = kubeWithPorts([{ port: 53, protocol: 'udp', name: 'dns' }]);
    expect(findObject(kube, 'Service', 'web').spec.ports).toEqual([{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }]);
    expect(containerPorts(kube)).toEqual([{ containerPort: 53, name: 'dns', protocol: 'UDP' }]);
  });

  test('NODE_PORT: a NodePort Service with the fixed nodePort, or none (allocated)', () => {
    const fixed = kubeWithPorts([{ port: 80, targetPort: 8080, exposure: Exposure.NODE_PORT, nodePort: 30080 }]);
    expect(services(fixed)).toEqual(['web:NodePort']);
    expect(findObject(fixed, 'Service', 'web').spec.ports).toEqual([
      { name: 'tcp-80', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 },
    ]);
    const allocated = kubeWithPorts([{ port: 80, exposure: Exposure.NODE_PORT }]);
    expect(findObject(allocated, 'Service', 'web').spec.ports[0].nodePort).toBeUndefined();
  });

  test('LOAD_BALANCER: a LoadBalancer Service', () => {
    const kube = kubeWithPorts([{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }]);
    expect(services(kube)).toEqual(['web:LoadBalancer']);
    expect(findObject(kube, 'Service', 'web').spec.ports).toEqual([{ name: 'tcp-80', port: 80, targetPort: 8080, protocol: 'TCP' }]);
  });

  test('mixed exposures: <name> ClusterIP with every port, plus <name>-nodeport and <name>-lb with theirs', () => {
    const kube = kubeWithPorts([
      { port: 9090, name: 'metrics' },
      { port: 80, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER },
      { port: 2222, targetPort: 22, name: 'ssh', exposure: Exposure.NODE_PORT, nodePort: 30022 },
    ]);
    expect(services(kube)).toEqual(['web:ClusterIP', 'web-lb:LoadBalancer', 'web-nodeport:NodePort']);
    expect(findObject(kube, 'Service', 'web').spec.ports.map((p: { name: string }) => p.name)).toEqual(['metrics', 'http', 'ssh']);
    expect(findObject(kube, 'Service', 'web').spec.ports.every((p: object) => !('nodePort' in p))).toBe(true);
    expect(findObject(kube, 'Service', 'web-lb').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    expect(findObject(kube, 'Service', 'web-nodeport').spec.ports).toEqual([
      { name: 'ssh', port: 2222, targetPort: 22, protocol: 'TCP', nodePort: 30022 },
    ]);
    for (const name of ['web', 'web-lb', 'web-nodeport']) {
      expect(findObject(kube, 'Service', name).spec.selector).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 's' });
    }
  });

  test('two exposed kinds without an internal port still get the ClusterIP <name> Service', () => {
    const kube = kubeWithPorts([{ port: 80, exposure: Exposure.LOAD_BALANCER }, { port: 81, exposure: Exposure.NODE_PORT }]);
    expect(services(kube)).toEqual(['web:ClusterIP', 'web-lb:LoadBalancer', 'web-nodeport:NodePort']);
  });

  test('publishMode HOST → container hostPort (the published port; the nodePort for NODE_PORT)', () => {
    const kube = kubeWithPorts([
      { port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER, publishMode: PublishMode.HOST },
      { port: 81, targetPort: 8081, exposure: Exposure.NODE_PORT, nodePort: 30081, publishMode: PublishMode.HOST },
      { port: 82, targetPort: 8082, exposure: Exposure.NODE_PORT, publishMode: PublishMode.HOST },
      { port: 83, targetPort: 8083, exposure: Exposure.LOAD_BALANCER, publishMode: PublishMode.INGRESS },
    ]);
    expect(containerPorts(kube)).toEqual([
      { containerPort: 8080, hostPort: 80, name: 'tcp-80', protocol: 'TCP' },
      { containerPort: 8081, hostPort: 30081, name: 'tcp-81', protocol: 'TCP' },
      { containerPort: 8082, hostPort: 82, name: 'tcp-82', protocol: 'TCP' },
      { containerPort: 8083, name: 'tcp-83', protocol: 'TCP' },
    ]);
  });

  test('addPort() adds to the ports given as props', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'web', { image: 'busybox:1.36', ports: [{ port: 80 }] }).addPort({ port: 443 });
    expect(findObject(renderChecked(app).kube, 'Service', 'web').spec.ports.map((p: { port: number }) => p.port)).toEqual([80, 443]);
  });
});

// ---- Swarm output
function publishedPorts(given: PortProps[]) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'web', { image: 'busybox:1.36', ports: given });
  return renderChecked(app).compose.services.web.ports;
}

describe('ports and exposure → published ports', () => {
  test('INTERNAL: not published (reachable as <workload>:<targetPort> on the stack network)', () => {
    expect(publishedPorts([{ port: 80, targetPort: 8080 }])).toBeUndefined();
  });

  test('LOAD_BALANCER: published at port through the routing mesh', () => {
    expect(publishedPorts([{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }])).toEqual([
      { target: 8080, published: 80, protocol: 'tcp', mode: 'ingress' },
    ]);
  });

  test('NODE_PORT: published at nodePort; without one, Swarm allocates (no published)', () => {
    expect(publishedPorts([{ port: 80, targetPort: 8080, exposure: Exposure.NODE_PORT, nodePort: 30080 }])).toEqual([
      { target: 8080, published: 30080, protocol: 'tcp', mode: 'ingress' },
    ]);
    expect(publishedPorts([{ port: 80, targetPort: 8080, exposure: Exposure.NODE_PORT }])).toEqual([
      { target: 8080, protocol: 'tcp', mode: 'ingress' },
    ]);
  });

  test('udp', () => {
    expect(publishedPorts([{ port: 53, protocol: 'udp', exposure: Exposure.LOAD_BALANCER }])).toEqual([
      { target: 53, published: 53, protocol: 'udp', mode: 'ingress' },
    ]);
  });

  test('publishMode HOST → mode host, at the same port as the Kubernetes hostPort', () => {
    expect(publishedPorts([
      { port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER, publishMode: PublishMode.HOST },
      { port: 81, targetPort: 8081, exposure: Exposure.NODE_PORT, nodePort: 30081, publishMode: PublishMode.HOST },
      { port: 82, targetPort: 8082, exposure: Exposure.NODE_PORT, publishMode: PublishMode.HOST },
    ])).toEqual([
      { target: 8080, published: 80, protocol: 'tcp', mode: 'host' },
      { target: 8081, published: 30081, protocol: 'tcp', mode: 'host' },
      { target: 8082, published: 82, protocol: 'tcp', mode: 'host' },
    ]);
  });

  test('mixed exposures: only the exposed ports are published, in the order given', () => {
    expect(publishedPorts([
      { port: 9090, name: 'metrics' },
      { port: 80, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER },
      { port: 2222, targetPort: 22, name: 'ssh', exposure: Exposure.NODE_PORT, nodePort: 30022 },
    ])).toEqual([
      { target: 8080, published: 80, protocol: 'tcp', mode: 'ingress' },
      { target: 22, published: 30022, protocol: 'tcp', mode: 'ingress' },
    ]);
  });
});

// ---- model rules and bad input
const bad = <T>(x: unknown) => x as T;
const RANGE = 'must be an integer from 1 to 65535';
const NAME = 'must be at most 15 lower-case letters, digits and "-", with at least one letter and no "--" (IANA service name)';
const withPorts = (...p: PortProps[]): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', ports: p });

const cases: InvalidCase[] = [
  ['port 0', withPorts({ port: 0 }), { path: 's/w', field: 'ports[0].port', rule: RANGE, value: 0 }],
  ['port 65536', withPorts({ port: 65536 }), { path: 's/w', field: 'ports[0].port', rule: RANGE, value: 65536 }],
  ['port fractional', withPorts({ port: 80.5 }), { path: 's/w', field: 'ports[0].port', rule: RANGE, value: 80.5 }],
  ['port a string', withPorts({ port: bad<number>('80') }), { path: 's/w', field: 'ports[0].port', rule: RANGE, value: '80' }],
  [
    'targetPort out of range (second port)',
    withPorts({ port: 80 }, { port: 81, targetPort: 70000 }),
    { path: 's/w', field: 'ports[1].targetPort', rule: RANGE, value: 70000 },
  ],
  [
    'protocol sctp',
    withPorts({ port: 80, protocol: bad<'tcp'>('sctp') }),
    { path: 's/w', field: 'ports[0].protocol', rule: 'must be "tcp" or "udp"', value: 'sctp' },
  ],
  [
    'exposure unknown',
    withPorts({ port: 80, exposure: bad<Exposure>('public') }),
    { path: 's/w', field: 'ports[0].exposure', rule: 'must be one of internal, node-port, load-balancer', value: 'public' },
  ],
  [
    'publishMode unknown',
    withPorts({ port: 80, exposure: Exposure.LOAD_BALANCER, publishMode: bad<PublishMode>('bridge') }),
    { path: 's/w', field: 'ports[0].publishMode', rule: 'must be "ingress" or "host"', value: 'bridge' },
  ],
  [
    'publishMode on an internal port',
    withPorts({ port: 80, publishMode: PublishMode.HOST }),
    { path: 's/w', field: 'ports[0].publishMode', rule: 'is only allowed on an exposed port (NODE_PORT or LOAD_BALANCER)', value: 'host' },
  ],
  ['name upper case', withPorts({ port: 80, name: 'HTTP' }), { path: 's/w', field: 'ports[0].name', rule: NAME, value: 'HTTP' }],
  [
    'name longer than 15',
    withPorts({ port: 80, name: 'http-alternative' }),
    { path: 's/w', field: 'ports[0].name', rule: NAME, value: 'http-alternative' },
  ],
  ['name without a letter', withPorts({ port: 80, name: '8080' }), { path: 's/w', field: 'ports[0].name', rule: NAME, value: '8080' }],
  [
    'nodePort without NODE_PORT',
    withPorts({ port: 80, exposure: Exposure.LOAD_BALANCER, nodePort: 30080 }),
    { path: 's/w', field: 'ports[0].nodePort', rule: 'is only allowed with exposure NODE_PORT', value: 30080 },
  ],
  [
    'nodePort below the range',
    withPorts({ port: 80, exposure: Exposure.NODE_PORT, nodePort: 8080 }),
    { path: 's/w', field: 'ports[0].nodePort', rule: 'must be an integer from 30000 to 32767', value: 8080 },
  ],
  [
    'nodePort above the range',
    withPorts({ port: 80, exposure: Exposure.NODE_PORT, nodePort: 32768 }),
    { path: 's/w', field: 'ports[0].nodePort', rule: 'must be an integer from 30000 to 32767', value: 32768 },
  ],
  [
    'a port name twice',
    withPorts({ port: 80, name: 'http' }, { port: 81, name: 'http' }),
    { path: 's/w', field: 'ports[1]', rule: 'must not repeat a port name', value: 'http' },
  ],
  [
    'a port number twice',
    withPorts({ port: 80, targetPort: 8080 }, { port: 80, targetPort: 8081, name: 'other' }),
    { path: 's/w', field: 'ports[1]', rule: 'must not repeat a port number and protocol', value: 80 },
  ],
  [
    'a targetPort twice',
    withPorts({ port: 80, targetPort: 8080 }, { port: 81, targetPort: 8080 }),
    { path: 's/w', field: 'ports[1]', rule: 'must not repeat a targetPort and protocol', value: 8080 },
  ],
];

describe('ports: bad input names path, field, rule and value', () => {
  testBadInput(cases);

  test('the same number on tcp and udp is fine', () => {
    const { app, stack } = newStack('s');
    withPorts({ port: 53 }, { port: 53, protocol: 'udp' })(stack);
    expect(() => app.render()).not.toThrow();
  });

  test('a targetPort left out is not reported twice when the port is bad', () => {
    const { app, stack } = newStack('s');
    withPorts({ port: 0 })(stack);
    expect(() => app.render()).toThrow(/1 problem;/);
  });

  test('mixed exposures need room for "<name>-nodeport" in 63 characters', () => {
    const name = 'w'.repeat(55);
    const { app, stack } = newStack('s');
    new Workload(stack, name, { image: 'busybox:1.36', ports: [{ port: 80 }, { port: 81, exposure: Exposure.NODE_PORT }] });
    expectProblem(app, { path: `s/${name}`, field: 'name', rule: 'must be at most 54 characters when ports mix exposures', value: name });
  });
});
