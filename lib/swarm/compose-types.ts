/**
 * The part of the Compose file format (v3.13, as `docker stack deploy` reads
 * it) that Conductor writes. Field names are the file's own.
 */

export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, ComposeNetwork>;
  volumes?: Record<string, ComposeVolume>;
  configs?: Record<string, ComposeFileObject>;
  secrets?: Record<string, ComposeFileObject>;
}

export interface ComposeService {
  image: string;
  entrypoint?: string[];
  command?: string[];
  working_dir?: string;
  user?: string;
  read_only?: boolean;
  cap_add?: string[];
  cap_drop?: string[];
  environment?: Record<string, string>;
  ports?: ComposePort[];
  configs?: ComposeFileMount[];
  secrets?: ComposeFileMount[];
  volumes?: ComposeMount[];
  healthcheck?: ComposeHealthcheck;
  labels?: Record<string, string>;
  networks?: string[] | Record<string, { aliases?: string[] } | null>;
  stop_grace_period?: string;
  stop_signal?: string;
  deploy: ComposeDeploy;
  [extension: string]: unknown;
}

export interface ComposePort {
  target: number;
  published?: number;
  protocol: 'tcp' | 'udp';
  mode: 'ingress' | 'host';
}

export interface ComposeFileMount {
  source: string;
  target: string;
  mode?: number;
  uid?: string;
  gid?: string;
}

export interface ComposeMount {
  type: 'volume' | 'tmpfs' | 'bind';
  source?: string;
  target: string;
  read_only?: boolean;
  tmpfs?: { size?: number };
}

export interface ComposeHealthcheck {
  test: string[];
  interval: string;
  timeout: string;
  retries: number;
  start_period?: string;
}

export interface ComposeUpdateConfig {
  parallelism: number;
  delay: string;
  failure_action: 'continue' | 'rollback' | 'pause';
  monitor: string;
  order: 'start-first' | 'stop-first';
}

export interface ComposeDeploy {
  mode: 'replicated' | 'global' | 'replicated-job' | 'global-job';
  replicas?: number;
  labels?: Record<string, string>;
  resources?: {
    limits?: { cpus?: string; memory?: string };
    reservations?: { cpus?: string; memory?: string };
  };
  update_config?: ComposeUpdateConfig;
  rollback_config?: Omit<ComposeUpdateConfig, 'failure_action'> & { failure_action: 'continue' | 'pause' };
  restart_policy?: { condition?: 'none' | 'on-failure' | 'any'; delay?: string; max_attempts?: number; window?: string };
  placement?: { constraints?: string[]; preferences?: { spread: string }[]; max_replicas_per_node?: number };
  endpoint_mode?: 'vip' | 'dnsrr';
}

export interface ComposeNetwork {
  driver?: string;
  attachable?: boolean;
  internal?: boolean;
  name?: string;
  external?: boolean;
}

export interface ComposeVolume {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
}

export interface ComposeFileObject {
  file?: string;
  external?: boolean;
  name?: string;
  labels?: Record<string, string>;
}
