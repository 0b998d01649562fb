import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { RolloutOrder } from '../model/rollout';
import { Workload } from '../model/workload';
import { selectorLabels } from './labels';
import { finishPod, podProps } from './pod';
import { StackStorage } from './storage';

/** Workload → Deployment. */
export function renderDeployment(chart: Chart, w: Workload, storage: StackStorage): kplus.Deployment {
  const rollout = w.rollout;
  const batch = kplus.PercentOrAbsolute.absolute(rollout.parallelism);
  const none = kplus.PercentOrAbsolute.absolute(0);
  const minReadySeconds = rollout.delayMs / 1000;
  const deployment = new kplus.Deployment(chart, w.name, {
    ...podProps(chart, w, storage),
    // With autoscaling the HorizontalPodAutoscaler owns the count (lib/kubernetes/autoscaling.ts).
    replicas: w.autoscaling ? undefined : w.replicas,
    strategy: kplus.DeploymentStrategy.rollingUpdate(
      rollout.order === RolloutOrder.START_FIRST
        ? { maxSurge: batch, maxUnavailable: none }
        : { maxSurge: none, maxUnavailable: batch },
    ),
    minReady: Duration.seconds(minReadySeconds),
    // Kubernetes requires the deadline to exceed minReadySeconds; 600s is its default; at least `monitor`.
    progressDeadline: Duration.seconds(Math.max(600, minReadySeconds + 60, Math.ceil(rollout.monitorMs / 1000))),
  });
  deployment.select(kplus.LabelSelector.of({ labels: selectorLabels(w) }));
  finishPod(deployment, w);
  return deployment;
}
