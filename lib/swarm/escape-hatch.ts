import type { WorkloadBase } from '../model/workload-base';
import type { ComposeService } from './compose-types';

/** Every field optional, at every depth: an override names only what it changes. */
export type DeepPartial<T> = T extends readonly (infer U)[] ? readonly U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Fields merged into a rendered Swarm service (see `Swarm.override`). */
export type SwarmServiceOverride = DeepPartial<ComposeService> & Record<string, unknown>;

const overrides = new WeakMap<WorkloadBase, Record<string, unknown>[]>();

/**
 * Escape hatch to the Swarm output: raw fields merged into a workload's
 * rendered service, after the renderer ran. Objects merge key by key; any
 * other value (lists included) replaces; `undefined` deletes the key.
 * Synth prints each secure default an override relaxes (`privileged`, a root
 * `user`, `cap_add`, `network_mode: host`, a bind mount, ...) as
 * `SECURITY RISK` with the field `Swarm.override.<key>`.
 */
export class Swarm {
  public static override(workload: WorkloadBase, fields: SwarmServiceOverride): void {
    overrides.set(workload, [...(overrides.get(workload) ?? []), fields]);
  }

  /** @internal */
  public static _apply(workload: WorkloadBase, service: ComposeService): ComposeService {
    let result: Record<string, unknown> = service;
    for (const o of overrides.get(workload) ?? []) result = deepMerge(result, o);
    return result as ComposeService;
  }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = deepMerge(out[k] as Record<string, unknown>, v);
    else out[k] = v;
  }
  return out;
}
