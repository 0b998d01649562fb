import { Construct } from 'constructs';
import { MOUNT_ROOT_RULE, checkContainerPath, checkName, normalizeContainerPath } from './names';
import { MEMORY_RULE, parseMemory } from './quantity';
import { ProblemCollector } from './problems';
import { ReplicatedProps, ReplicatedWorkload } from './long-running';
import { RolloutOrder, RolloutProps } from './rollout';
import { AccessMode, validateStorageProps } from './volume';

export interface StatefulWorkloadProps extends ReplicatedProps {}

export interface PerReplicaVolumeProps {
  /**
   * Requested size of each replica's volume (Kubernetes quantity, e.g. `10Gi`).
   * @default '1Gi'
   */
  readonly size?: string;
  /**
   * Kubernetes storage class of the claims. No meaning on Swarm.
   * @default - the cluster's default storage class
   */
  readonly storageClass?: string;
  /**
   * Kubernetes access mode of the claims.
   * @default AccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: AccessMode;
  /** Swarm volume driver. @default - local */
  readonly driver?: string;
  /** Swarm volume driver options. @default - none */
  readonly driverOptions?: { readonly [key: string]: string };
}

/** A volume each replica gets for itself. */
export interface PerReplicaVolume {
  readonly name: string;
  readonly path: string;
  readonly sizeText: string;
  readonly storageClass?: string;
  readonly accessMode: AccessMode;
  readonly driver?: string;
  readonly driverOptions: { readonly [key: string]: string };
}

/**
 * A replicated workload whose replicas each keep their own storage
 * (databases, queues).
 *
 * Kubernetes: a StatefulSet, a headless Service `<name>` (stable DNS name
 * per replica, `<name>-0.<name>`) and volumeClaimTemplates. Swarm: a
 * replicated service whose per-replica volumes are named
 * `<stack>_<name>-<volume>-{{.Task.Slot}}`. Swarm gives no stable network
 * identity per replica (tasks are reached by the service name; slots start
 * at 1 where pod ordinals start at 0), and a replica's volume is local to
 * the node its task first ran on.
 */
export class StatefulWorkload extends ReplicatedWorkload {
  public readonly kind = 'stateful' as const;
  private readonly _volumes: PerReplicaVolume[] = [];

  constructor(scope: Construct, id: string, props: StatefulWorkloadProps) {
    super(scope, id, props);
  }

  /** Gives every replica its own volume `name`, mounted at `path`. */
  public mountPerReplicaVolume(path: string, name: string, props: PerReplicaVolumeProps = {}): this {
    this._volumes.push({
      name,
      path,
      sizeText: props.size ?? '1Gi',
      storageClass: props.storageClass,
      accessMode: props.accessMode ?? AccessMode.READ_WRITE_ONCE,
      driver: props.driver,
      driverOptions: { ...(props.driverOptions ?? {}) },
    });
    return this;
  }

  public get perReplicaVolumes(): readonly PerReplicaVolume[] {
    return this._volumes;
  }

  protected get defaultRollout(): RolloutProps {
    return { order: RolloutOrder.STOP_FIRST };
  }

  protected validateProps(c: ProblemCollector): void {
    super.validateProps(c);
    const path = this.node.path;
    if (this.name.length > 52) c.error(path, 'name', 'must be at most 52 characters (a StatefulSet adds a revision hash to pod labels)', this.name);
    if (this.ports.length === 0) c.error(
      path,
      'ports',
      'a StatefulWorkload needs at least one port (its headless Service gives each replica a DNS name)',
    );
    const names = new Set<string>();
    const mountPaths = new Set(this.mounts.map((m) => (typeof m.path === 'string' ? normalizeContainerPath(m.path) : m.path)));
    this._volumes.forEach((v, i) => {
      const field = `perReplicaVolumes[${i}]`;
      const nameRule = checkName(v.name);
      if (nameRule) c.error(path, `${field}.name`, nameRule, v.name);
      if (names.has(v.name)) c.error(path, `${field}.name`, 'must not repeat a volume name', v.name);
      names.add(v.name);
      const pathRule = checkContainerPath(v.path);
      if (pathRule) c.error(path, `${field}.path`, pathRule, v.path);
      else if (normalizeContainerPath(v.path) === '/') c.error(path, `${field}.path`, MOUNT_ROOT_RULE, v.path);
      const normalized = typeof v.path === 'string' ? normalizeContainerPath(v.path) : v.path;
      if (mountPaths.has(normalized)) c.error(path, `${field}.path`, 'must not mount two things at the same path', v.path);
      mountPaths.add(normalized);
      if (!parseMemory(v.sizeText)) c.error(path, `${field}.size`, MEMORY_RULE, v.sizeText);
      c.oneOf(path, `${field}.accessMode`, AccessMode, v.accessMode);
      validateStorageProps(v, c, path, `${field}.`);
    });
    // Both targets: a replica's volume is mounted by one task or pod at a time.
    if (this.givenRollout?.order === RolloutOrder.START_FIRST) {
      c.error(path, 'rollout.order', 'must be STOP_FIRST for a StatefulWorkload: a replica\'s new and old task would share its volume '
        + '(and a StatefulSet cannot start first)', this.givenRollout.order);
    }
  }
}
