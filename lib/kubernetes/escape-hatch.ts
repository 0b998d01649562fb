import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { WorkloadBase } from '../model/workload-base';

/** The cdk8s-plus objects rendered for one workload. */
export interface KubernetesWorkloadObjects {
  /** The chart of the workload's stack. */
  readonly chart: Chart;
  /** The Deployment (or other workload kind) made for it. */
  readonly workload: kplus.AbstractPod;
  /** Its Service, when it has ports. */
  readonly service?: kplus.Service;
}

export type KubernetesCustomizer = (objects: KubernetesWorkloadObjects) => void;

const customizers = new WeakMap<WorkloadBase, KubernetesCustomizer[]>();

/**
 * Escape hatches to the Kubernetes output. The model stays target-neutral:
 * these live beside the renderer and run after it built a workload's objects.
 */
export class Kubernetes {
  /** Runs `fn` with the cdk8s-plus objects made for `workload`, at every synth. */
  public static customize(workload: WorkloadBase, fn: KubernetesCustomizer): void {
    customizers.set(workload, [...(customizers.get(workload) ?? []), fn]);
  }

  /** Applies JSON patches to the workload object (e.g. the Deployment). */
  public static addJsonPatch(workload: WorkloadBase, ...patches: JsonPatch[]): void {
    Kubernetes.customize(workload, (o) => ApiObject.of(o.workload).addJsonPatch(...patches));
  }

  /** @internal */
  public static _apply(workload: WorkloadBase, objects: KubernetesWorkloadObjects): void {
    for (const fn of customizers.get(workload) ?? []) fn(objects);
  }
}
