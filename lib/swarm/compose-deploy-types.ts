/**
 * The `deploy` section of a Compose service (v3.13, as `docker stack deploy`
 * reads it) that Conductor writes: one part of lib/swarm/compose-types.ts.
 */

/** How Swarm updates (or rolls back) a service. */
export interface ComposeUpdateConfig {
  /** Tasks updated at a time. */
  parallelism: number;
  /** Wait between batches. */
  delay: string;
  /** What a failed update does. */
  failure_action: 'continue' | 'rollback' | 'pause';
  /** How long a new task is watched for failure. */
  monitor: string;
  /** Stop the old task first, or start the new one first. */
  order: 'start-first' | 'stop-first';
}

/** The `deploy` section of a service. */
export interface ComposeDeploy {
  /** Replicated or global, a service or a job. */
  mode: 'replicated' | 'global' | 'replicated-job' | 'global-job';
  /**
   * Tasks of a replicated service; completions of a replicated job.
   * @default 1
   */
  replicas?: number;
  /**
   * Service labels.
   * @default - none
   */
  labels?: Record<string, string>;
  /**
   * CPU and memory limits and reservations.
   * @default - none
   */
  resources?: {
    /**
     * Limits.
     * @default - none
     */
    limits?: {
      /**
       * CPUs, e.g. `"0.5"`.
       * @default - no limit
       */
      cpus?: string;
      /**
       * Memory, e.g. `"256M"`.
       * @default - no limit
       */
      memory?: string;
    };
    /**
     * Reservations.
     * @default - none
     */
    reservations?: {
      /**
       * CPUs, e.g. `"0.25"`.
       * @default - none
       */
      cpus?: string;
      /**
       * Memory, e.g. `"128M"`.
       * @default - none
       */
      memory?: string;
    };
  };
  /**
   * Rolling updates.
   * @default - Swarm's: one task at a time, no delay, pause on failure, stop-first
   */
  update_config?: ComposeUpdateConfig;
  /**
   * Rollbacks, like update_config.
   * @default - Swarm's, as for updates
   */
  rollback_config?: Omit<ComposeUpdateConfig, 'failure_action'> & {
    /** What a failed rollback does. */
    failure_action: 'continue' | 'pause';
  };
  /**
   * When Swarm restarts a task.
   * @default - always, after 5s, without limit
   */
  restart_policy?: {
    /**
     * On which exit.
     * @default 'any'
     */
    condition?: 'none' | 'on-failure' | 'any';
    /**
     * Wait between restarts.
     * @default '5s'
     */
    delay?: string;
    /**
     * Restarts before giving up.
     * @default - no limit
     */
    max_attempts?: number;
    /**
     * Window in which a restart counts as failed.
     * @default - immediately
     */
    window?: string;
  };
  /**
   * Which nodes run the tasks.
   * @default - any node
   */
  placement?: {
    /**
     * Node constraints, e.g. `node.role == worker`.
     * @default - none
     */
    constraints?: string[];
    /**
     * Spread preferences.
     * @default - none
     */
    preferences?: {
      /** Node label (or attribute) to spread the tasks over. */
      spread: string;
    }[];
    /**
     * Most tasks per node.
     * @default - no limit
     */
    max_replicas_per_node?: number;
  };
  /**
   * How clients reach the service: a virtual IP, or DNS round robin.
   * @default 'vip'
   */
  endpoint_mode?: 'vip' | 'dnsrr';
}
