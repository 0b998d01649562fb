/**
 * Guarantee: every way an app can make a pod fail Pod Security Standards
 * "restricted" prints a `SECURITY RISK` at synth, naming the workload and
 * the field that did it, for the main container, sidecars and init
 * containers alike.
 *
 * The cases come from the controls (support/pod-security.ts checks a
 * rendered pod against each): every control has either the settings that
 * break it, each proven to break it on the rendered pod, or the reason no
 * Conductor setting can. A property run then draws random relaxations and
 * checks that each violation the checker finds has its risk.
 */
import { JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { App, Exposure, Kubernetes, PublishMode, Stack, Workload } from '../../lib';
import type { SecurityProps, WorkloadProps } from '../../lib';
import { reportWarnings } from '../../lib/synth/app';
import type { SecurityRisk } from '../../lib/model/problems';
import { Control, CONTROLS, restrictedViolations, Violation } from './support/pod-security';

const IMAGE = 'busybox:1.36';
type Role = 'main' | 'sidecar' | 'init';
const ROLES: readonly Role[] = ['main', 'sidecar', 'init'];
const PREFIX: Record<Role, string> = { main: 'security', sidecar: 'sidecars[0].security', init: 'initContainers[0].security' };
const NAME: Record<Role, string> = { main: 'main', sidecar: 'side', init: 'init' };

function props(security: Partial<Record<Role, SecurityProps>>, extra: Partial<WorkloadProps> = {}): WorkloadProps {
  return {
    image: IMAGE,
    security: security.main,
    sidecars: [{ name: 'side', image: IMAGE, security: security.sidecar }],
    initContainers: [{ name: 'init', image: IMAGE, security: security.init }],
    ...extra,
  };
}

/** Renders the Kubernetes output (Swarm has no init containers) and returns the pod template, the risks and the printed lines. */
function synth(build: (s: Stack) => void) {
  const app = new App({ outdir: '/nonexistent' });
  build(new Stack(app, 's'));
  const out = app.render({ targets: ['kubernetes'] });
  const kube = parseAllDocuments(out.files.get('kubernetes/s/s.k8s.yaml')!).map((d) => d.toJSON());
  const deployment = kube.find((o: any) => o.kind === 'Deployment' && o.metadata.name === 'w');
  const printed: string[] = [];
  reportWarnings(out, (l) => printed.push(l));
  return { template: deployment.spec.template, risks: out.risks, printed };
}

interface Case {
  readonly name: string;
  readonly build: (s: Stack) => void;
  /** The field of s/w the risk must name. */
  readonly field: string;
}

const container = (setting: SecurityProps, suffix: string, what: string): Case[] => ROLES.map((role) => ({
  name: `${what} (${role})`,
  build: (s) => new Workload(s, 'w', props({ [role]: setting })),
  field: `${PREFIX[role]}.${suffix}`,
}));

/** Each control of "restricted": the settings that break it, or why none can. */
const BY_CONTROL: Record<Control, Case[] | { readonly unreachable: string }> = {
  'HostProcess': { unreachable: 'no Windows options in the model' },
  'Host Namespaces': { unreachable: 'no hostNetwork, hostPID or hostIPC setting' },
  'Privileged Containers': { unreachable: 'privileged is always false (lib/kubernetes/container.ts)' },
  'Capabilities (baseline)': container({ addCapabilities: ['SYS_ADMIN'] }, 'addCapabilities', 'addCapabilities SYS_ADMIN'),
  'HostPath Volumes': [{
    name: 'mountHostPath',
    build: (s) => new Workload(s, 'w', props({})).mountHostPath('/host', '/var/log', { allowHostAccess: true, readOnly: true }),
    field: 'mounts[0]',
  }],
  'Host Ports': [{
    name: 'publishMode HOST',
    build: (s) => new Workload(s, 'w', props({}, { ports: [{ port: 8080, exposure: Exposure.LOAD_BALANCER, publishMode: PublishMode.HOST }] })),
    field: 'ports[0].publishMode',
  }],
  'AppArmor': ROLES.map((role) => ({
    name: `AppArmor unconfined annotation (${role})`,
    build: (s) => new Workload(
      s,
      'w',
      props({}, { annotations: { [`container.apparmor.security.beta.kubernetes.io/${NAME[role]}`]: 'unconfined' } }),
    ),
    field: `annotations["container.apparmor.security.beta.kubernetes.io/${NAME[role]}"]`,
  })),
  'SELinux': { unreachable: 'no SELinux options in the model' },
  '/proc Mount Type': { unreachable: 'no procMount setting' },
  'Seccomp': container({ seccompProfile: 'Unconfined' }, 'seccompProfile', 'seccompProfile Unconfined'),
  'Sysctls': { unreachable: 'no sysctls setting' },
  'Volume Types': [{
    name: 'mountHostPath (the only volume type outside the restricted list)',
    build: (s) => new Workload(s, 'w', props({})).mountHostPath('/host', '/srv', { allowHostAccess: true }),
    field: 'mounts[0]',
  }],
  'Privilege Escalation': container({ allowPrivilegeEscalation: true }, 'allowPrivilegeEscalation', 'allowPrivilegeEscalation'),
  'Running as Non-root': container({ user: 0 }, 'user', 'user 0'),
  'Running as Non-root user': container({ user: 0 }, 'user', 'user 0'),
  'Capabilities (restricted)': [
    ...container({ addCapabilities: ['NET_RAW'] }, 'addCapabilities', 'addCapabilities NET_RAW'),
    ...container({ dropCapabilities: ['NET_RAW'] }, 'dropCapabilities', 'dropCapabilities without ALL'),
    ...container({ dropCapabilities: [] }, 'dropCapabilities', 'dropCapabilities empty'),
  ],
};

test('the cases cover every control of "restricted", and nothing else', () => {
  expect(Object.keys(BY_CONTROL).sort()).toEqual([...CONTROLS].sort());
});

test('the secure defaults pass "restricted" and print no risk', () => {
  const r = synth((s) => new Workload(s, 'w', props({})));
  expect(restrictedViolations(r.template)).toEqual([]);
  expect(r.risks).toEqual([]);
  expect(r.printed.filter((l) => l.startsWith('SECURITY RISK'))).toEqual([]);
});

const cases = Object.entries(BY_CONTROL).flatMap(([control, c]) => (Array.isArray(c) ? c.map((x) => [control, x.name, x] as const) : []));

describe.each(cases)('%s: %s', (control, _, c) => {
  const r = synth(c.build);

  test('the rendered pod fails the control (the case is real)', () => {
    expect(restrictedViolations(r.template).map((v) => v.control)).toContain(control);
  });

  test('synth prints SECURITY RISK for s/w and the field', () => {
    expect(r.printed.filter((l) => l.startsWith(`SECURITY RISK: s/w: ${c.field}: `))).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ property

/** The risk fields that account for a violation (any one of them). */
function accountingFields(v: Violation, names: Record<string, string>): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (v.control === 'HostPath Volumes' || v.control === 'Volume Types') return /^mounts\[\d+\]$/;
  if (v.control === 'AppArmor') return new RegExp(`^annotations\\[${esc(JSON.stringify(v.detail))}\\]$`);
  // Pod-wide settings are the main container's.
  const prefix = esc(v.where === 'pod' ? 'security' : names[v.where]);
  const suffix: Partial<Record<Control, string>> = {
    'Seccomp': 'seccompProfile', 'Privilege Escalation': 'allowPrivilegeEscalation', 'Running as Non-root': 'user',
    'Running as Non-root user': 'user', 'Capabilities (baseline)': 'addCapabilities',
    'Capabilities (restricted)': '(addCapabilities|dropCapabilities)',
  };
  if (v.control === 'Host Ports') return /^ports\[\d+\]\.publishMode$/;
  return new RegExp(`^${prefix}\\.${suffix[v.control] ?? 'NONE'}$`);
}

const securityArb: fc.Arbitrary<SecurityProps> = fc.record({
  user: fc.constantFrom(0, 1000, 10001),
  allowPrivilegeEscalation: fc.boolean(),
  addCapabilities: fc.subarray(['NET_BIND_SERVICE', 'NET_RAW', 'SYS_ADMIN', 'CHOWN']),
  dropCapabilities: fc.constantFrom(['ALL'], [], ['NET_RAW'], ['ALL', 'MKNOD']),
  seccompProfile: fc.constantFrom('RuntimeDefault' as const, 'Unconfined' as const),
  readOnlyRootFilesystem: fc.boolean(),
}, { requiredKeys: [] });

test('property: every violation of "restricted" in a random app has its SECURITY RISK', () => {
  fc.assert(fc.property(
    securityArb, securityArb, securityArb, fc.boolean(), fc.boolean(), fc.constantFrom(undefined, 'unconfined', 'runtime/default', 'localhost/x'),
    (main, sidecar, init, hostPort, hostPath, apparmor) => {
      const r = synth((s) => {
        const w = new Workload(s, 'w', props({ main, sidecar, init }, {
          ports: [{ port: 8080, exposure: Exposure.LOAD_BALANCER, publishMode: hostPort ? PublishMode.HOST : PublishMode.INGRESS }],
          annotations: apparmor ? { 'container.apparmor.security.beta.kubernetes.io/side': apparmor } : undefined,
        }));
        if (hostPath) w.mountHostPath('/host', '/srv', { allowHostAccess: true });
      });
      const names = { main: 'security', side: 'sidecars[0].security', init: 'initContainers[0].security' } as Record<string, string>;
      const ours = r.risks.filter((x: SecurityRisk) => x.path === 's/w').map((x: SecurityRisk) => x.field);
      const unaccounted = restrictedViolations(r.template).filter((v) => !ours.some((f) => accountingFields(v, names).test(f)));
      expect(unaccounted).toEqual([]);
      expect(r.printed.filter((l) => l.startsWith('SECURITY RISK: ')).length).toBe(r.risks.length);
    },
  ), { numRuns: 150, seed: 13 });
});

// ------------------------------------------------------------------ <stack>.md

test('<stack>.md lists the settings and the risks of sidecars and init containers too', () => {
  const app = new App({ outdir: '/nonexistent' });
  new Workload(new Stack(app, 's'), 'w', props({ sidecar: { seccompProfile: 'Unconfined' }, init: { user: 0 } }));
  const out = app.render({ targets: ['kubernetes'] });
  const md = out.files.get('s.md')!;
  const security = md.slice(md.indexOf('## Security'));
  expect(security).toContain('- `w` sidecar `side`: seccompProfile "Unconfined"');
  expect(security).toContain('- `w` init container `init`: user 0');
  // The same messages synth prints.
  for (const r of out.risks) expect(security).toContain(`- \`w\` ${r.field}: ${r.message}`);
  expect(out.risks.map((r) => r.field)).toEqual(['sidecars[0].security.seccompProfile', 'initContainers[0].security.user']);
});

// ------------------------------------------------------------------ escape hatches

/**
 * Relaxations an escape hatch can make, one per control at least: JSON
 * patches on the rendered Deployment (paths under its pod template), and
 * a customize() that adds a hostPath volume through cdk8s-plus.
 */
const HATCHES: Record<string, readonly [string, unknown][]> = {
  'hostNetwork': [['spec/hostNetwork', true]],
  'hostPID': [['spec/hostPID', true]],
  'hostIPC': [['spec/hostIPC', true]],
  'hostProcess': [['spec/securityContext/windowsOptions', { hostProcess: true }]],
  'privileged': [['spec/containers/0/securityContext/privileged', true]],
  'allowPrivilegeEscalation (sidecar)': [['spec/containers/1/securityContext/allowPrivilegeEscalation', true]],
  'runAsNonRoot false (main)': [['spec/containers/0/securityContext/runAsNonRoot', false]],
  'runAsNonRoot false (pod, containers true)': [['spec/securityContext/runAsNonRoot', false]],
  'runAsUser 0 (pod)': [['spec/securityContext/runAsUser', 0]],
  'runAsUser 0 (init)': [['spec/initContainers/0/securityContext/runAsUser', 0]],
  'capabilities drop none': [['spec/containers/0/securityContext/capabilities', { drop: [] }]],
  'capabilities add SYS_ADMIN (sidecar)': [['spec/containers/1/securityContext/capabilities', { add: ['SYS_ADMIN'], drop: ['ALL'] }]],
  'seccomp Unconfined (pod)': [['spec/securityContext/seccompProfile', { type: 'Unconfined' }]],
  'seccomp Unconfined (sidecar)': [['spec/containers/1/securityContext/seccompProfile', { type: 'Unconfined' }]],
  'hostPort': [['spec/containers/0/ports', [{ containerPort: 80, hostPort: 80 }]]],
  'SELinux type (pod)': [['spec/securityContext/seLinuxOptions', { type: 'spc_t' }]],
  'SELinux user (init)': [['spec/initContainers/0/securityContext/seLinuxOptions', { user: 'system_u' }]],
  'procMount Unmasked': [['spec/containers/0/securityContext/procMount', 'Unmasked']],
  'sysctls': [['spec/securityContext/sysctls', [{ name: 'net.core.somaxconn', value: '1024' }]]],
  'AppArmor unconfined': [['metadata/annotations', { 'container.apparmor.security.beta.kubernetes.io/main': 'unconfined' }]],
  'hostPath and nfs volumes': [['spec/volumes/-', { name: 'share', nfs: { server: 'nfs.local', path: '/' } }]],
};

function withHatches(s: Stack, names: readonly string[], security: Partial<Record<Role, SecurityProps>> = {}): void {
  const w = new Workload(s, 'w', props(security));
  const patches = names.flatMap((n) => HATCHES[n]).map(([p, v]) => JsonPatch.add(`/spec/template/${p}`, v));
  if (names.includes('hostPath and nfs volumes')) {
    Kubernetes.customize(w, ({ chart, workload }) => {
      workload.containers[0].mount('/node', kplus.Volume.fromHostPath(chart, 'node', 'node', { path: '/' }));
    });
  }
  if (patches.length) Kubernetes.addJsonPatch(w, ...patches);
}

/** The escape-hatch risk fields (`Kubernetes escape hatch: <path>`) that account for a violation. */
function hatchAccounting(v: Violation): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pod = 'spec\\.template\\.spec';
  const c = `${pod}\\.${v.detail}\\[${esc(v.where)}\\]\\.securityContext`;
  // A container's violation: its own field, or the pod's it inherits.
  const either = (container: string, podLevel: string) => (v.where === 'pod'
    ? `${pod}\\.securityContext\\.${podLevel}`
    : `(${c}\\.${container}|${pod}\\.securityContext\\.${podLevel})`);
  const field: Record<Control, string> = {
    'HostProcess': either('windowsOptions\\.hostProcess', 'windowsOptions\\.hostProcess'),
    'Host Namespaces': `${pod}\\.host(Network|PID|IPC)`,
    'Privileged Containers': `${c}\\.privileged`,
    'Capabilities (baseline)': `${c}\\.capabilities\\.add`,
    'Capabilities (restricted)': `${c}\\.capabilities\\.(add|drop)`,
    'HostPath Volumes': `${pod}\\.volumes\\[${esc(v.detail ?? '')}\\]\\.hostPath`,
    'Volume Types': `${pod}\\.volumes\\[${esc(v.detail ?? '')}\\](\\.hostPath)?`,
    'Host Ports': `${pod}\\.${v.detail}\\[${esc(v.where)}\\]\\.ports\\[[^\\]]+\\]\\.hostPort`,
    'AppArmor': `spec\\.template\\.metadata\\.annotations\\[${esc(v.detail ?? '')}\\]`,
    'SELinux': either('seLinuxOptions', 'seLinuxOptions'),
    '/proc Mount Type': `${c}\\.procMount`,
    'Seccomp': either('seccompProfile', 'seccompProfile'),
    'Sysctls': `${pod}\\.securityContext\\.sysctls\\[[^\\]]+\\]`,
    'Privilege Escalation': `${c}\\.allowPrivilegeEscalation`,
    'Running as Non-root': either('runAsNonRoot', 'runAsNonRoot'),
    'Running as Non-root user': either('runAsUser', 'runAsUser'),
  };
  return new RegExp(`^Kubernetes escape hatch: ${field[v.control]}$`);
}

const NAMES = { main: 'security', side: 'sidecars[0].security', init: 'initContainers[0].security' } as Record<string, string>;
const unexplained = (r: ReturnType<typeof synth>) => {
  const ours = r.risks.filter((x: SecurityRisk) => x.path === 's/w').map((x: SecurityRisk) => x.field);
  return restrictedViolations(r.template).filter((v) => !ours.some((f) => accountingFields(v, NAMES).test(f) || hatchAccounting(v).test(f)));
};

describe.each(Object.keys(HATCHES))('escape hatch: %s', (name) => {
  const r = synth((s) => withHatches(s, [name]));

  test('the rendered pod fails "restricted" (the case is real)', () => {
    expect(restrictedViolations(r.template)).not.toEqual([]);
  });

  test('every violation the oracle finds has a printed SECURITY RISK naming the escape hatch and the field', () => {
    expect(unexplained(r)).toEqual([]);
    expect(r.printed.filter((l) => l.startsWith('SECURITY RISK: s/w: Kubernetes escape hatch: spec.template.')).length).toBeGreaterThan(0);
  });
});

test('property: model relaxations and escape hatches together: every violation has its risk, none reported twice', () => {
  fc.assert(fc.property(
    securityArb, securityArb, securityArb, fc.subarray(Object.keys(HATCHES)),
    (main, sidecar, init, hatches) => {
      const r = synth((s) => withHatches(s, hatches, { main, sidecar, init }));
      expect(unexplained(r)).toEqual([]);
      const lines = r.printed.filter((l) => l.startsWith('SECURITY RISK: '));
      expect(new Set(lines).size).toBe(lines.length);
      // With no escape hatch, no escape-hatch risk.
      if (hatches.length === 0) expect(lines.filter((l) => l.includes('escape hatch'))).toEqual([]);
    },
  ), { numRuns: 80, seed: 17 });
});
