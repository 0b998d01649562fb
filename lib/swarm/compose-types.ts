/**
 * The part of the Compose file format (v3.13, as `docker stack deploy` reads
 * it) that Conductor writes. Field names are the file's own; each default is
 * what Swarm does when the key is not written.
 */

import type { ComposeDeploy } from './compose-deploy-types';

export type { ComposeDeploy, ComposeUpdateConfig } from './compose-deploy-types';

/** A stack file. */
export interface ComposeFile {
  /** The services, by key (`<stack>_<key>` on Swarm). */
  services: Record<string, ComposeService>;
  /**
   * Networks, by key.
   * @default - none: the stack's `default` network only
   */
  networks?: Record<string, ComposeNetwork>;
  /**
   * Named volumes, by key.
   * @default - none
   */
  volumes?: Record<string, ComposeVolume>;
  /**
   * Swarm configs, by key.
   * @default - none
   */
  configs?: Record<string, ComposeFileObject>;
  /**
   * Swarm secrets, by key.
   * @default - none
   */
  secrets?: Record<string, ComposeFileObject>;
}

/** A service of a stack file. */
export interface ComposeService {
  /** Image reference. */
  image: string;
  /**
   * Replaces the image's ENTRYPOINT.
   * @default - the image's
   */
  entrypoint?: string[];
  /**
   * Replaces the image's CMD.
   * @default - the image's
   */
  command?: string[];
  /**
   * Working directory.
   * @default - the image's
   */
  working_dir?: string;
  /**
   * `uid:gid` (numeric, a string).
   * @default - the image's user
   */
  user?: string;
  /**
   * Read-only root filesystem.
   * @default false
   */
  read_only?: boolean;
  /**
   * Capabilities added.
   * @default - none
   */
  cap_add?: string[];
  /**
   * Capabilities dropped.
   * @default - none: Docker's default set
   */
  cap_drop?: string[];
  /**
   * Environment variables.
   * @default - the image's only
   */
  environment?: Record<string, string>;
  /**
   * Published ports (long syntax).
   * @default - none
   */
  ports?: ComposePort[];
  /**
   * Configs mounted as files.
   * @default - none
   */
  configs?: ComposeFileMount[];
  /**
   * Secrets mounted as files.
   * @default - none
   */
  secrets?: ComposeFileMount[];
  /**
   * Volume, tmpfs and bind mounts (long syntax).
   * @default - none
   */
  volumes?: ComposeMount[];
  /**
   * Health check.
   * @default - the image's HEALTHCHECK, if any
   */
  healthcheck?: ComposeHealthcheck;
  /**
   * Container labels.
   * @default - none
   */
  labels?: Record<string, string>;
  /**
   * Networks the service joins, with optional aliases.
   * @default - the stack's `default` network
   */
  networks?: string[] | Record<string, {
    /**
     * Other names of the service on that network.
     * @default - none
     */
    aliases?: string[];
  } | null>;
  /**
   * Time between the stop signal and SIGKILL.
   * @default '10s'
   */
  stop_grace_period?: string;
  /**
   * Signal that stops the container.
   * @default - the image's STOPSIGNAL, else SIGTERM
   */
  stop_signal?: string;
  /** Swarm deployment: mode, replicas, resources, updates, restarts, placement. */
  deploy: ComposeDeploy;
  [extension: string]: unknown;
}

/** A published port (long syntax). */
export interface ComposePort {
  /** Container port. */
  target: number;
  /**
   * Port published on the nodes.
   * @default - Swarm picks one
   */
  published?: number;
  /** Transport protocol. */
  protocol: 'tcp' | 'udp';
  /** `ingress` (routing mesh, every node) or `host` (the node running the task). */
  mode: 'ingress' | 'host';
}

/** A config or secret mounted as a file. */
export interface ComposeFileMount {
  /** Key of the config or secret at the top of the file. */
  source: string;
  /** Path of the file in the container. */
  target: string;
  /**
   * File mode (octal in YAML).
   * @default 0o444
   */
  mode?: number;
  /**
   * Owner user id.
   * @default '0'
   */
  uid?: string;
  /**
   * Owner group id.
   * @default '0'
   */
  gid?: string;
}

/** A mount (long syntax). */
export interface ComposeMount {
  /** Kind of mount. */
  type: 'volume' | 'tmpfs' | 'bind';
  /**
   * Volume key or host path.
   * @default - an anonymous volume (type volume); nothing (type tmpfs)
   */
  source?: string;
  /** Path in the container. */
  target: string;
  /**
   * Mount read-only.
   * @default false
   */
  read_only?: boolean;
  /**
   * tmpfs options.
   * @default - no size limit
   */
  tmpfs?: {
    /**
     * Size limit in bytes.
     * @default - no limit
     */
    size?: number;
  };
}

/** A health check. */
export interface ComposeHealthcheck {
  /** The check: `["CMD", ...]` or `["CMD-SHELL", "..."]`. */
  test: string[];
  /** Time between checks. */
  interval: string;
  /** Time a check may take. */
  timeout: string;
  /** Failed checks in a row that make the task unhealthy. */
  retries: number;
  /**
   * Time after start during which failures do not count.
   * @default '0s'
   */
  start_period?: string;
}

/** A network at the top of the file. */
export interface ComposeNetwork {
  /**
   * Network driver.
   * @default 'overlay'
   */
  driver?: string;
  /**
   * Standalone containers may join it.
   * @default false
   */
  attachable?: boolean;
  /**
   * No route outside the network.
   * @default false
   */
  internal?: boolean;
  /**
   * Name on the engine.
   * @default - `<stack>_<key>`
   */
  name?: string;
  /**
   * Exists already; not created by the stack.
   * @default false
   */
  external?: boolean;
}

/** A named volume at the top of the file. */
export interface ComposeVolume {
  /**
   * Name on the node.
   * @default - `<stack>_<key>`
   */
  name?: string;
  /**
   * Volume driver.
   * @default 'local'
   */
  driver?: string;
  /**
   * Driver options.
   * @default - none
   */
  driver_opts?: Record<string, string>;
  /**
   * Exists already; not created by the stack.
   * @default false
   */
  external?: boolean;
}

/** A config or secret at the top of the file. */
export interface ComposeFileObject {
  /**
   * File with the content, relative to the stack file.
   * @default - none (needed unless external)
   */
  file?: string;
  /**
   * Exists already; not created by the stack.
   * @default false
   */
  external?: boolean;
  /**
   * Name on the engine.
   * @default - `<stack>_<key>`
   */
  name?: string;
  /**
   * Labels of the config or secret on the engine (Conductor's mark the ones it creates,
   * so that `conductor deploy` prunes only those).
   * @default - none
   */
  labels?: Record<string, string>;
}
