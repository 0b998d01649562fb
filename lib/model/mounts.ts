import { Config } from './config';
import { checkContainerPath, MOUNT_ROOT_RULE, normalizeContainerPath } from './names';
import { ProblemCollector } from './problems';
import { MEBIBYTE, MEMORY_RULE, parseMemory } from './quantity';
import type { CheckReference } from './references';
import { Secret } from './secret';
import { Volume } from './volume';

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

/** The mounts of a workload's main container: paths, references and options. */
export function validateMounts(mounts: readonly Mount[], c: ProblemCollector, path: string, checkReference: CheckReference): void {
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    const field = `mounts[${i}]`;
    const rule = checkContainerPath(m.path);
    if (rule) c.error(path, `${field}.path`, rule, m.path);
    else if (normalizeContainerPath(m.path) === '/') c.error(path, `${field}.path`, MOUNT_ROOT_RULE, m.path);
    const normalized = typeof m.path === 'string' ? normalizeContainerPath(m.path) : m.path;
    if (paths.has(normalized)) c.error(path, `${field}.path`, 'must not mount two things at the same path', m.path);
    paths.add(normalized);
    switch (m.kind) {
      case 'config':
        if (!checkReference(`${field}.config`, m.config, Config)) break;
        if (m.file !== undefined && !(m.file in m.config.files)) c.error(
          path,
          `${field}.file`,
          `must be a file of config ${m.config.name} (${m.config.fileNames.join(', ') || 'it has none'})`,
          m.file,
        );
        if (m.file === undefined && m.config.fileNames.length === 0) c.error(
          path,
          `${field}.config`,
          'the config has no files to mount',
          m.config.node.path,
        );
        break;
      case 'secret':
        checkReference(`${field}.secret`, m.secret, Secret);
        break;
      case 'volume':
        checkReference(`${field}.volume`, m.volume, Volume);
        if (typeof m.readOnly !== 'boolean') c.error(path, `${field}.readOnly`, 'must be true or false', m.readOnly);
        break;
      case 'scratch':
        if (typeof m.inMemory !== 'boolean') c.error(path, `${field}.inMemory`, 'must be true or false', m.inMemory);
        if (m.sizeLimit !== undefined) {
          const size = parseMemory(m.sizeLimit);
          if (!size) c.error(path, `${field}.sizeLimit`, MEMORY_RULE, m.sizeLimit);
          // Not a target's bound but the renderer's: cdk8s-plus-27 takes an emptyDir sizeLimit as a Size in mebibytes.
          else if (size.bytes % MEBIBYTE !== 0) c.error(
            path,
            `${field}.sizeLimit`,
            'must be a whole number of mebibytes (e.g. "64Mi")',
            m.sizeLimit,
          );
        }
        break;
    }
  });
  // On Swarm a config mounted as a directory is one mount per file, at <path>/<file>: those
  // targets must not be the path of another mount either (swarmkit and the engine refuse it).
  const targets = new Map<string, { expanded: boolean; base: string }>();
  mounts.forEach((m, i) => {
    if (typeof m.path !== 'string' || checkContainerPath(m.path)) return;
    const base = normalizeContainerPath(m.path);
    const files = m.kind === 'config' && m.file === undefined && m.config instanceof Config ? m.config.fileNames : undefined;
    for (const [t, file] of files ? files.map((f) => [normalizeContainerPath(`${base}/${f}`), f] as const) : [[base, undefined] as const]) {
      const other = targets.get(t);
      // The same path twice is reported above.
      if (other && other.base !== base && (other.expanded || file !== undefined)) {
        c.error(
          path,
          `mounts[${i}].path`,
          `must not mount two things at the same path: on Swarm each file of a config mounted as a directory is a mount of its own, and ${t} is ` +
            `taken twice`,
          m.path,
        );
      }
      targets.set(t, { expanded: file !== undefined, base });
    }
  });
}

/**
 * Host path mounts: an explicit opt-in each, reported as a security risk.
 * `hostAccess` holds the `allowHostAccess` of each host path mount, in order.
 */
export function validateHostPaths(mounts: readonly Mount[], hostAccess: readonly unknown[], c: ProblemCollector, path: string): void {
  let k = 0;
  mounts.forEach((m, i) => {
    if (m.kind !== 'host') return;
    const field = `mounts[${i}]`;
    const access = hostAccess[k++];
    if (access !== true) {
      c.error(
        path,
        `${field}.allowHostAccess`,
        'must be true: a host path mount gives the container access to the node\'s filesystem, so it needs an explicit opt-in',
        access,
      );
    }
    const rule = checkContainerPath(m.hostPath);
    if (rule) c.error(path, `${field}.hostPath`, rule, m.hostPath);
    else if (normalizeContainerPath(m.hostPath) === '/') c.error(
      path,
      `${field}.hostPath`,
      'must not be "/" (the node\'s whole filesystem)',
      m.hostPath,
    );
    if (typeof m.readOnly !== 'boolean') c.error(path, `${field}.readOnly`, 'must be true or false', m.readOnly);
  });
}
