import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Exposure, Port } from '../model/ports';
import { WorkloadBase } from '../model/workload-base';
import { selectorLabels, workloadLabels } from './labels';
import { exposedServiceName } from './names';

const TYPES: Record<Exposure, kplus.ServiceType> = {
  [Exposure.INTERNAL]: kplus.ServiceType.CLUSTER_IP,
  [Exposure.NODE_PORT]: kplus.ServiceType.NODE_PORT,
  [Exposure.LOAD_BALANCER]: kplus.ServiceType.LOAD_BALANCER,
};


/**
 * The Services of a workload with ports. When every port has one exposure,
 * one Service `<name>` of that type. When they mix, `<name>` is a ClusterIP
 * Service with every port (the in-stack name, as on Swarm) and each exposed
 * group gets its own `<name>-nodeport` / `<name>-lb`, so an internal port is
 * never made public by the Service type of another.
 */
export function renderServices(scope: Construct, w: WorkloadBase): kplus.Service[] {
  const ports = w.ports;
  if (ports.length === 0) return [];
  const exposures = [...new Set(ports.map((p) => p.exposure))].sort();
  if (exposures.length === 1) return [service(scope, w, w.name, exposures[0], ports)];
  const services = [service(scope, w, w.name, Exposure.INTERNAL, ports)];
  for (const e of exposures.filter((x) => x !== Exposure.INTERNAL)) {
    services.push(service(scope, w, exposedServiceName(w.name, e), e, ports.filter((p) => p.exposure === e)));
  }
  return services;
}

/** Only the extra Services for exposed ports (`<name>-nodeport`, `<name>-lb`), for kinds whose `<name>` Service is their own. */
export function renderExposedServices(scope: Construct, w: WorkloadBase): kplus.Service[] {
  const ports = w.exposedPorts;
  const exposures = [...new Set(ports.map((p) => p.exposure))].sort();
  return exposures.map((e) => service(scope, w, exposedServiceName(w.name, e), e, ports.filter((p) => p.exposure === e)));
}

function service(scope: Construct, w: WorkloadBase, name: string, exposure: Exposure, ports: Port[]): kplus.Service {
  const svc = new kplus.Service(scope, `service-${name}`, {
    metadata: { name, labels: workloadLabels(w) },
    type: TYPES[exposure],
    ports: ports.map((p) => ({
      name: p.name,
      port: p.port,
      targetPort: p.targetPort,
      protocol: p.protocol === 'udp' ? kplus.Protocol.UDP : kplus.Protocol.TCP,
      nodePort: exposure !== Exposure.INTERNAL ? p.nodePort : undefined,
    })),
  });
  // Select by the workload's app.kubernetes.io labels, not cdk8s-plus's address label.
  for (const [k, v] of Object.entries(selectorLabels(w))) svc.selectLabel(k, v);
  return svc;
}
