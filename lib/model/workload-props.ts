import type { ApiAccessRule } from './api-access';
import type { HelperContainerProps } from './containers';
import type { HealthProps } from './health';
import type { LifecycleProps } from './lifecycle';
import type { Network } from './network';
import type { PlacementProps } from './placement';
import type { PortProps } from './ports';
import type { ResourcesProps } from './resources';
import type { SecurityProps } from './security';

/** Kinds of workload; each renderer maps every kind. */
export type WorkloadKind = 'deployment' | 'stateful' | 'daemon' | 'job' | 'cron';

export interface WorkloadBaseProps {
  /** Container image reference, e.g. `ghcr.io/acme/api:1.4.2`. */
  readonly image: string;

  /**
   * Replaces the image's ENTRYPOINT (Kubernetes `command`, Swarm `entrypoint`).
   * @default - the image's entrypoint
   */
  readonly command?: string[];

  /**
   * Replaces the image's CMD (Kubernetes `args`, Swarm `command`).
   * @default - the image's CMD
   */
  readonly args?: string[];

  /**
   * Working directory of the container.
   * @default - the image's working directory
   */
  readonly workingDir?: string;

  /**
   * Literal environment variables. Rendered sorted by name.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string };

  /**
   * Ports the container listens on, and who can reach them.
   * @default - no ports
   */
  readonly ports?: PortProps[];

  /**
   * Health check: Kubernetes probes, Swarm `healthcheck`.
   * @default - no health check
   */
  readonly health?: HealthProps;

  /**
   * CPU and memory requests and limits.
   * @default - no requests or limits
   */
  readonly resources?: ResourcesProps;

  /**
   * User, group, root filesystem, privilege escalation, capabilities and seccomp of the container.
   * @default - non-root 10001:10001, read-only root filesystem, all capabilities dropped
   */
  readonly security?: SecurityProps;

  /**
   * Labels on the workload (Kubernetes object and pod metadata; Swarm
   * `deploy.labels` and container labels).
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };

  /**
   * Annotations (Kubernetes object metadata; Swarm `deploy.labels`).
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };

  /**
   * Containers running beside the main one. Kubernetes: more containers in
   * the pod (sharing localhost). Swarm has no pods: each sidecar becomes a
   * service `<workload>-<sidecar>` with the same mode, replicas, placement
   * and networks; it does not share localhost (a target gap).
   * @default - none
   */
  readonly sidecars?: HelperContainerProps[];

  /**
   * Containers that run to completion, in order, before the main one.
   * Kubernetes: initContainers. Swarm has no form for them: rendering Swarm
   * fails (do the step in the main command, or in a Job).
   * @default - none
   */
  readonly initContainers?: HelperContainerProps[];

  /**
   * Which nodes may run the replicas, and how they spread.
   * @default - any node
   */
  readonly placement?: PlacementProps;

  /**
   * How the container stops: grace period, stop signal and pre-stop command.
   * @default - each target's stop defaults
   */
  readonly lifecycle?: LifecycleProps;

  /**
   * Access to the Kubernetes API: a ServiceAccount, Role and RoleBinding with
   * these rules, and the token mounted. Kubernetes only: rendering Swarm fails.
   * @default - no API access, no token mounted
   */
  readonly apiAccess?: ApiAccessRule[];

  /**
   * Networks this workload joins (also `joinNetwork()`). Only members of a
   * shared network may talk; in a stack with networks, a workload that
   * joins none is a member of the implicit network `default`.
   * @default - none
   */
  readonly networks?: Network[];
}
