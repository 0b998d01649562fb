import type { Stack } from '../model/stack';
import type { WorkloadBase } from '../model/workload-base';

/** Labels on every object of a stack (Kubernetes recommended labels). */
export function stackLabels(stack: Stack): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'conductor',
    'app.kubernetes.io/part-of': stack.stackName,
    ...stack.labels,
  };
}

/** The labels a workload's pods are selected by: stable across every change but a rename. */
export function selectorLabels(w: WorkloadBase): Record<string, string> {
  return {
    'app.kubernetes.io/name': w.name,
    'app.kubernetes.io/part-of': w.stackName,
  };
}

/** Labels on a workload's objects and pods. */
export function workloadLabels(w: WorkloadBase): Record<string, string> {
  return { ...w.labels, ...selectorLabels(w) };
}
