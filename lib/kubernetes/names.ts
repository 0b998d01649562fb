import { contentHash } from '../model/hash';

/**
 * A pod volume name (DNS-1123 label, at most 63) from a prefix and a model
 * name; long names keep a hash so they stay unique.
 */
export function podVolumeName(prefix: string, name: string): string {
  const full = `${prefix}-${name}`;
  return full.length <= 63 ? full : `${full.slice(0, 52).replace(/-+$/, '')}-${contentHash(full)}`;
}
