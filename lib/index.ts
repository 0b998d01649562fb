// The public API of cdk8s-conductor. Nothing else is public.

// Model: target-neutral constructs.
export { Stack, StackProps } from './model/stack';
export { Workload, WorkloadProps } from './model/workload';
export { WorkloadBase, WorkloadBaseProps, WorkloadKind } from './model/workload-base';
export { Config, ConfigProps } from './model/config';
export { Secret, ExistingSecretOptions, PlaintextSecretProps, SecretSource } from './model/secret';
export { Volume, VolumeProps, AccessMode } from './model/volume';
export { Exposure, PublishMode, PortProps, Port, Protocol } from './model/ports';
export { HealthCheck, HealthProps, HttpCheckOptions, TcpCheckOptions } from './model/health';
export { ResourcesProps, CpuResourceProps, MemoryResourceProps } from './model/resources';
export { RolloutProps, RolloutOrder, FailureAction } from './model/rollout';
export { SecurityProps } from './model/security';
export { MountConfigOptions, MountSecretOptions, MountVolumeOptions, ScratchOptions } from './model/mounts';
export { Problem, TargetGap, Target, ValidationError } from './model/problems';

// Synthesis.
export { App, AppProps, SynthOptions, SynthOutput } from './synth/app';
export { OutputError } from './synth/writer';

// Escape hatches, one per target.
export { Kubernetes, KubernetesWorkloadObjects, KubernetesCustomizer } from './kubernetes/escape-hatch';
export { Swarm } from './swarm/escape-hatch';
export * as compose from './swarm/compose-types';
