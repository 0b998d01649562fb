import { Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ReplicatedWorkload } from '../model/long-running';
import { AnyWorkload, unknownWorkloadKind } from '../model/workload-kinds';
import { selectorLabels, workloadLabels } from './labels';

/**
 * Kubernetes' own default scaling behaviour (autoscaling/v2), written out:
 * cdk8s-plus-27 otherwise renders its own (scale up by 4 pods or 200% per
 * minute, scale down by minReplicas pods per 5 minutes).
 */
const SCALE_UP: kplus.ScalingRules = {
  strategy: kplus.ScalingStrategy.MAX_CHANGE,
  stabilizationWindow: Duration.seconds(0),
  policies: [
    { replicas: kplus.Replicas.percent(100), duration: Duration.seconds(15) },
    { replicas: kplus.Replicas.absolute(4), duration: Duration.seconds(15) },
  ],
};
const SCALE_DOWN: kplus.ScalingRules = {
  strategy: kplus.ScalingStrategy.MAX_CHANGE,
  stabilizationWindow: Duration.minutes(5),
  policies: [{ replicas: kplus.Replicas.percent(100), duration: Duration.seconds(15) }],
};

/**
 * The HorizontalPodAutoscaler and PodDisruptionBudget of a replicated
 * workload, each named after it; nothing for other kinds. Runs after the
 * workload's own object exists in the chart.
 */
export function renderReplicaPolicies(chart: Chart, w: AnyWorkload): void {
  switch (w.kind) {
    case 'deployment':
    case 'stateful':
      return replicaPolicies(chart, w);
    case 'daemon':
    case 'job':
    case 'cron':
      return;
    default:
      return unknownWorkloadKind(w);
  }
}

function replicaPolicies(chart: Chart, w: ReplicatedWorkload): void {
  const metadata = { name: w.name, labels: workloadLabels(w), annotations: w.annotations };
  const a = w.autoscaling;
  if (a) {
    const target = chart.node.findChild(w.name) as unknown as kplus.IScalable;
    const metrics: kplus.Metric[] = [];
    if (a.cpuUtilization !== undefined) metrics.push(kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(a.cpuUtilization)));
    if (a.memoryUtilization !== undefined) metrics.push(kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(a.memoryUtilization)));
    // Upper-case construct ids: never the id of a workload (a lower-case name).
    new kplus.HorizontalPodAutoscaler(chart, `HorizontalPodAutoscaler-${w.name}`, {
      metadata,
      target,
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics,
      scaleUp: SCALE_UP,
      scaleDown: SCALE_DOWN,
    });
  }
  const budget = w.disruptionBudget;
  if (budget) {
    // cdk8s-plus-27 has no PodDisruptionBudget construct: the generated policy/v1 class.
    const count = (n: number | undefined) => (n === undefined ? undefined : kplus.k8s.IntOrString.fromNumber(n));
    new kplus.k8s.KubePodDisruptionBudget(chart, `PodDisruptionBudget-${w.name}`, {
      metadata,
      spec: {
        selector: { matchLabels: selectorLabels(w) },
        minAvailable: count(budget.minAvailable),
        maxUnavailable: count(budget.maxUnavailable),
      },
    });
  }
}
