import { ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { StatefulWorkload } from '../model/stateful-workload';
import { selectorLabels, workloadLabels } from './labels';
import { finishPod, podProps } from './pod';
import { renderExposedServices } from './service';
import { StackStorage } from './storage';

/**
 * StatefulWorkload → StatefulSet with a headless Service `<name>` (one DNS
 * name per replica) and volumeClaimTemplates; exposed ports get the same
 * extra Services as a Deployment.
 */
export function renderStatefulSet(
  chart: Chart, w: StatefulWorkload, storage: StackStorage,
): { workload: kplus.StatefulSet; services: kplus.Service[] } {
  const headless = new kplus.Service(chart, `service-${w.name}`, {
    metadata: { name: w.name, labels: workloadLabels(w) },
    clusterIP: 'None',
    ports: w.ports.map((p) => ({
      name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol === 'udp' ? kplus.Protocol.UDP : kplus.Protocol.TCP,
    })),
  });
  for (const [k, v] of Object.entries(selectorLabels(w))) headless.selectLabel(k, v);
  // cdk8s-plus makes the Service also select its address label, which we drop from pods.
  ApiObject.of(headless).addJsonPatch(JsonPatch.remove('/spec/selector/cdk8s.io~1metadata.addr'));
  const rollout = w.rollout;
  const sts = new kplus.StatefulSet(chart, w.name, {
    ...podProps(chart, w, storage),
    service: headless,
    // With autoscaling the HorizontalPodAutoscaler owns the count (lib/kubernetes/autoscaling.ts).
    replicas: w.autoscaling ? undefined : w.replicas,
    minReady: Duration.seconds(rollout.delayMs / 1000),
  });
  sts.select(kplus.LabelSelector.of({ labels: selectorLabels(w) }));
  finishPod(sts, w);
  if (w.perReplicaVolumes.length) {
    // cdk8s-plus-27 has no volumeClaimTemplates API.
    const patches = [JsonPatch.add('/spec/volumeClaimTemplates', w.perReplicaVolumes.map((v) => ({
      metadata: { name: v.name, labels: selectorLabels(w) },
      spec: {
        accessModes: [v.accessMode],
        storageClassName: v.storageClass,
        // A Quantity: the typed KubeStatefulSet reads patched values through its converters.
        resources: { requests: { storage: kplus.k8s.Quantity.fromString(v.sizeText) } },
      },
    })))];
    const hasMounts = w.mounts.length > 0;
    if (!hasMounts) patches.push(JsonPatch.add('/spec/template/spec/containers/0/volumeMounts', []));
    for (const v of w.perReplicaVolumes) {
      patches.push(JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/-', { name: v.name, mountPath: v.path }));
    }
    ApiObject.of(sts).addJsonPatch(...patches);
  }
  return { workload: sts, services: [headless, ...renderExposedServices(chart, w)] };
}
