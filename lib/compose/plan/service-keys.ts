/**
 * Service keys that have no form in the model, with the reason. Every
 * other service key of the v3.13 schema is mapped (docs/compose-import.md
 * has the whole table; a test checks that the two agree).
 */
export const DROPPED_SERVICE_KEYS: Readonly<Record<string, string>> = {
  build: 'Conductor deploys images: build and push the image in CI and set image: (docker stack deploy ignores build: too)',
  cgroupns_mode: 'docker stack deploy ignores it; Kubernetes has no form for it',
  cgroup_parent: 'docker stack deploy ignores it; Kubernetes has no form for it',
  container_name: 'Swarm and Kubernetes name containers themselves (docker stack deploy ignores it)',
  credential_spec: 'a Windows container setting; Conductor targets Linux containers',
  depends_on: 'neither Swarm nor Kubernetes orders start-up: make the service retry its dependencies ' +
    '(a health check keeps it out of rotation meanwhile)',
  devices: 'docker stack deploy ignores it; Kubernetes needs a device plugin',
  dns: 'not in the model (Kubernetes: pod dnsConfig); both targets resolve service names through their own DNS',
  dns_search: 'not in the model (Kubernetes: pod dnsConfig)',
  domainname: 'docker stack deploy ignores it',
  external_links: 'docker stack deploy ignores it; services of a stack reach each other by name',
  extra_hosts: 'not in the model (Kubernetes: hostAliases); add the names to DNS, or use Swarm.override / Kubernetes.addJsonPatch',
  hostname: 'not in the model: containers get the orchestrator\'s host name (use Swarm.override if the process needs a fixed one)',
  init: 'not in the model: run an init (tini) in the image',
  ipc: 'docker stack deploy ignores it',
  isolation: 'a Windows container setting',
  links: 'docker stack deploy ignores it; services of a stack reach each other by name',
  logging: 'not in the model: both targets log to their node\'s default driver (Kubernetes collects logs at the node)',
  mac_address: 'docker stack deploy ignores it',
  network_mode: 'docker stack deploy ignores it; Conductor attaches services to stack networks',
  oom_score_adj: 'not in the model',
  pid: 'docker stack deploy ignores it',
  privileged: 'docker stack deploy ignores it, and Conductor never runs privileged containers: add only the capabilities needed (cap_add)',
  security_opt: 'docker stack deploy ignores it; Conductor\'s own defaults apply (Kubernetes: no privilege escalation, seccomp RuntimeDefault)',
  shm_size: 'docker stack deploy ignores it (on Kubernetes, mount scratch space with inMemory at /dev/shm)',
  stdin_open: 'not in the model: orchestrated services have no terminal',
  sysctls: 'not in the model (Kubernetes allows only a few safe sysctls per pod)',
  tty: 'not in the model: orchestrated services have no terminal',
  ulimits: 'not in the model: set limits in the image or the node\'s container runtime',
  userns_mode: 'docker stack deploy ignores it',
};

/** Service keys mapped to the model. */
export const MAPPED_SERVICE_KEYS = [
  'image', 'entrypoint', 'command', 'working_dir', 'environment', 'env_file', 'ports', 'expose', 'healthcheck', 'user',
  'read_only', 'cap_add', 'cap_drop', 'labels', 'volumes', 'tmpfs', 'secrets', 'configs', 'networks', 'stop_grace_period',
  'stop_signal', 'restart', 'deploy',
] as const;
