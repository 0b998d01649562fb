import { ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { RolloutOrder } from '../model/rollout';
import { Workload } from '../model/workload';
import { WorkloadBase } from '../model/workload-base';
import { containerProps } from './container';
import { Kubernetes } from './escape-hatch';
import { selectorLabels, workloadLabels } from './labels';
import { renderServices } from './service';
import { StackStorage } from './storage';

/** Renders one workload of any kind, its Services, and applies the user's escape hatches. */
export function renderWorkload(chart: Chart, w: WorkloadBase, storage: StackStorage): void {
  const pod = renderDeployment(chart, w as Workload, storage);
  pod.select(kplus.LabelSelector.of({ labels: selectorLabels(w) }));
  hardenPod(pod, w);
  const services = renderServices(chart, w);
  Kubernetes._apply(w, { chart, workload: pod, service: services[0] });
}

function renderDeployment(chart: Chart, w: Workload, storage: StackStorage): kplus.Deployment {
  const rollout = w.rollout;
  const batch = kplus.PercentOrAbsolute.absolute(rollout.parallelism);
  const none = kplus.PercentOrAbsolute.absolute(0);
  const minReadySeconds = rollout.delayMs / 1000;
  return new kplus.Deployment(chart, w.name, {
    ...podProps(w),
    replicas: w.replicas,
    strategy: kplus.DeploymentStrategy.rollingUpdate(
      rollout.order === RolloutOrder.START_FIRST
        ? { maxSurge: batch, maxUnavailable: none }
        : { maxSurge: none, maxUnavailable: batch },
    ),
    minReady: Duration.seconds(minReadySeconds),
    // Kubernetes requires the deadline to exceed minReadySeconds; 600s is its default.
    progressDeadline: Duration.seconds(Math.max(600, minReadySeconds + 60)),
    containers: [containerProps(chart, w, storage)],
  });
}

/** Props every workload kind shares: names, labels, pod security. */
function podProps(w: WorkloadBase) {
  const s = w.security;
  return {
    metadata: { name: w.name, labels: workloadLabels(w), annotations: w.annotations },
    podMetadata: { labels: workloadLabels(w), annotations: w.annotations },
    select: false,
    automountServiceAccountToken: false,
    securityContext: { ensureNonRoot: s.runAsNonRoot, user: s.user, group: s.group, fsGroup: s.group },
  };
}

/**
 * What cdk8s-plus-27 has no API for: the seccomp profile (Pod Security
 * "restricted" asks for it), and dropping its own address label from the pod
 * template (we select by app.kubernetes.io labels instead).
 */
function hardenPod(pod: kplus.AbstractPod, w: WorkloadBase): void {
  const patches = [
    JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: w.security.seccompProfile }),
    JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
  ];
  ApiObject.of(pod).addJsonPatch(...patches);
}
