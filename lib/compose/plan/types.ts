import type { DaemonWorkloadProps } from '../../model/daemon-workload';
import type { JobProps } from '../../model/job';
import type { NetworkProps } from '../../model/network';
import type { PerReplicaVolumeProps, StatefulWorkloadProps } from '../../model/stateful-workload';
import type { VolumeProps } from '../../model/volume';
import type { WorkloadProps } from '../../model/workload';
import type { ComposeImportNote } from '../problems';
import type { ComposeKeys } from './compose-keys';

/*
 * The mapping from Compose to the model, as data: an ImportPlan is what the
 * importer decided, target-neutral and model-shaped. `build.ts` turns it
 * into constructs, `codegen.ts` into TypeScript that makes the same
 * constructs, so both always agree.
 */

export type WorkloadClass = 'Workload' | 'StatefulWorkload' | 'DaemonWorkload' | 'Job';

/** A model props type without `networks`: the plan names Networks by id, `build.ts` and `codegen.ts` link them. */
type Planned<P> = Omit<P, 'networks'>;

/** Every prop the importer may set on a workload of any kind (a Job's and a replicated service's). */
export type ServiceProps = Planned<WorkloadProps & JobProps>;

/** A props type the planner fills in step by step. */
export type Draft<P> = { -readonly [K in keyof P]?: P[K] };

export interface PlannedConfig {
  /** The key under `configs:`. */
  readonly composeName: string;
  readonly id: string;
  /** File name in the Config -> the file it is read from (absolute) and its content. */
  readonly files: { readonly [fileName: string]: { readonly source: string; readonly content: string } };
}

export interface PlannedSecret {
  readonly composeName: string;
  readonly id: string;
}

/** The volume props the importer sets (also those of a per-replica volume). */
export type PlannedVolumeProps = Draft<Pick<VolumeProps, 'driver' | 'driverOptions' | 'accessMode'>>;

export interface PlannedVolume {
  readonly composeName: string;
  readonly id: string;
  readonly props: PlannedVolumeProps;
}

export interface PlannedNetwork {
  readonly composeName: string;
  readonly id: string;
  readonly props: Pick<NetworkProps, 'internal'>;
}

export type PlannedMount =
  | { readonly kind: 'config'; readonly config: string; readonly path: string; readonly file: string }
  | { readonly kind: 'secret'; readonly secret: string; readonly path?: string }
  | { readonly kind: 'volume'; readonly volume: string; readonly path: string; readonly readOnly: boolean }
  | { readonly kind: 'scratch'; readonly path: string; readonly sizeLimit?: string }
  | { readonly kind: 'host'; readonly path: string; readonly hostPath: string; readonly readOnly: boolean }
  | {
    readonly kind: 'perReplica'; readonly path: string; readonly name: string;
    readonly props: Pick<PerReplicaVolumeProps, 'driver' | 'driverOptions'>;
  };

interface PlannedService {
  /** The Compose service name. */
  readonly service: string;
  readonly id: string;
  /** Ids of the Networks it joins. */
  readonly networks: string[];
  readonly mounts: PlannedMount[];
  /** Comments for the generated code, by prop name. */
  readonly comments: Record<string, string>;
  /** The Compose key behind each prop set, for messages about a model field. */
  readonly composeKeys: ComposeKeys;
}

/** A workload: its class and that class's constructor props (model values, in print order). */
export type PlannedWorkload = PlannedService & (
  | { readonly kind: 'Workload'; readonly props: Planned<WorkloadProps> }
  | { readonly kind: 'StatefulWorkload'; readonly props: Planned<StatefulWorkloadProps> }
  | { readonly kind: 'DaemonWorkload'; readonly props: Planned<DaemonWorkloadProps> }
  | { readonly kind: 'Job'; readonly props: Planned<JobProps> }
);

export interface ImportPlan {
  /** The compose file as given, and its directory (absolute). */
  readonly file: string;
  readonly dir: string;
  readonly stackName: string;
  readonly configs: PlannedConfig[];
  readonly secrets: PlannedSecret[];
  readonly volumes: PlannedVolume[];
  readonly networks: PlannedNetwork[];
  readonly workloads: PlannedWorkload[];
  readonly notes: ComposeImportNote[];
  /** 1-based line of a key path in the file (for notes found later). */
  readonly line: (keys: readonly (string | number)[]) => number | undefined;
}
