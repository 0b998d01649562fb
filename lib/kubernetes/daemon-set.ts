import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonWorkload } from '../model/daemon-workload';
import { RolloutOrder } from '../model/rollout';
import { selectorLabels } from './labels';
import { finishPod, podProps } from './pod';
import { StackStorage } from './storage';

/** DaemonWorkload → DaemonSet. */
export function renderDaemonSet(chart: Chart, w: DaemonWorkload, storage: StackStorage): kplus.DaemonSet {
  const rollout = w.rollout;
  const ds = new kplus.DaemonSet(chart, w.name, {
    ...podProps(chart, w, storage),
    minReadySeconds: rollout.delayMs / 1000,
  });
  ds.select(kplus.LabelSelector.of({ labels: selectorLabels(w) }));
  finishPod(ds, w);
  // cdk8s-plus-27 has no DaemonSet update strategy API. maxSurge is GA since 1.25.
  const startFirst = rollout.order === RolloutOrder.START_FIRST;
  ApiObject.of(ds).addJsonPatch(JsonPatch.add('/spec/updateStrategy', {
    type: 'RollingUpdate',
    // IntOrString values: the typed KubeDaemonSet reads patched values through its converters.
    rollingUpdate: {
      maxSurge: kplus.k8s.IntOrString.fromNumber(startFirst ? rollout.parallelism : 0),
      maxUnavailable: kplus.k8s.IntOrString.fromNumber(startFirst ? 0 : rollout.parallelism),
    },
  }));
  return ds;
}
