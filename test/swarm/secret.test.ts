import { Secret, Swarm, Workload } from '../../lib';
import { renderChecked, stackConfig } from '../support/oracle';
import { newStack } from '../support/synth';

/** Conductor labels the configs and secrets it creates, so that `conductor deploy` prunes only those. */
const MANAGED = { 'app.kubernetes.io/managed-by': 'conductor' };

const ACK = 'the value is written to dist in plaintext' as const;

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
    expect([...files.entries()].filter(([f, text]) => f.startsWith('swarm/') && (f.includes('secrets/') || text.includes('never-written')))).toEqual([]);
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
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(stack, 'tls', { key: 'tls.key' }), { path: '/etc/tls/key.pem' });
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
