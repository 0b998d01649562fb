// Compose -> ImportPlan (model-shaped, target-neutral), with a note for each key mapped differently or dropped.
// One file per Compose section:
//   import.ts       the whole file: names first, then the sections, then the plan
//   top-level.ts    top-level volumes, networks, secrets, configs
//   service.ts      one service: workload class, image and process, networks, props in print order
//   service-keys.ts service keys mapped and dropped (with the reason)
//   environment.ts  env_file, environment
//   ports.ts        ports, expose (and a port inferred from an official image)
//   health.ts       healthcheck
//   deploy.ts       deploy: replicas, resources (then restart.ts, rollout.ts, placement.ts)
//   lifecycle.ts    stop_grace_period, stop_signal
//   labels.ts       labels, deploy.labels
//   mounts.ts       volumes, tmpfs, configs, secrets of a service
//   security.ts     user, read_only, cap_add, cap_drop (and --harden)
//   units.ts        durations, sizes, CPUs; Swarm's defaults
//   compose-keys.ts the Compose key behind each model field, for messages about a field
export { ComposeKeys } from './compose-keys';
export { modelName } from './context';
export type { PlanOptions } from './context';
export { planImport } from './import';
export { DROPPED_SERVICE_KEYS, MAPPED_SERVICE_KEYS } from './service-keys';
export { SWARM_DEFAULTS } from './units';
export type {
  ImportPlan, PlannedConfig, PlannedMount, PlannedNetwork, PlannedSecret, PlannedVolume, PlannedWorkload, ServiceProps, WorkloadClass,
} from './types';
