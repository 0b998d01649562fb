// Type-only imports: the workload classes import workload-base at run time, and stack.ts imports this file.
import type { CronJob } from './cron-job';
import type { DaemonWorkload } from './daemon-workload';
import type { Job } from './job';
import type { StatefulWorkload } from './stateful-workload';
import type { Workload } from './workload';
import type { WorkloadKind } from './workload-base';

/**
 * A workload of any kind (what `Stack.workloads` lists), told apart by its
 * `kind`: `switch (w.kind)` narrows `w` to the class of that kind, e.g.
 * `case 'cron':` to a CronJob. Both renderers dispatch this way and end with
 * an exhaustive `never` check, so a new kind fails to compile until each
 * target maps it.
 */
export type AnyWorkload = Workload | StatefulWorkload | DaemonWorkload | Job | CronJob;

/** Fails to compile when the union and `WorkloadKind` list different kinds. */
type SameKinds = [AnyWorkload['kind']] extends [WorkloadKind] ? ([WorkloadKind] extends [AnyWorkload['kind']] ? true : never) : never;
/** @internal */
export const _kindsAgree: SameKinds = true;

/**
 * @internal The `default` of an exhaustive `switch (w.kind)`: `w` is `never`
 * there, so a kind without a case is a compile error; at run time (a
 * JavaScript subclass of WorkloadBase with another kind) an error naming it.
 */
export function unknownWorkloadKind(w: never): never {
  const given: { readonly kind?: unknown; readonly node?: { readonly path?: string } } = w;
  throw new Error(`${given.node?.path ?? 'a workload'}: no renderer for workload kind ${JSON.stringify(given.kind)}`);
}
