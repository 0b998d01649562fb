import { sortedNameKeyedRecord } from '../model/name-keyed';

/** Removes keys whose value is undefined, so the YAML has no `key: null`. */
export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function nonEmpty<T>(xs: T[] | undefined): T[] | undefined {
  return xs && xs.length > 0 ? xs : undefined;
}

export function nonEmptyRecord<T>(r: Record<string, T>): Record<string, T> | undefined {
  return Object.keys(r).length > 0 ? r : undefined;
}

/** A copy with the keys sorted, in dictionary mode (see lib/model/name-keyed.ts). */
export function sortRecord<T>(r: Record<string, T>): Record<string, T> {
  return sortedNameKeyedRecord(r);
}
