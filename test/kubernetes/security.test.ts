import { Workload } from '../../lib';
import type { SecurityProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

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

  test('seccompProfile Unconfined', () => {
    expect(pod({ seccompProfile: 'Unconfined' }).pod.seccompProfile).toEqual({ type: 'Unconfined' });
  });
});
