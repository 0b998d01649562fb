/**
 * The Pod Security Standards "restricted" profile of Kubernetes 1.27
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
 * control by control, as the pod-security-admission checks read a pod
 * template: the baseline controls plus the restricted ones. Written from
 * the published controls, independent of Conductor's model.
 */

export type Control =
  | 'HostProcess' | 'Host Namespaces' | 'Privileged Containers' | 'Capabilities (baseline)' | 'HostPath Volumes' | 'Host Ports'
  | 'AppArmor' | 'SELinux' | '/proc Mount Type' | 'Seccomp' | 'Sysctls'
  | 'Volume Types' | 'Privilege Escalation' | 'Running as Non-root' | 'Running as Non-root user' | 'Capabilities (restricted)';

export const CONTROLS: readonly Control[] = [
  'HostProcess', 'Host Namespaces', 'Privileged Containers', 'Capabilities (baseline)', 'HostPath Volumes', 'Host Ports',
  'AppArmor', 'SELinux', '/proc Mount Type', 'Seccomp', 'Sysctls',
  'Volume Types', 'Privilege Escalation', 'Running as Non-root', 'Running as Non-root user', 'Capabilities (restricted)',
];

export interface Violation {
  readonly control: Control;
  /** `pod`, or the name of the container that breaks the control. */
  readonly where: string;
  /** Which container list (for container violations), or which volume / key for pod ones. */
  readonly detail?: string;
}

/** Capabilities baseline allows adding (the container runtime's defaults). */
const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range']);
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/';

/** Every violation of "restricted" by a pod template (`{ metadata, spec }`). */
export function restrictedViolations(template: any): Violation[] {
  const spec = template?.spec ?? {};
  const psc = spec.securityContext ?? {};
  const annotations: Record<string, string> = template?.metadata?.annotations ?? {};
  const out: Violation[] = [];
  const add = (control: Control, where: string, detail?: string) => out.push(detail !== undefined ? { control, where, detail } : { control, where });
  const containers: [string, any][] = [
    ...(spec.containers ?? []).map((c: any): [string, any] => ['containers', c]),
    ...(spec.initContainers ?? []).map((c: any): [string, any] => ['initContainers', c]),
    ...(spec.ephemeralContainers ?? []).map((c: any): [string, any] => ['ephemeralContainers', c]),
  ];

  if (psc.windowsOptions?.hostProcess === true) add('HostProcess', 'pod');
  if (spec.hostNetwork === true || spec.hostPID === true || spec.hostIPC === true) add('Host Namespaces', 'pod');
  for (const v of spec.volumes ?? []) {
    if (v.hostPath) add('HostPath Volumes', 'pod', v.name);
    const types = Object.keys(v).filter((k) => k !== 'name');
    if (types.some((t) => !RESTRICTED_VOLUMES.has(t))) add('Volume Types', 'pod', v.name);
  }
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(APPARMOR) && value !== 'runtime/default' && !value.startsWith('localhost/')) add('AppArmor', key.slice(APPARMOR.length), key);
  }
  const seLinuxBad = (o: any) => o && ((o.type !== undefined && !['', 'container_t', 'container_init_t', 'container_kvm_t'].includes(o.type))
    || o.user !== undefined || o.role !== undefined);
  if (seLinuxBad(psc.seLinuxOptions)) add('SELinux', 'pod');
  if ((psc.sysctls ?? []).some((s: any) => !SAFE_SYSCTLS.has(s.name))) add('Sysctls', 'pod');
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp === 'Unconfined') add('Seccomp', 'pod');
  if (psc.runAsUser === 0) add('Running as Non-root user', 'pod');
  // pod-security-admission's runAsNonRoot check: a pod-level `false` is a violation even when every container sets true.
  if (psc.runAsNonRoot === false) add('Running as Non-root', 'pod');

  for (const [list, c] of containers) {
    const sc = c.securityContext ?? {};
    const at = (control: Control) => add(control, c.name, list);
    if (sc.windowsOptions?.hostProcess === true) at('HostProcess');
    if (sc.privileged === true) at('Privileged Containers');
    if ((sc.capabilities?.add ?? []).some((cap: string) => !BASELINE_CAPS.has(cap))) at('Capabilities (baseline)');
    if ((c.ports ?? []).some((p: any) => p.hostPort !== undefined && p.hostPort !== 0)) at('Host Ports');
    if (seLinuxBad(sc.seLinuxOptions)) at('SELinux');
    if (sc.procMount !== undefined && sc.procMount !== 'Default') at('/proc Mount Type');
    // Restricted: the effective profile (the container's, else the pod's) must be RuntimeDefault or Localhost.
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') at('Seccomp');
    if (sc.allowPrivilegeEscalation !== false) at('Privilege Escalation');
    // Non-root: the container's runAsNonRoot, else the pod's, must be true.
    if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) at('Running as Non-root');
    if (sc.runAsUser === 0) at('Running as Non-root user');
    const drop: string[] = sc.capabilities?.drop ?? [];
    const added: string[] = sc.capabilities?.add ?? [];
    if (!drop.includes('ALL') || added.some((cap) => cap !== 'NET_BIND_SERVICE')) at('Capabilities (restricted)');
  }
  return out;
}
