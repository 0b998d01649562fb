import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AnyWorkload, unknownWorkloadKind } from '../model/workload-kinds';
import { Kubernetes } from './escape-hatch';
import { renderDaemonSet } from './daemon-set';
import { renderDeployment } from './deployment';
import { renderCronJob, renderJob } from './job';
import { renderServices } from './service';
import { renderStatefulSet } from './stateful-set';
import { StackStorage } from './storage';

/** Renders one workload of any kind, its Services, and applies the user's escape hatches (unless `escapeHatches` is false). */
export function renderWorkload(chart: Chart, w: AnyWorkload, storage: StackStorage, escapeHatches = true): void {
  const { workload, services } = renderKind(chart, w, storage);
  if (escapeHatches) Kubernetes._apply(w, { chart, workload, service: services[0] });
}

function renderKind(chart: Chart, w: AnyWorkload, storage: StackStorage): { workload: kplus.Workload; services: kplus.Service[] } {
  switch (w.kind) {
    case 'deployment':
      return { workload: renderDeployment(chart, w, storage), services: renderServices(chart, w) };
    case 'stateful':
      return renderStatefulSet(chart, w, storage);
    case 'daemon':
      return { workload: renderDaemonSet(chart, w, storage), services: renderServices(chart, w) };
    case 'job':
      return { workload: renderJob(chart, w, storage), services: [] };
    case 'cron':
      return { workload: renderCronJob(chart, w, storage), services: [] };
    default:
      return unknownWorkloadKind(w);
  }
}
