import { Workload } from '../../lib';
import type { SecurityProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

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
