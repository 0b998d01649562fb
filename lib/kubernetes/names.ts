/**
 * Every name the Kubernetes output gives beyond the model's own names,
 * defined once: the extra Services of mixed exposures and the pod volumes
 * of a workload's mounts. The model knows none of these.
 */
import { contentHash } from '../model/hash';
import type { Mount } from '../model/mounts';
import { Exposure } from '../model/ports';

/** Longest Kubernetes object name that is a DNS label (Services: DNS-1035). */
export const MAX_KUBERNETES_LABEL = 63;

/** Name suffix of the extra Service for each exposure, when a workload mixes them. */
export const EXPOSED_SERVICE_SUFFIX: Record<Exposure, string> = {
  [Exposure.INTERNAL]: '',
  [Exposure.NODE_PORT]: '-nodeport',
  [Exposure.LOAD_BALANCER]: '-lb',
};

/** The longest suffix of an extra Service (`-nodeport`). */
export const LONGEST_SERVICE_SUFFIX = Math.max(...Object.values(EXPOSED_SERVICE_SUFFIX).map((s) => s.length));

/** The extra Service of a workload's ports of one exposure: `<name>-nodeport`, `<name>-lb`. */
export function exposedServiceName(workload: string, e: Exposure): string {
  return workload + EXPOSED_SERVICE_SUFFIX[e];
}

/**
 * A pod volume name (DNS-1123 label, at most 63) from a prefix and a model
 * name; long names keep a hash so they stay unique.
 */
export function podVolumeName(prefix: string, name: string): string {
  const full = `${prefix}-${name}`;
  return full.length <= MAX_KUBERNETES_LABEL ? full : `${full.slice(0, 52).replace(/-+$/, '')}-${contentHash(full)}`;
}

/**
 * The pod volume of each mount, in order: `config-<config>`,
 * `secret-<secret>`, `data-<volume>`, `scratch-<n>`, `host-<n>`.
 */
export function mountVolumeNames(mounts: readonly Mount[]): string[] {
  let scratch = 0;
  let host = 0;
  return mounts.map((m) => {
    switch (m.kind) {
      case 'config': return podVolumeName('config', (m.config as { name?: string })?.name as string);
      case 'secret': return podVolumeName('secret', (m.secret as { name?: string })?.name as string);
      case 'volume': return podVolumeName('data', (m.volume as { name?: string })?.name as string);
      case 'scratch': return `scratch-${scratch++}`;
      default: return `host-${host++}`;
    }
  });
}
