import { HostPathMount } from './mounts';
import { Exposure, PortProps, PublishMode } from './ports';
import { SecurityProps } from './security';

/**
 * Every way an app can relax a secure default, in one list: synth prints
 * each one it finds as `SECURITY RISK` (lib/synth/app.ts), and `<stack>.md`
 * lists the same messages under "Security risks" (lib/synth/graph.ts).
 *
 * The list covers every Pod Security Standards "restricted" control (1.27)
 * that a Conductor setting can break, and the departures from the secure
 * defaults that "restricted" tolerates but that still widen what a
 * compromised container can do (a writable root filesystem, an added
 * NET_BIND_SERVICE). Controls no Conductor setting reaches (hostNetwork,
 * hostPID, hostIPC, privileged, SELinux, procMount, sysctls, volume types
 * other than hostPath) have no entry. The escape hatches (`Swarm.override`,
 * `Kubernetes.customize`, `Kubernetes.addJsonPatch`) are outside the model:
 * each target reads what it rendered for what they relaxed beyond this list
 * (lib/swarm/override-risks.ts: the service before and after the override;
 * lib/kubernetes/hatch-risks.ts: the pod templates as written against
 * "restricted", less what the stack without escape hatches already breaks)
 * and synth prints and lists those the same way (field
 * `Swarm.override.<key>` or `Kubernetes escape hatch: <path>`).
 * test/guarantees/pod-security.test.ts derives the cases from those controls.
 */

/** The settings of one workload that the list reads, as given by the app. */
export interface RiskInput {
  readonly security?: SecurityProps;
  readonly sidecars?: readonly { readonly name: string; readonly security?: SecurityProps }[];
  readonly initContainers?: readonly { readonly name: string; readonly security?: SecurityProps }[];
  readonly ports?: readonly PortProps[];
  /** Host path mounts with their index among all mounts. */
  readonly hostMounts?: readonly { readonly index: number; readonly mount: HostPathMount }[];
  readonly annotations?: { readonly [key: string]: string };
}

/** One relaxation found: the field that set it and what it exposes. */
export interface FoundRisk {
  readonly field: string;
  readonly message: string;
}

/** A container's security settings as given: each relaxation of the defaults, with its field. */
const CONTAINER_RELAXATIONS: readonly ((s: SecurityProps, who: string) => [string, string] | undefined)[] = [
  // PSS restricted "Running as Non-root" / "Running as Non-root user": runAsUser 0 is root.
  (s, who) => (s.user === 0 ? ['user', `${who} runs as root (user 0): a container escape starts as root on the node`] : undefined),
  // The same controls: with the image's user, Kubernetes cannot check runAsNonRoot (the image may say root).
  (s, who) => (s.user === 'image'
    ? ['user', `${who} runs as the image's user, which may be root (Kubernetes cannot enforce runAsNonRoot): set the numeric uid the image needs`]
    : undefined),
  // PSS restricted "Privilege Escalation": allowPrivilegeEscalation must be false.
  (s, who) => (s.allowPrivilegeEscalation === true
    ? ['allowPrivilegeEscalation', `${who} may gain privileges (setuid binaries, file capabilities); Swarm stack files cannot forbid it anyway`]
    : undefined),
  // PSS restricted "Capabilities": only NET_BIND_SERVICE may be added; baseline forbids most others.
  (s, who) => (Array.isArray(s.addCapabilities) && s.addCapabilities.length > 0
    ? ['addCapabilities', `${who} gets capabilities back: ${[...s.addCapabilities].sort().join(', ')}`]
    : undefined),
  // PSS restricted "Capabilities": drop must include ALL.
  (s, who) => (Array.isArray(s.dropCapabilities) && !s.dropCapabilities.includes('ALL')
    ? ['dropCapabilities', `${who} keeps the runtime's default capabilities (${dropped(s.dropCapabilities)}), not ALL dropped`]
    : undefined),
  // PSS baseline and restricted "Seccomp": Unconfined is forbidden.
  (s, who) => (s.seccompProfile === 'Unconfined'
    ? ['seccompProfile', `${who} runs without a seccomp filter on Kubernetes (every system call allowed)`]
    : undefined),
  // Not a PSS control, but a departure from the defaults: whoever runs code in the container can change its files.
  (s, who) => (s.readOnlyRootFilesystem === false
    ? ['readOnlyRootFilesystem', `${who} can write its root filesystem: an intruder can change the image's programs until the container restarts`]
    : undefined),
];

const dropped = (caps: readonly string[]) => (caps.length ? `drops only ${[...caps].sort().join(', ')}` : 'drops none');

/** AppArmor per container on Kubernetes 1.27: PSS baseline allows only runtime/default and localhost/<profile>. */
const APPARMOR_ANNOTATION = /^container\.apparmor\.security\.beta\.kubernetes\.io\/(.+)$/;

/** Every security relaxation of one workload, in a stable order. */
export function securityRisks(w: RiskInput): FoundRisk[] {
  const found: FoundRisk[] = [];
  const containers: [string, string, SecurityProps | undefined][] = [
    ['security', 'the main container', w.security],
    ...(w.sidecars ?? []).map((h, i): [string, string, SecurityProps | undefined] => [`sidecars[${i}].security`, `sidecar ${h.name}`, h.security]),
    ...(w.initContainers ?? []).map((h, i): [string, string, SecurityProps | undefined] =>
      [`initContainers[${i}].security`, `init container ${h.name}`, h.security]),
  ];
  for (const [prefix, who, s] of containers) {
    if (!s || typeof s !== 'object') continue;
    for (const relaxation of CONTAINER_RELAXATIONS) {
      const r = relaxation(s, who);
      if (r) found.push({ field: `${prefix}.${r[0]}`, message: r[1] });
    }
  }
  (w.ports ?? []).forEach((p, i) => {
    // PSS baseline "Host Ports": a hostPort binds on the node itself, beside every other pod's.
    if (p.publishMode === PublishMode.HOST && p.exposure !== undefined && p.exposure !== Exposure.INTERNAL) {
      found.push({
        field: `ports[${i}].publishMode`,
        message: `listens on port ${p.nodePort ?? p.port} of the node itself (Kubernetes hostPort, Swarm host mode), outside network policies`,
      });
    }
  });
  for (const { index, mount } of w.hostMounts ?? []) {
    // PSS baseline "HostPath Volumes".
    found.push({
      field: `mounts[${index}]`,
      message: `${mount.readOnly ? 'reads' : 'reads and writes'} the node's ${mount.hostPath} at ${mount.path} `
        + '(Kubernetes hostPath, Swarm bind mount): a container escape or a bug there reaches the host',
    });
  }
  for (const key of Object.keys(w.annotations ?? {}).sort()) {
    const m = APPARMOR_ANNOTATION.exec(key);
    const value = w.annotations![key];
    if (m && value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
      const message = `container ${m[1]} runs with AppArmor ${JSON.stringify(value)} on Kubernetes, not runtime/default`;
      found.push({ field: `annotations[${JSON.stringify(key)}]`, message });
    }
  }
  return found;
}
