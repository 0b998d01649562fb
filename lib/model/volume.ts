import { Construct } from 'constructs';
import { MemoryAmount, MEMORY_RULE, parseMemory } from './quantity';
import { ProblemCollector } from './problems';
import { Resource } from './resource';

/** How many nodes may mount a persistent volume, and how. */
export enum AccessMode {
  /** One node reads and writes. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Many nodes read and write (needs a storage class / driver that can). */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Many nodes read. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** One pod reads and writes. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

export interface VolumeProps {
  /**
   * Requested capacity, a Kubernetes quantity such as `10Gi`. Swarm's local
   * driver does not enforce a size.
   * @default '1Gi'
   */
  readonly size?: string;

  /**
   * Kubernetes storage class.
   * @default - the cluster's default storage class
   */
  readonly storageClass?: string;

  /**
   * Kubernetes access mode.
   * @default AccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: AccessMode;

  /**
   * Swarm volume driver.
   * @default - the engine's default (`local`)
   */
  readonly driver?: string;

  /**
   * Swarm volume driver options.
   * @default - none
   */
  readonly driverOptions?: { readonly [key: string]: string };

  /**
   * Swarm: every node sees the same data through this driver, so several
   * replicas or workloads may mount the volume (docs/runtime-checks.md).
   * Set it for a driver Conductor cannot see into, or a Swarm of one node;
   * `false` says the data is per node.
   * @default - true for a driver other than `local`, or the local driver with
   * driverOptions `type` nfs, nfs4 or cifs; false otherwise
   */
  readonly sharedDriver?: boolean;
}

/**
 * Persistent storage that outlives workload updates.
 *
 * Kubernetes: a PersistentVolumeClaim named after the volume. Swarm: a
 * top-level named volume (driver and options as given).
 */
export class Volume extends Resource {
  public readonly sizeText: string;
  public readonly storageClass?: string;
  public readonly accessMode: AccessMode;
  public readonly driver?: string;
  public readonly driverOptions: { readonly [key: string]: string };
  /** As given; undefined: inferred from the driver (lib/swarm/checks/shared-volumes.ts). */
  public readonly sharedDriver?: boolean;

  constructor(scope: Construct, id: string, props: VolumeProps = {}) {
    super(scope, id);
    this.sizeText = props.size ?? '1Gi';
    this.storageClass = props.storageClass;
    this.accessMode = props.accessMode ?? AccessMode.READ_WRITE_ONCE;
    this.driver = props.driver;
    this.driverOptions = { ...(props.driverOptions ?? {}) };
    this.sharedDriver = props.sharedDriver;
  }

  /** The parsed size. Valid only after validation passed. */
  public get size(): MemoryAmount {
    return parseMemory(this.sizeText)!;
  }

  protected validateProps(c: ProblemCollector): void {
    const path = this.node.path;
    const size = parseMemory(this.sizeText);
    if (!size) c.error(path, 'size', MEMORY_RULE, this.sizeText);
    c.oneOf(path, 'accessMode', AccessMode, this.accessMode);
    validateStorageProps(this, c, path, '');
    if (this.sharedDriver !== undefined && typeof this.sharedDriver !== 'boolean') {
      c.error(path, 'sharedDriver', 'must be true or false', this.sharedDriver);
    }
  }
}

/** Storage class and Swarm driver, of a Volume or a per-replica volume (`prefix` is the field prefix). */
export function validateStorageProps(v: {
  storageClass?: unknown;
  driver?: unknown;
  driverOptions?: { readonly [k: string]: unknown };
}, c: ProblemCollector, path: string, prefix: string): void {
  if (v.storageClass !== undefined && (typeof v.storageClass !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v.storageClass))) {
    c.error(path, `${prefix}storageClass`, 'must be a DNS subdomain name', v.storageClass);
  }
  if (v.driver !== undefined && (typeof v.driver !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/.test(v.driver))) {
    c.error(path, `${prefix}driver`, 'must be a volume driver name', v.driver);
  }
  for (const [k, value] of Object.entries(v.driverOptions ?? {})) {
    if (k === '' || typeof value !== 'string') c.error(
      path,
      `${prefix}driverOptions[${JSON.stringify(k)}]`,
      'must be a non-empty option name with a string value',
      value,
    );
  }
}
