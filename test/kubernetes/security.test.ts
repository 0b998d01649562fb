import { parseAllDocuments } from 'yaml';
import { Workload } from '../../lib';
import type { SecurityProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { kubeSchema } from '../support/kube-schema';
import { findObject, newStack } from '../support/synth';
import type { KubeObject } from '../support/synth';

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
    expect(pod({ addCapabilities: ['NET_RAW', 'NET_BIND_SERVICE'] }).container.capabilities).toEqual({ add: ['NET_BIND_SERVICE', 'NET_RAW'], drop: ['ALL'] });
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
    expect(containers({ sidecar: { seccompProfile: 'Unconfined' } }).seccomp).toEqual({ main: 'RuntimeDefault', side: 'Unconfined', init: 'RuntimeDefault' });
  });

  test('an init container\'s Unconfined is kept, on the init container only', () => {
    expect(containers({ init: { seccompProfile: 'Unconfined' } }).seccomp).toEqual({ main: 'RuntimeDefault', side: 'RuntimeDefault', init: 'Unconfined' });
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
