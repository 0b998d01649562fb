import { checkLabelKey, checkLabelValue } from '../../model/names';
import { isDict, Keys } from './context';
import { ServicePlanning } from './service-planning';

/** A Compose label list or map as a map. */
function toMap(v: unknown): Record<string, string> {
  if (Array.isArray(v)) {
    return Object.fromEntries(v.map(String).map((s) => (s.includes('=') ? [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] : [s, ''])));
  }
  return isDict(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === null || x === undefined ? '' : String(x)])) : {};
}

/**
 * `labels` (container) and `deploy.labels` (service) -> labels and
 * annotations: a value that is no Kubernetes label value becomes an
 * annotation (and a Swarm service label).
 */
export function planLabels(s: ServicePlanning): void {
  const { ctx, svc, deploy, at } = s;
  s.composeKeys.record('labels', 'labels');
  s.composeKeys.record('deploy.labels', 'annotations');
  const container = toMap(svc.labels);
  const service = toMap(deploy.labels);
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  const keyOf = (list: unknown, k: string, ...base: Keys): Keys =>
    (Array.isArray(list) ? at(...base, list.findIndex((x) => String(x).split('=')[0] === k)) : at(...base, k));
  for (const [k, v] of Object.entries(service)) {
    if (checkLabelKey(k)) ctx.note(keyOf(deploy.labels, k, 'deploy', 'labels'), 'dropped',
      `"${k}": ${checkLabelKey(k)} (a Kubernetes annotation key)`);
    else annotations[k] = v;
  }
  for (const [k, v] of Object.entries(container)) {
    const keys = keyOf(svc.labels, k, 'labels');
    if (checkLabelKey(k)) {
      ctx.note(keys, 'dropped', `"${k}": ${checkLabelKey(k)} (a Kubernetes label key)`);
    } else if (!checkLabelValue(v)) {
      if (k in annotations && annotations[k] !== v) {
        ctx.note(keys, 'changed',
          `deploy.labels sets "${k}" too: Conductor puts a workload's labels on the service as well, so the service gets "${v}"`);
      }
      labels[k] = v;
    } else if (k in annotations) {
      ctx.note(keys, 'dropped', `the value is not a Kubernetes label value, and deploy.labels sets "${k}" too`);
    } else {
      annotations[k] = v;
      ctx.note(keys, 'changed',
        'the value is not a Kubernetes label value: an annotation (Kubernetes) and a service label (Swarm deploy.labels), not a container label');
    }
  }
  if (Object.keys(labels).length) s.props.labels = labels;
  if (Object.keys(annotations).length) s.props.annotations = annotations;
}
