import { Secret, Swarm, Workload } from '../../lib';
import type { PlaintextSecretProps } from '../../lib';
import { expectProblem, InvalidCase, renderChecked, stackConfig, testBadInput } from '../support/oracle';
import { findObject, KubeObject, newStack } from '../support/synth';

// ---- Kubernetes output
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
    expect(s.containers[0].volumeMounts).toEqual([
      { mountPath: '/run/secrets/db-password', name: 'secret-db-password', readOnly: true, subPath: 'value' },
    ]);
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

// ---- Swarm output
/** Conductor labels the configs and secrets it creates, so that `conductor deploy` prunes only those. */
const MANAGED = { 'app.kubernetes.io/managed-by': 'conductor' };


describe('Secret → Swarm secrets', () => {
  test('fromExisting: external: true, by name; mounted at /run/secrets/<name>', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(stack, 'db-password'));
    const { compose, out, files } = renderChecked(app);
    expect(compose.secrets).toEqual({ 'db-password': { external: true, name: 'db-password' } });
    expect(compose.services.w.secrets).toEqual([{ source: 'db-password', target: '/run/secrets/db-password' }]);
    expect(out.secretFiles).toEqual([]);
    expect([...files.keys()].some((f) => f.includes('secrets/'))).toBe(false);
  });

  test('a secret no service mounts (an Ingress TLS secret, an unused plaintext one) is not declared, and no file is written', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(stack, 'used'));
    Secret.fromExisting(stack, 'tls-only');
    Secret.unsafePlaintext(stack, 'spare', { value: 'never-written', acknowledge: ACK });
    const { compose, out, files } = renderChecked(app);
    expect(compose.secrets).toEqual({ used: { external: true, name: 'used' } });
    expect(out.secretFiles.filter((f) => f.startsWith('swarm/'))).toEqual([]);
    expect([...files.entries()].filter(([f, text]) => f.startsWith('swarm/') && (f.includes('secrets/') || text.includes('never-written')))).toEqual(
      [],
    );
  });

  test('a secret mounted only through Swarm.override, in Compose\'s short form, is still declared', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36' });
    Secret.fromExisting(stack, 'cert');
    Swarm.override(w, { secrets: ['cert'] as unknown as [] });
    const { compose, files } = renderChecked(app);
    expect(compose.secrets).toEqual({ cert: { external: true, name: 'cert' } });
    expect(compose.services.w.secrets).toEqual(['cert']);
    expect(stackConfig(files, 's')).toMatchObject({ status: 0, stderr: '' });
  });

  test('a custom key is Kubernetes-only; a custom path is the target', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(stack, 'tls', { key: 'tls.key' }), {
      path: '/etc/tls/key.pem',
    });
    const { compose } = renderChecked(app);
    expect(compose.secrets).toEqual({ tls: { external: true, name: 'tls' } });
    expect(compose.services.w.secrets).toEqual([{ source: 'tls', target: '/etc/tls/key.pem' }]);
  });

  test('envFromSecret(NAME): NAME_FILE holds the file path, the value stays out of the environment', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).envFromSecret('POSTGRES_PASSWORD', Secret.fromExisting(stack, 'db'));
    const s = renderChecked(app).compose.services.w;
    expect(s.environment).toEqual({ POSTGRES_PASSWORD_FILE: '/run/secrets/db' });
    expect(s.secrets).toEqual([{ source: 'db', target: '/run/secrets/db' }]);
  });

  test('envFromSecret after mountSecret at a custom path points NAME_FILE there', () => {
    const { app, stack } = newStack('s');
    const pw = Secret.fromExisting(stack, 'db');
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(pw, { path: '/etc/db/pw' }).envFromSecret('DB_PASSWORD', pw);
    const s = renderChecked(app).compose.services.w;
    expect(s.environment).toEqual({ DB_PASSWORD_FILE: '/etc/db/pw' });
    expect(s.secrets).toEqual([{ source: 'db', target: '/etc/db/pw' }]);
  });

  test('unsafePlaintext: the value in secrets/<name>, reported in secretFiles; the Swarm name carries a hash of the value', () => {
    const { app, stack } = newStack('s');
    const token = Secret.unsafePlaintext(stack, 'token', { value: 's3cr3t', acknowledge: ACK });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(token);
    const { compose, files, out } = renderChecked(app);
    const [key] = Object.keys(compose.secrets!);
    expect(key).toMatch(/^token-[0-9a-f]{10}$/);
    expect(compose.secrets).toEqual({ [key]: { file: './secrets/token', labels: MANAGED } });
    expect(compose.services.w.secrets).toEqual([{ source: key, target: '/run/secrets/token' }]);
    expect(files.get('swarm/s/secrets/token')).toBe('s3cr3t');
    expect(out.secretFiles).toEqual(['kubernetes/s/s.k8s.yaml', 'swarm/s/secrets/token']);
  });

  test('a new plaintext value is a new Swarm secret (Swarm secrets are immutable)', () => {
    const key = (value: string) => {
      const { app, stack } = newStack('s');
      new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.unsafePlaintext(stack, 'token', { value, acknowledge: ACK }));
      return Object.keys(renderChecked(app).compose.secrets!)[0];
    };
    expect(key('one')).toBe(key('one'));
    expect(key('one')).not.toBe(key('two'));
  });
});

