import { Exposure, PortProps, PublishMode, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

function ports(given: PortProps[]) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'web', { image: 'busybox:1.36', ports: given });
  return renderChecked(app).compose.services.web.ports;
}

describe('ports and exposure → published ports', () => {
  test('INTERNAL: not published (reachable as <workload>:<targetPort> on the stack network)', () => {
    expect(ports([{ port: 80, targetPort: 8080 }])).toBeUndefined();
  });

  test('LOAD_BALANCER: published at port through the routing mesh', () => {
    expect(ports([{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }])).toEqual([{ target: 8080, published: 80, protocol: 'tcp', mode: 'ingress' }]);
  });

  test('NODE_PORT: published at nodePort; without one, Swarm allocates (no published)', () => {
    expect(ports([{ port: 80, targetPort: 8080, exposure: Exposure.NODE_PORT, nodePort: 30080 }])).toEqual([{ target: 8080, published: 30080, protocol: 'tcp', mode: 'ingress' }]);
    expect(ports([{ port: 80, targetPort: 8080, exposure: Exposure.NODE_PORT }])).toEqual([{ target: 8080, protocol: 'tcp', mode: 'ingress' }]);
  });

  test('udp', () => {
    expect(ports([{ port: 53, protocol: 'udp', exposure: Exposure.LOAD_BALANCER }])).toEqual([{ target: 53, published: 53, protocol: 'udp', mode: 'ingress' }]);
  });

  test('publishMode HOST → mode host, at the same port as the Kubernetes hostPort', () => {
    expect(ports([
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
    expect(ports([
      { port: 9090, name: 'metrics' },
      { port: 80, targetPort: 8080, name: 'http', exposure: Exposure.LOAD_BALANCER },
      { port: 2222, targetPort: 22, name: 'ssh', exposure: Exposure.NODE_PORT, nodePort: 30022 },
    ])).toEqual([
      { target: 8080, published: 80, protocol: 'tcp', mode: 'ingress' },
      { target: 22, published: 30022, protocol: 'tcp', mode: 'ingress' },
    ]);
  });
});
