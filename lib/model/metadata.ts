import { checkLabelKey, checkLabelValue, checkText } from './names';
import { ProblemCollector } from './problems';

/**
 * Labels and annotations of a workload. Both are Kubernetes object metadata,
 * so their keys follow the Kubernetes label key rules; label values follow
 * the label value rules, annotation values are any readable text.
 */
export function validateMetadata(
  labels: { readonly [key: string]: string },
  annotations: { readonly [key: string]: string },
  c: ProblemCollector,
  path: string,
): void {
  for (const [field, map] of [['labels', labels], ['annotations', annotations]] as const) {
    for (const [k, v] of Object.entries(map)) {
      const keyRule = checkLabelKey(k);
      if (keyRule) c.error(path, `${field}[${JSON.stringify(k)}]`, `key ${keyRule}`, k);
      if (field === 'labels') {
        const valueRule = checkLabelValue(v);
        if (valueRule) c.error(path, `${field}[${JSON.stringify(k)}]`, `value ${valueRule}`, v);
      } else if (typeof v !== 'string') c.error(path, `${field}[${JSON.stringify(k)}]`, 'value must be a string', v);
      else if (checkText(v)) c.error(path, `${field}[${JSON.stringify(k)}]`, checkText(v)!, v);
    }
  }
}