// ---- model rules and bad input
const bad = <T>(x: unknown) => x as T;
const plaintext = (props: PlaintextSecretProps, id = 'token'): InvalidCase[1] => (s) => {
  new Workload(s, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.unsafePlaintext(s, id, props));
};

const cases: InvalidCase[] = [
  ['fromExisting with a bad key', (s) => new Workload(s, 'w', { image: 'busybox:1.36' }).mountSecret(
    Secret.fromExisting(s, 'tls', { key: 'tls/key' }),
  ),
    { path: 's/tls', field: 'key', rule: 'must be letters, digits, "-", "_" or "." (a Secret key)', value: 'tls/key' }],
  ['fromExisting with an empty key', (s) => new Workload(s, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(s, 'tls', { key: '' })),
    { path: 's/tls', field: 'key', rule: 'a Secret key', value: '' }],
  ['plaintext without the acknowledgement', plaintext({ value: 'x', acknowledge: bad<typeof ACK>('yes') }),
    { path: 's/token', field: 'acknowledge', rule: 'must be exactly "the value is written to dist in plaintext"', value: 'yes' }],
  [
    'plaintext with an empty value',
    plaintext({ value: '', acknowledge: ACK }),
    { path: 's/token', field: 'value', rule: 'must be a non-empty string' },
  ],
  [
    'plaintext with a value that is not a string',
    plaintext({ value: bad<string>(42), acknowledge: ACK }),
    { path: 's/token', field: 'value', rule: 'must be a non-empty string' },
  ],
];

describe('Secret props: bad input names path, field, rule and value', () => {
  testBadInput(cases);

  test('a plaintext secret whose Swarm name (<stack>_<name>-<hash>) exceeds 64 characters', () => {
    const stackName = 'a'.repeat(20);
    const { app, stack } = newStack(stackName);
    plaintext({ value: 'x', acknowledge: ACK }, 't'.repeat(40))(stack);
    expectProblem(app, { path: `${stackName}/${'t'.repeat(40)}`, field: 'name', rule: 'must be at most 64 characters', value: 't'.repeat(40) });
  });

  test('the value of a plaintext secret never appears in a problem', () => {
    const { app, stack } = newStack('s');
    plaintext({ value: 'hunter2-very-secret', acknowledge: bad<typeof ACK>('no') })(stack);
    expect(() => app.render()).toThrow(/acknowledge/);
    expect(() => app.render()).not.toThrow(/hunter2/);
  });
});
