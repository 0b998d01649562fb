/*
 * The benchmark's application shape, built twice: with Conductor (both
 * targets) and with raw cdk8s-plus-27 (Kubernetes only).
 *
 * One "workload" is what a small GitOps app holds: a stateless workload
 * with a Config (one file and one env entry, taken as env and mounted), an
 * existing Secret used through envFromSecret (so also mounted as a file),
 * a persistent Volume mounted, one port (hence a Service), an HTTP health
 * check and CPU/memory requests and limits.
 */
import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AccessMode, App, Config, HealthCheck, Secret, Stack, Volume, Workload } from '../lib';

/** How the workloads are spread. */
export type Layout = 'stacks' | 'one';

const IMAGE = 'ghcr.io/acme/api:1.4.2';

function configFile(i: number): string {
  return `server {\n  listen 8080;\n  location / { proxy_pass http://backend-${i}:9000; }\n}\n`;
}

/** Workload names: zero-padded so that sorted order is numeric order. */
export function name(i: number): string {
  return `w${String(i).padStart(5, '0')}`;
}

/**
 * A Conductor app with `n` workloads: in `n` stacks of one workload each
 * (`stacks`), or all in one stack (`one`).
 */
export function conductorApp(n: number, layout: Layout, outdir: string): App {
  const app = new App({ outdir });
  const single = layout === 'one' ? new Stack(app, 'all') : undefined;
  for (let i = 0; i < n; i++) {
    const id = name(i);
    const stack = single ?? new Stack(app, id);
    const cfg = new Config(stack, `${id}-config`, { files: { 'default.conf': configFile(i) }, env: { LOG_LEVEL: 'info' } });
    const secret = Secret.fromExisting(stack, `${id}-db`);
    // Mounted by 2 replicas: a volume that really shares (docs/runtime-checks.md), NFS on Swarm.
    const data = new Volume(stack, `${id}-data`, {
      size: '1Gi', accessMode: AccessMode.READ_WRITE_MANY, driverOptions: { type: 'nfs', o: 'addr=10.0.0.10,rw', device: `:/exports/${id}` },
    });
    const w = new Workload(stack, id, {
      image: IMAGE,
      replicas: 2,
      ports: [{ port: 80, targetPort: 8080 }],
      health: { check: HealthCheck.http('/healthz', { port: 8080, swarmCommand: 'wget' }) },
      resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '128Mi', limit: '256Mi' } },
    });
    w.envFromConfig(cfg)
      .mountConfig(cfg, '/etc/app')
      .envFromSecret('DB_PASSWORD', secret)
      .mountVolume('/data', data);
  }
  return app;
}

/**
 * The same Kubernetes objects with raw cdk8s-plus-27, the way a cdk8s user
 * would write them: Deployment, Service, ConfigMap, a reference to an
 * existing Secret, PersistentVolumeClaim. `stacks`: one Chart per app (N
 * charts in one cdk8s App); `one`: one Chart for all.
 */
export function rawApp(n: number, layout: Layout, outdir: string): cdk8s.App {
  const app = new cdk8s.App({ outdir });
  const single = layout === 'one' ? new cdk8s.Chart(app, 'all', { namespace: 'all' }) : undefined;
  for (let i = 0; i < n; i++) {
    const id = name(i);
    const chart = single ?? new cdk8s.Chart(app, id, { namespace: id });
    // One scope per app inside the single chart, so that construct ids do not collide.
    const scope = single ? new Construct(chart, id) : chart;
    const cm = new kplus.ConfigMap(scope, 'config', {
      data: { 'default.conf': configFile(i), LOG_LEVEL: 'info' },
      immutable: true,
    });
    const secret = kplus.Secret.fromSecretName(scope, 'db', `${id}-db`);
    const pvc = new kplus.PersistentVolumeClaim(scope, 'data', {
      storage: cdk8s.Size.gibibytes(1),
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY],
    });
    const probe = () => kplus.Probe.fromHttpGet('/healthz', { port: 8080 });
    const deployment = new kplus.Deployment(scope, 'deployment', {
      replicas: 2,
      securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
      automountServiceAccountToken: false,
    });
    const container = deployment.addContainer({
      name: 'main',
      image: IMAGE,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ number: 8080, name: 'http' }],
      envVariables: {
        LOG_LEVEL: kplus.EnvValue.fromConfigMap(cm, 'LOG_LEVEL'),
        DB_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'value' }),
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
        memory: { request: cdk8s.Size.mebibytes(128), limit: cdk8s.Size.mebibytes(256) },
      },
      securityContext: { ensureNonRoot: true, user: 10001, group: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
      readiness: probe(),
      liveness: probe(),
    });
    container.mount('/etc/app', kplus.Volume.fromConfigMap(scope, 'config-volume', cm, { items: { 'default.conf': { path: 'default.conf' } } }), {
      readOnly: true,
    });
    container.mount('/run/secrets/db', kplus.Volume.fromSecret(scope, 'secret-volume', secret), { readOnly: true, subPath: 'value' });
    container.mount('/data', kplus.Volume.fromPersistentVolumeClaim(scope, 'data-volume', pvc));
    deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
  }
  return app;
}
