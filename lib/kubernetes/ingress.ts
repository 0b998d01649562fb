import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { PathType } from '../model/ingress';
import { Stack } from '../model/stack';
import { StackStorage } from './storage';

const PATH_TYPES: Record<PathType, kplus.HttpIngressPathType> = {
  [PathType.PREFIX]: kplus.HttpIngressPathType.PREFIX,
  [PathType.EXACT]: kplus.HttpIngressPathType.EXACT,
};

/**
 * Each Ingress of the stack → an Ingress `<name>` whose rules go to the
 * workload's Service `<workload>` (the one with all its ports) at the
 * rule's Service port. Rules are sorted by host and path. Runs after the
 * workloads' Services exist in the chart.
 */
export function renderIngresses(chart: Chart, stack: Stack, storage: StackStorage): void {
  for (const ing of stack.ingresses) {
    // Upper-case construct id: never the id of a workload (a lower-case name).
    const ingress = new kplus.Ingress(chart, `Ingress-${ing.name}`, {
      metadata: { name: ing.name, labels: { ...ing.labels }, annotations: { ...ing.annotations } },
      className: ing.className,
    });
    const rules = [...ing.rules].sort((a, b) => compare(a.host, b.host) || compare(a.path, b.path));
    for (const r of rules) {
      const service = chart.node.findChild(`service-${r.workload.name}`) as kplus.Service;
      ingress.addHostRule(r.host, r.path, kplus.IngressBackend.fromService(service, { port: r.port!.port }), PATH_TYPES[r.pathType]);
    }
    if (ing.tls.length) {
      ingress.addTls(ing.tls.map((t) => ({ hosts: [...t.hosts], secret: storage.secret(t.secret) })));
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
