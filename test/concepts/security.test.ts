import { parseAllDocuments } from 'yaml';
import { Workload } from '../../lib';
import type { SecurityProps } from '../../lib';
import { kubeSchema } from '../support/kube-schema';
import { InvalidCase, renderChecked, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';
import type { KubeObject } from '../support/synth';

// ---- Kubernetes output
function pod(security?: SecurityProps) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', security });
  const spec = findObject(renderChecked(app).kube, 'Deployment', 'w').spec.template.spec;
  return { pod: spec.securityContext, container: spec.containers[0].securityContext };
}

describe('security defaults → pod and container securityContext (Pod Security "restricted")', () => {
  test('defaults: non-root 10001:10001, read-only root, no escalation, drop ALL, seccomp RuntimeDefault', () => {
    const s = pod();
    expect(s.pod).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, fsGroupChangePolicy: 'Always',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(s.container).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, privileged: false,
      readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] },
    });
  });

  test('user and group', () => {
    const s = pod({ user: 70, group: 71 });
    expect(s.pod).toMatchObject({ runAsUser: 70, runAsGroup: 71, fsGroup: 71, runAsNonRoot: true });
    expect(s.container).toMatchObject({ runAsUser: 70, runAsGroup: 71, runAsNonRoot: true });
  });

  test('user 0 turns off runAsNonRoot', () => {
    const s = pod({ user: 0 });
    expect(s.pod).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
    expect(s.container).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
  });

  test('readOnlyRootFilesystem false', () => {
    expect(pod({ readOnlyRootFilesystem: false }).container.readOnlyRootFilesystem).toBe(false);
  });

  test('allowPrivilegeEscalation true', () => {
    expect(pod({ allowPrivilegeEscalation: true }).container.allowPrivilegeEscalation).toBe(true);
  });

  test('addCapabilities (sorted) keeps drop ALL', () => {
    expect(pod({ addCapabilities: ['NET_RAW', 'NET_BIND_SERVICE'] }).container.capabilities).toEqual({
      add: ['NET_BIND_SERVICE', 'NET_RAW'],
      drop: ['ALL'],
    });
  });

  test('dropCapabilities replaces ALL; an empty list drops nothing', () => {
    expect(pod({ dropCapabilities: ['SYS_ADMIN', 'MKNOD'] }).container.capabilities).toEqual({ drop: ['MKNOD', 'SYS_ADMIN'] });
    expect(pod({ dropCapabilities: [] }).container.capabilities).toEqual({});
  });

  test('seccompProfile Unconfined is the main container\'s own, never pod-wide', () => {
    const s = pod({ seccompProfile: 'Unconfined' });
    expect(s.container.seccompProfile).toEqual({ type: 'Unconfined' });
    expect(s.pod.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });
});

describe('sidecars and init containers: each container gets exactly its own security settings', () => {
  function containers(props: { main?: SecurityProps; sidecar?: SecurityProps; init?: SecurityProps }) {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', {
      image: 'busybox:1.36',
      security: props.main,
      sidecars: [{ name: 'side', image: 'busybox:1.36', security: props.sidecar }],
      initContainers: [{ name: 'init', image: 'busybox:1.36', security: props.init }],
    });
    // Swarm has no init containers: Kubernetes only.
    const text = app.render({ targets: ['kubernetes'] }).files.get('kubernetes/s/s.k8s.yaml')!;
    const kube = parseAllDocuments(text).map((d) => d.toJSON() as KubeObject);
    expect(kube.flatMap((o) => kubeSchema().validate(o))).toEqual([]);
    const spec = findObject(kube, 'Deployment', 'w').spec.template.spec;
    // What the kubelet applies: the container's own profile, else the pod's.
    const seccomp = (c: any) => (c.securityContext?.seccompProfile ?? spec.securityContext.seccompProfile).type;
    const byName = Object.fromEntries([...spec.containers, ...spec.initContainers].map((c: any) => [c.name, c]));
    return { spec, byName, seccomp: Object.fromEntries(Object.entries(byName).map(([k, c]) => [k, seccomp(c)])) };
  }

  test('a sidecar\'s Unconfined is kept, on the sidecar only', () => {
    expect(containers({ sidecar: { seccompProfile: 'Unconfined' } }).seccomp).toEqual({
      main: 'RuntimeDefault',
      side: 'Unconfined',
      init: 'RuntimeDefault',
    });
  });

  test('an init container\'s Unconfined is kept, on the init container only', () => {
    expect(containers({ init: { seccompProfile: 'Unconfined' } }).seccomp).toEqual({
      main: 'RuntimeDefault',
      side: 'RuntimeDefault',
      init: 'Unconfined',
    });
  });

  test('the main container\'s Unconfined does not unconfine the sidecar or the init container', () => {
    const c = containers({ main: { seccompProfile: 'Unconfined' } });
    expect(c.seccomp).toEqual({ main: 'Unconfined', side: 'RuntimeDefault', init: 'RuntimeDefault' });
    expect(c.spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('user, capabilities, escalation and read-only root are per container as written', () => {
    const c = containers({
      main: { user: 0 },
      sidecar: { addCapabilities: ['NET_ADMIN'], allowPrivilegeEscalation: true },
      init: { readOnlyRootFilesystem: false, dropCapabilities: ['MKNOD'] },
    });
    expect(c.byName.main.securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false, capabilities: { drop: ['ALL'] } });
    expect(c.byName.side.securityContext).toMatchObject({
      runAsUser: 10001, runAsNonRoot: true, allowPrivilegeEscalation: true, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
    });
    expect(c.byName.init.securityContext).toMatchObject({
      runAsUser: 10001, runAsNonRoot: true, readOnlyRootFilesystem: false, allowPrivilegeEscalation: false, capabilities: { drop: ['MKNOD'] },
    });
  });
});

