import type { Config } from './config';
import type { Secret } from './secret';
import type { Volume } from './volume';

/** Config files mounted into the container. */
export interface ConfigMount {
  readonly kind: 'config';
  /** A directory holding every file of the config, or (with `file`) the path of that one file. */
  readonly path: string;
  readonly config: Config;
  /** Mount only this file, at `path`. */
  readonly file?: string;
}

/** A secret mounted as a file. */
export interface SecretMount {
  readonly kind: 'secret';
  readonly path: string;
  readonly secret: Secret;
}

/** A persistent volume. */
export interface VolumeMount {
  readonly kind: 'volume';
  readonly path: string;
  readonly volume: Volume;
  readonly readOnly: boolean;
}

/** Scratch space that lives as long as the container (Kubernetes emptyDir, Swarm tmpfs). */
export interface ScratchMount {
  readonly kind: 'scratch';
  readonly path: string;
  /** Kubernetes quantity, e.g. `64Mi`. */
  readonly sizeLimit?: string;
  /** Kubernetes: emptyDir `medium: Memory`; Swarm tmpfs is always memory. */
  readonly inMemory: boolean;
}

/**
 * A file or directory of the node, by explicit opt-in only (a security
 * risk: the container reads, or writes, the host). Kubernetes: a hostPath
 * volume. Swarm: a `type: bind` mount. The path must exist on every node
 * the workload may run on.
 */
export interface HostPathMount {
  readonly kind: 'host';
  readonly path: string;
  /** Absolute path on the node. */
  readonly hostPath: string;
  readonly readOnly: boolean;
}

export type Mount = ConfigMount | SecretMount | VolumeMount | ScratchMount | HostPathMount;

/** A secret's value as an env var (Kubernetes) / `<NAME>_FILE` path (Swarm). */
export interface SecretEnv {
  readonly name: string;
  readonly secret: Secret;
}

/** Default file path of a secret on both targets. */
export function defaultSecretPath(secret: Secret): string {
  // Not a Secret (a JavaScript caller's mistake): the mount reports it.
  return `/run/secrets/${(secret as Secret | undefined)?.name}`;
}

export interface MountConfigOptions {
  /** Mount only this file of the config, at the given path (not a directory). @default - all files, in a directory */
  readonly file?: string;
}

export interface MountSecretOptions {
  /** Absolute file path. @default `/run/secrets/<secret name>` */
  readonly path?: string;
}

export interface MountVolumeOptions {
  /**
   * Mount the volume read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

export interface HostPathOptions {
  /**
   * Must be `true`: an explicit acknowledgement that the container gets
   * access to the node's filesystem. Reported as a security risk by synth.
   */
  readonly allowHostAccess: true;
  /**
   * Mount the host path read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

export interface ScratchOptions {
  /** Size ceiling, e.g. `64Mi`. @default - none (Kubernetes), half the node's memory (Swarm tmpfs) */
  readonly sizeLimit?: string;
  /** Kubernetes: back the emptyDir with memory, like Swarm's tmpfs. @default false */
  readonly inMemory?: boolean;
}
