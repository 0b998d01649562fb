import { Drift, serviceDrift } from './drift';
import type { ServiceInfo } from './engine';
import { scopedName, StackFiles } from './stack-files';

export type ServiceAction = 'create' | 'update' | 'unchanged';

export interface PlannedService {
  /** The key in the stack file. */
  readonly key: string;
  /** The engine's name, `<stack>_<key>`. */
  readonly name: string;
  readonly action: ServiceAction;
  /** Why it is updated: the fields that differ (empty for create and unchanged). */
  readonly drift: readonly Drift[];
  /** The service before this deploy (undefined when it is created): what a rollback restores. */
  readonly before?: ServiceInfo;
}

export interface StackPlan {
  readonly stack: StackFiles;
  readonly services: readonly PlannedService[];
  /** Services of the stack on the engine that the stack file no longer has (left alone, reported). */
  readonly extra: readonly string[];
}

/**
 * What a deploy of `stack` changes, decided before `docker stack deploy`:
 * a service whose hash label and hand-changeable fields match the stack
 * file is left out of the deploy, so that it is not updated at all (a
 * redeploy of an unchanged service bumps its version and overwrites the
 * PreviousSpec that a rollback needs).
 */
export function planStack(stack: StackFiles, running: ReadonlyMap<string, ServiceInfo>): StackPlan {
  const services = Object.keys(stack.compose.services).sort().map((key): PlannedService => {
    const name = scopedName(stack.name, key);
    const before = running.get(name);
    if (!before) return { key, name, action: 'create', drift: [] };
    const drift = serviceDrift(stack, key, before.Spec);
    return { key, name, action: drift.length ? 'update' : 'unchanged', drift, before };
  });
  const known = new Set(services.map((s) => s.name));
  return { stack, services, extra: [...running.keys()].filter((n) => !known.has(n)).sort() };
}

/** The services a deploy changes. */
export function changedServices(plan: StackPlan): PlannedService[] {
  return plan.services.filter((s) => s.action !== 'unchanged');
}
