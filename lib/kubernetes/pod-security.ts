/**
 * The Pod Security Standards "restricted" profile (Kubernetes 1.27,
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/) read
 * on a rendered pod template: each control a field breaks, named by its
 * path in the object (`spec.template.spec.containers[main].securityContext.privileged`).
 * lib/kubernetes/hatch-risks.ts reports the ones the escape hatches made.
 */

/** One control broken: the field that breaks it (path in the object) and what it exposes. */
export interface PodViolation {
  readonly field: string;
  readonly message: string;
}

type Json = Record<string, any>;

// Baseline "Volume Types" (restricted): only these volume sources.
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
// Baseline "Sysctls": only the namespaced, safe set.
const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range']);
// Baseline "SELinux": only these types, and no user or role.
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_OK = new Set(['RuntimeDefault', 'Localhost']);

/** Every violation of "restricted" in `template` (`{ metadata, spec }`), its fields under `prefix` (e.g. `spec.template`). */
export function podSecurityViolations(template: Json | undefined, prefix: string): PodViolation[] {
  const out: PodViolation[] = [];
  const add = (field: string, message: string) => {
    if (!out.some((v) => v.field === field)) out.push({ field, message });
  };
  const spec: Json = template?.spec ?? {};
  const psc: Json = spec.securityContext ?? {};
  const pod = `${prefix}.spec`;
  // Baseline "Host Namespaces": the node's network stack, process table, IPC.
  for (const [key, what] of [['hostNetwork', 'network stack'], ['hostPID', 'process table'], ['hostIPC', 'IPC namespace']]) {
    if (spec[key] === true) add(`${pod}.${key}`, `shares the node's ${what} (${key}: true)`);
  }
  // Baseline "HostProcess": a Windows host process is the node.
  if (psc.windowsOptions?.hostProcess === true) add(`${pod}.securityContext.windowsOptions.hostProcess`, 'runs as a Windows host process');
  for (const v of spec.volumes ?? []) {
    // Baseline "HostPath Volumes"; restricted "Volume Types".
    if (v.hostPath) {
      add(`${pod}.volumes[${v.name}].hostPath`, `mounts the node's ${v.hostPath.path}: a container escape or a bug there reaches the host`);
    }
    else if (Object.keys(v).some((k) => k !== 'name' && !RESTRICTED_VOLUMES.has(k))) {
      add(`${pod}.volumes[${v.name}]`, `uses a volume type "restricted" forbids (${Object.keys(v).filter((k) => k !== 'name').join(', ')})`);
    }
  }
  for (const s of psc.sysctls ?? []) {
    if (!SAFE_SYSCTLS.has(s.name)) add(`${pod}.securityContext.sysctls[${s.name}]`, `sets the kernel parameter ${s.name}`);
  }
  for (const [key, value] of Object.entries<string>(template?.metadata?.annotations ?? {})) {
    // Baseline "AppArmor": only runtime/default or a localhost profile.
    if (key.startsWith(APPARMOR) && value !== 'runtime/default' && !String(value).startsWith('localhost/')) {
      add(`${prefix}.metadata.annotations[${key}]`, `container ${key.slice(APPARMOR.length)} runs with AppArmor ${JSON.stringify(value)}`);
    }
  }
  seLinux(psc.seLinuxOptions, `${pod}.securityContext`, add);
  // Restricted "Running as Non-root user" and "Seccomp" at pod level.
  if (psc.runAsUser === 0) add(`${pod}.securityContext.runAsUser`, 'runs as root (runAsUser 0) for every container of the pod');
  if (psc.runAsNonRoot === false) add(`${pod}.securityContext.runAsNonRoot`, 'lets every container run as root (runAsNonRoot false)');
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp !== undefined && !SECCOMP_OK.has(podSeccomp)) {
    add(`${pod}.securityContext.seccompProfile`, `runs without the runtime's seccomp filter (${podSeccomp})`);
  }
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of spec[list] ?? []) container(c, psc, `${pod}.${list}[${c.name}]`, add);
  }
  return out;
}

type Add = (field: string, message: string) => void;

function container(c: Json, psc: Json, at: string, add: Add): void {
  const sc: Json = c.securityContext ?? {};
  const f = `${at}.securityContext`;
  // Baseline "Privileged Containers": every capability and every device of the node.
  if (sc.privileged === true) add(`${f}.privileged`, `container ${c.name} runs privileged: every capability and every device of the node`);
  if (sc.windowsOptions?.hostProcess === true) add(`${f}.windowsOptions.hostProcess`, `container ${c.name} runs as a Windows host process`);
  // Restricted "Privilege Escalation": must be false.
  if (sc.allowPrivilegeEscalation !== false) {
    add(`${f}.allowPrivilegeEscalation`, `container ${c.name} may gain privileges (allowPrivilegeEscalation is not false)`);
  }
  // Restricted "Running as Non-root": true on the container, or on the pod and not false on the container
  // (a pod-level false is reported above).
  if (sc.runAsNonRoot === false || (sc.runAsNonRoot === undefined && psc.runAsNonRoot === undefined)) {
    add(`${f}.runAsNonRoot`, `container ${c.name} may run as root (runAsNonRoot is not true)`);
  }
  if (sc.runAsUser === 0) add(`${f}.runAsUser`, `container ${c.name} runs as root (runAsUser 0)`);
  // Restricted "Capabilities": drop ALL, add at most NET_BIND_SERVICE.
  if (!(sc.capabilities?.drop ?? []).includes('ALL')) add(`${f}.capabilities.drop`, `container ${c.name} keeps the runtime's default capabilities`);
  const more = (sc.capabilities?.add ?? []).filter((x: string) => x !== 'NET_BIND_SERVICE');
  if (more.length) add(`${f}.capabilities.add`, `container ${c.name} gets capabilities back: ${more.join(', ')}`);
  // Restricted "Seccomp": RuntimeDefault or Localhost, on the container or inherited from the pod.
  const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
  if (sc.seccompProfile?.type !== undefined ? !SECCOMP_OK.has(seccomp) : seccomp === undefined) {
    add(`${f}.seccompProfile`, `container ${c.name} runs without the runtime's seccomp filter (${seccomp ?? 'none set'})`);
  }
  // Baseline "/proc Mount Type": the default masks part of /proc.
  if (sc.procMount !== undefined && sc.procMount !== 'Default') add(`${f}.procMount`, `container ${c.name} sees the node's unmasked /proc`);
  seLinux(sc.seLinuxOptions, f, add);
  // Baseline "Host Ports": a port of the node itself, outside network policies.
  (c.ports ?? []).forEach((p: Json, i: number) => {
    if (p.hostPort) add(`${at}.ports[${p.name ?? i}].hostPort`, `container ${c.name} listens on port ${p.hostPort} of the node itself`);
  });
}

function seLinux(o: Json | undefined, at: string, add: Add): void {
  if (!o) return;
  if ((o.type !== undefined && !SELINUX_TYPES.has(o.type)) || o.user !== undefined || o.role !== undefined) {
    add(`${at}.seLinuxOptions`, `runs with SELinux options "baseline" forbids (${JSON.stringify(o)})`);
  }
}