// ---- Swarm output
function service(security?: SecurityProps) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', security });
  const { compose, files } = renderChecked(app);
  return { s: compose.services.w, text: files.get('swarm/s/compose.yaml')! };
}

describe('security defaults → user, read_only, cap_drop / cap_add', () => {
  test('defaults: user "10001:10001" (a string), read_only, cap_drop ALL; nothing Swarm ignores', () => {
    const { s } = service();
    expect(s).toMatchObject({ user: '10001:10001', read_only: true, cap_drop: ['ALL'] });
    expect(s.cap_add).toBeUndefined();
    for (const ignored of ['security_opt', 'privileged']) expect(s).not.toHaveProperty(ignored);
  });

  test('user and group, quoted where YAML 1.1 would read a base-60 number', () => {
    const { s, text } = service({ user: 1000, group: 50 });
    expect(s.user).toBe('1000:50');
    expect(text).toContain('user: "1000:50"');
  });

  test('user 0 (root)', () => {
    expect(service({ user: 0, group: 0 }).s.user).toBe('0:0');
  });

  test('readOnlyRootFilesystem false → read_only: false', () => {
    expect(service({ readOnlyRootFilesystem: false }).s.read_only).toBe(false);
  });

  test('addCapabilities → cap_add (sorted); cap_drop stays ALL', () => {
    const { s } = service({ addCapabilities: ['NET_RAW', 'NET_BIND_SERVICE'] });
    expect(s.cap_add).toEqual(['NET_BIND_SERVICE', 'NET_RAW']);
    expect(s.cap_drop).toEqual(['ALL']);
  });

  test('dropCapabilities replaces ALL; an empty list drops nothing', () => {
    expect(service({ dropCapabilities: ['SYS_ADMIN', 'MKNOD'] }).s.cap_drop).toEqual(['MKNOD', 'SYS_ADMIN']);
    expect(service({ dropCapabilities: [] }).s.cap_drop).toBeUndefined();
  });

  test('Kubernetes-only settings (escalation, seccomp) have no stack-file form and change nothing', () => {
    expect(service({ allowPrivilegeEscalation: true, seccompProfile: 'Unconfined' }).s).toEqual(service().s);
  });
});

// ---- model rules and bad input
const bad = <T>(x: unknown) => x as T;
const ID_RULE = 'must be an integer from 0 to 2147483647';
const CAP_RULE = 'must be capability names without "CAP_", e.g. "NET_BIND_SERVICE", or "ALL"';
const security = (sec: SecurityProps): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', security: sec });

const cases: InvalidCase[] = [
  ['user negative', security({ user: -1 }), { path: 's/w', field: 'security.user', rule: ID_RULE, value: -1 }],
  ['user fractional', security({ user: 1000.5 }), { path: 's/w', field: 'security.user', rule: ID_RULE, value: 1000.5 }],
  ['user a name', security({ user: bad<number>('nginx') }), { path: 's/w', field: 'security.user', rule: ID_RULE, value: 'nginx' }],
  ['user too large', security({ user: 2 ** 31 }), { path: 's/w', field: 'security.user', rule: ID_RULE, value: 2 ** 31 }],
  ['group negative', security({ group: -5 }), { path: 's/w', field: 'security.group', rule: ID_RULE, value: -5 }],
  [
    'capability with CAP_',
    security({ addCapabilities: ['CAP_NET_ADMIN'] }),
    { path: 's/w', field: 'security.addCapabilities', rule: CAP_RULE, value: 'CAP_NET_ADMIN' },
  ],
  [
    'capability lower case',
    security({ addCapabilities: ['net_admin'] }),
    { path: 's/w', field: 'security.addCapabilities', rule: CAP_RULE, value: 'net_admin' },
  ],
  [
    'capability with a space',
    security({ dropCapabilities: ['ALL '] }),
    { path: 's/w', field: 'security.dropCapabilities', rule: CAP_RULE, value: 'ALL ' },
  ],
  [
    'seccomp profile unknown',
    security({ seccompProfile: bad<'RuntimeDefault'>('Localhost') }),
    { path: 's/w', field: 'security.seccompProfile', rule: 'must be "RuntimeDefault" or "Unconfined"', value: 'Localhost' },
  ],
];

describe('security: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});
