import { ComposeKeys } from './compose-keys';
import { Context, Dict, Keys } from './context';
import { Draft, PlannedMount, ServiceProps, WorkloadClass } from './types';

/** One service being planned: what each section's planner reads and fills in. */
export interface ServicePlanning {
  readonly ctx: Context;
  /** The Compose service name, and its definition. */
  readonly name: string;
  readonly svc: Dict;
  /** Its `deploy:` ({} when unset). */
  readonly deploy: Dict;
  /** The model name of the workload. */
  readonly id: string;
  readonly kind: WorkloadClass;
  /** Key paths under the service: `at('deploy', 'replicas')`. */
  readonly at: (...k: Keys) => Keys;
  /** Filled in by the sections. */
  readonly props: Draft<ServiceProps>;
  readonly comments: Record<string, string>;
  readonly mounts: PlannedMount[];
  /** Where each section records the Compose key behind the props it sets. */
  readonly composeKeys: ComposeKeys;
}
