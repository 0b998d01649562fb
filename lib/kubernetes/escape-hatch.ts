import { Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { WorkloadBase } from '../model/workload-base';

/** The cdk8s-plus objects rendered for one workload. */
export interface KubernetesWorkloadObjects {
  /** The chart of the workload's stack. */
  readonly chart: Chart;
  /** The Deployment (or other workload kind) made for it. */
  readonly workload: kplus.AbstractPod;
  /**
   * Its Service, when it has ports.
   * @default - undefined: the workload has no ports
   */
  readonly service?: kplus.Service;
}

export type KubernetesCustomizer = (objects: KubernetesWorkloadObjects) => void;

const customizers = new WeakMap<WorkloadBase, KubernetesCustomizer[]>();
const patches = new WeakMap<WorkloadBase, JsonPatch[]>();

/** The Kubernetes kind of each workload kind. */
export const WORKLOAD_KINDS: Record<WorkloadBase['kind'], string> = {
  deployment: 'Deployment',
  stateful: 'StatefulSet',
  daemon: 'DaemonSet',
  job: 'Job',
  cron: 'CronJob',
};

/**
 * Escape hatches to the Kubernetes output. The model stays target-neutral:
 * these live beside the renderer and run after it built a workload's objects.
 * Synth reads the pod templates they leave against Pod Security "restricted"
 * and prints each control they break (and the model did not) as
 * `SECURITY RISK` with the field `Kubernetes escape hatch: <path>`.
 */
export class Kubernetes {
  /** Runs `fn` with the cdk8s-plus objects made for `workload`, at every synth. */
  public static customize(workload: WorkloadBase, fn: KubernetesCustomizer): void {
    customizers.set(workload, [...(customizers.get(workload) ?? []), fn]);
  }

  /**
   * Applies JSON patches to the workload's object (e.g. the Deployment) as
   * rendered, so any field can be set, even one cdk8s-plus's typed classes
   * do not know.
   */
  public static addJsonPatch(workload: WorkloadBase, ...more: JsonPatch[]): void {
    patches.set(workload, [...(patches.get(workload) ?? []), ...more]);
  }

  /** @internal True when `workload` has a customizer or a JSON patch. */
  public static _hasEscapeHatches(workload: WorkloadBase): boolean {
    return customizers.has(workload) || patches.has(workload);
  }

  /** @internal */
  public static _apply(workload: WorkloadBase, objects: KubernetesWorkloadObjects): void {
    for (const fn of customizers.get(workload) ?? []) fn(objects);
  }

  /** @internal Applies the workload's JSON patches to its rendered object, in place in the list. */
  public static _patchRendered(workload: WorkloadBase, objects: { kind: string; metadata: { name: string } }[]): void {
    const ops = patches.get(workload);
    if (!ops) return;
    const i = objects.findIndex((o) => o.kind === WORKLOAD_KINDS[workload.kind] && o.metadata.name === workload.name);
    if (i >= 0) objects[i] = JsonPatch.apply(objects[i], ...ops);
  }
}
