// The public API of cdk8s-conductor. Nothing else is public.

// Model: target-neutral constructs.
export { Stack } from './model/stack';
export type { StackProps } from './model/stack';
export { Workload } from './model/workload';
export type { WorkloadProps } from './model/workload';
export { StatefulWorkload } from './model/stateful-workload';
export type { StatefulWorkloadProps, PerReplicaVolumeProps } from './model/stateful-workload';
export { DaemonWorkload } from './model/daemon-workload';
export type { DaemonWorkloadProps } from './model/daemon-workload';
export { Job, RunToCompletion } from './model/job';
export type { JobProps } from './model/job';
export { CronJob, CronJobOnSwarm, ConcurrencyPolicy } from './model/cron-job';
export type { CronJobProps } from './model/cron-job';
export { LongRunningWorkload, ReplicatedWorkload } from './model/long-running';
export type { LongRunningProps, ReplicatedProps } from './model/long-running';
export { RestartCondition } from './model/lifecycle';
export type { LifecycleProps, RestartPolicyProps } from './model/lifecycle';
export { NodeRole } from './model/placement';
export type { PlacementProps } from './model/placement';
export type { HelperContainerProps } from './model/containers';
export type { ApiAccessRule } from './model/api-access';
export { WorkloadBase } from './model/workload-base';
export type { WorkloadBaseProps, WorkloadKind } from './model/workload-base';
export type { AnyWorkload } from './model/workload-kinds';
export { Config } from './model/config';
export type { ConfigProps } from './model/config';
export { Secret } from './model/secret';
export type { ExistingSecretOptions, PlaintextSecretProps, SecretSource } from './model/secret';
export { Volume, AccessMode } from './model/volume';
export type { VolumeProps } from './model/volume';
export { Exposure, PublishMode } from './model/ports';
export type { PortProps, Port, Protocol } from './model/ports';
export { HealthCheck } from './model/health';
export type { HealthProps, HttpCheckOptions, TcpCheckOptions } from './model/health';
export type { ResourcesProps, CpuResourceProps, MemoryResourceProps } from './model/resources';
export { RolloutOrder, FailureAction } from './model/rollout';
export type { RolloutProps } from './model/rollout';
export type { FromImage, SecurityProps } from './model/security';
export type { HostPathOptions, MountConfigOptions, MountSecretOptions, MountVolumeOptions, ScratchOptions } from './model/mounts';
export { Network } from './model/network';
export type { NetworkProps } from './model/network';
export { Ingress, PathType } from './model/ingress';
export type { IngressProps, IngressRule, IngressRuleProps, IngressTlsProps } from './model/ingress';
export type { Autoscaling, AutoscalingProps, AutoscalingOnSwarm } from './model/autoscaling';
export type { DisruptionBudgetProps } from './model/disruption-budget';
export { ValidationError } from './model/problems';
export type { Problem, SecurityRisk, TargetGap, Target, Warning } from './model/problems';

// Synthesis.
export { App } from './synth/app';
export { Environment } from './synth/environment';
export type { AppProps, SynthOptions, SynthOutput } from './synth/app';
export { OutputError } from './synth/writer';

// Escape hatches, one per target.
export { Kubernetes } from './kubernetes/escape-hatch';
export type { KubernetesWorkloadObjects, KubernetesCustomizer } from './kubernetes/escape-hatch';
export { Swarm } from './swarm/escape-hatch';
export type { SwarmServiceOverride } from './swarm/escape-hatch';
export type * as compose from './swarm/compose-types';

// Importing docker-compose files (format 3.x) into the model.
export { ComposeStack, ComposeImportError, formatNote, formatComposeProblem } from './compose';
export type {
  ComposeImportOptions, ComposeTextOptions, ComposeLoadOptions, ComposeImportNote, ComposeNoteKind, ComposeProblem,
} from './compose';
