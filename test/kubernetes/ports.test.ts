import { Exposure, PortProps, PublishMode, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, KubeObject, newStack } from '../support/synth';

function render(ports: PortProps[]): KubeObject[] {
  const { app, stack } = newStack('s');
  new Workload(stack, 'web', { image: 'busybox:1.36', ports });
  return renderChecked(app).kube;
}
const services = (kube: KubeObject[]) => kube.filter((o) => o.kind === 'Service').map((o) => `${o.metadata.name}:${o.spec.type}`);
const containerPorts = (kube: KubeObject[]) => findObject(kube, 'Deployment', 'web').spec.template.spec.containers[0].ports;

describe('ports and exposure → Services', () => {
  test('INTERNAL (default): one ClusterIP Service, port → targetPort, named <protocol>-<port>', () => {
    const kube = render([{ port: 80, targetPort: 8080 }]);
    expect(services(kube)).toEqual(['web:ClusterIP']);
    expect(findObject(kube, 'Service', 'web').spec.ports).toEqual([{ name: 'tcp-80', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    expect(containerPorts(kube)).toEqual([{ containerPort: 8080, name: 'tcp-80', protocol: 'TCP' }]);
  });

  test('targetPort defaults to port; a given name and udp are kept', () => {
    const kube = render([{ port: 53, protocol: 'udp', name: 'dns' }]);
    expect(findObject(kube, 'Service', 'web').spec.ports).toEqual([{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }]);
    expect(containerPorts(kube)).toEqual([{ containerPort: 53, name: 'dns', protocol: 'UDP' }]);
  });

  test('NODE_PORT: a NodePort Service with the fixed nodePort, or none (allocated)', () => {
    const fixed = render([{ port: 80, targetPort: 8080, exposure: Exposure.NODE_PORT, nodePort: 30080 }]);
    expect(services(fixed)).toEqual(['web:NodePort']);
    expect(findObject(fixed, 'Service', 'web').spec.ports).toEqual([{ name: 'tcp-80', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }]);
    const allocated = render([{ port: 80, exposure: Exposure.NODE_PORT }]);
    expect(findObject(allocated, 'Service', 'web').spec.ports[0].nodePort).toBeUndefined();
  });

  test('LOAD_BALANCER: a LoadBalancer Service', () => {
    const kube = render([{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }]);
    expect(services(kube)).toEqual(['web:LoadBalancer']);
    expect(findObject(kube, 'Service', 'web').spec.ports).toEqual([{ name: 'tcp-80', port: 80, targetPort: 8080, protocol: 'TCP' }]);
  });

  test('mixed exposures: <name> ClusterIP with every port, plus <name>-nodeport and <name>-lb with theirs', () => {
    const kube = render([
      { port: 9090, name: 'metrics' },
      { port: 80, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER },
      { port: 2222, targetPort: 22, name: 'ssh', exposure: Exposure.NODE_PORT, nodePort: 30022 },
    ]);
    expect(services(kube)).toEqual(['web:ClusterIP', 'web-lb:LoadBalancer', 'web-nodeport:NodePort']);
    expect(findObject(kube, 'Service', 'web').spec.ports.map((p: { name: string }) => p.name)).toEqual(['metrics', 'http', 'ssh']);
    expect(findObject(kube, 'Service', 'web').spec.ports.every((p: object) => !('nodePort' in p))).toBe(true);
    expect(findObject(kube, 'Service', 'web-lb').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    expect(findObject(kube, 'Service', 'web-nodeport').spec.ports).toEqual([{ name: 'ssh', port: 2222, targetPort: 22, protocol: 'TCP', nodePort: 30022 }]);
    for (const name of ['web', 'web-lb', 'web-nodeport']) {
      expect(findObject(kube, 'Service', name).spec.selector).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 's' });
    }
  });

  test('two exposed kinds without an internal port still get the ClusterIP <name> Service', () => {
    const kube = render([{ port: 80, exposure: Exposure.LOAD_BALANCER }, { port: 81, exposure: Exposure.NODE_PORT }]);
    expect(services(kube)).toEqual(['web:ClusterIP', 'web-lb:LoadBalancer', 'web-nodeport:NodePort']);
  });

  test('publishMode HOST → container hostPort (the published port; the nodePort for NODE_PORT)', () => {
    const kube = render([
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
