import { Secret, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, KubeObject, newStack } from '../support/synth';

const ACK = 'the value is written to dist in plaintext' as const;
const spec = (kube: KubeObject[]) => findObject(kube, 'Deployment', 'w').spec.template.spec;

describe('Secret → Kubernetes', () => {
  test('fromExisting: a reference only; no Secret object and no value in the output', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(stack, 'db-password'));
    const { kube, out } = renderChecked(app);
    expect(kube.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(out.secretFiles).toEqual([]);
  });

  test('mountSecret: one file at /run/secrets/<name> by subPath of key "value", read-only, mode 0444', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(stack, 'db-password'));
    const s = spec(renderChecked(app).kube);
    expect(s.containers[0].volumeMounts).toEqual([{ mountPath: '/run/secrets/db-password', name: 'secret-db-password', readOnly: true, subPath: 'value' }]);
    expect(s.volumes).toEqual([{ name: 'secret-db-password', secret: { secretName: 'db-password', defaultMode: 0o444 } }]);
  });

  test('a custom key and a custom path', () => {
    const { app, stack } = newStack('s');
    const tls = Secret.fromExisting(stack, 'tls', { key: 'tls.key' });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(tls, { path: '/etc/tls/key.pem' });
    const s = spec(renderChecked(app).kube);
    expect(s.containers[0].volumeMounts).toEqual([{ mountPath: '/etc/tls/key.pem', name: 'secret-tls', readOnly: true, subPath: 'tls.key' }]);
  });

  test('envFromSecret(NAME): NAME from secretKeyRef (custom key), and the file is mounted too', () => {
    const { app, stack } = newStack('s');
    const pw = Secret.fromExisting(stack, 'db', { key: 'password' });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).envFromSecret('DB_PASSWORD', pw);
    const c = spec(renderChecked(app).kube).containers[0];
    expect(c.env).toEqual([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]);
    expect(c.volumeMounts).toEqual([{ mountPath: '/run/secrets/db', name: 'secret-db', readOnly: true, subPath: 'password' }]);
  });

  test('envFromSecret after mountSecret of the same secret mounts it once', () => {
    const { app, stack } = newStack('s');
    const pw = Secret.fromExisting(stack, 'db');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(pw, { path: '/etc/db/pw' }).envFromSecret('DB_PASSWORD', pw);
    const s = spec(renderChecked(app).kube);
    expect(s.containers[0].volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/etc/db/pw']);
    expect(s.volumes).toHaveLength(1);
  });

  test('unsafePlaintext: a Secret object holding the value, and the file is reported in secretFiles', () => {
    const { app, stack } = newStack('s');
    const token = Secret.unsafePlaintext(stack, 'token', { value: 's3cr3t', acknowledge: ACK });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).envFromSecret('TOKEN', token);
    const { kube, out } = renderChecked(app);
    const secret = findObject(kube, 'Secret', 'token');
    expect(secret.stringData).toEqual({ value: 's3cr3t' });
    expect(secret.metadata.namespace).toBe('s');
    expect(spec(kube).containers[0].env).toEqual([{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'token', key: 'value' } } }]);
    expect(out.secretFiles).toContain('kubernetes/s/s.k8s.yaml');
  });
});
