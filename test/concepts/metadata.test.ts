import * as fs from 'fs';
import * as path from 'path';
import { App, DaemonWorkload, Exposure, Ingress, Network, Secret, Stack, StatefulWorkload, Workload } from '../../lib';
import { writeTree } from '../../lib/synth/writer';
import { kubeSchema } from '../support/kube-schema';
import { kustomizeBuild } from '../support/kubectl';
import { renderChecked, stackConfig } from '../support/oracle';
import { findObject, newStack, tempDir } from '../support/synth';

// ---- Kubernetes output
describe('labels and annotations → object and pod metadata', () => {
  const labelledKube = () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', {
      image: 'busybox:1.36',
      ports: [{ port: 80 }, { port: 81, exposure: Exposure.LOAD_BALANCER }],
      labels: { tier: 'front', 'example.com/owner': 'web-team' },
      annotations: { 'example.com/docs': 'https://example.com/w', note: 'free text: anything' },
    });
    return renderChecked(app).kube;
  };

  test('labels on the Deployment, its pod template and every Service', () => {
    const kube = labelledKube();
    const d = findObject(kube, 'Deployment', 'w');
    const own = { tier: 'front', 'example.com/owner': 'web-team', 'app.kubernetes.io/name': 'w', 'app.kubernetes.io/part-of': 's' };
    expect(d.metadata.labels).toEqual({ ...own, 'app.kubernetes.io/managed-by': 'conductor' });
    expect(d.spec.template.metadata.labels).toEqual(own);
    for (const name of ['w', 'w-lb']) expect(findObject(kube, 'Service', name).metadata.labels).toMatchObject(own);
  });

  test('annotations on the Deployment and its pod template', () => {
    const d = findObject(labelledKube(), 'Deployment', 'w');
    const annotations = { 'example.com/docs': 'https://example.com/w', note: 'free text: anything' };
    expect(d.metadata.annotations).toEqual(annotations);
    expect(d.spec.template.metadata.annotations).toEqual(annotations);
  });

  test('a user label cannot move the selector: app.kubernetes.io/name stays the workload name', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36', labels: { 'app.kubernetes.io/name': 'other' } });
    const d = findObject(renderChecked(app).kube, 'Deployment', 'w');
    expect(d.spec.selector.matchLabels['app.kubernetes.io/name']).toBe('w');
    expect(d.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('w');
  });
});

// ---- Swarm output
describe('labels and annotations → labels and deploy.labels', () => {
  test('labels on the container (labels) and the service (deploy.labels); annotations on the service only; sorted', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', {
      image: 'busybox:1.36',
      labels: { tier: 'front', 'example.com/owner': 'web-team' },
      annotations: { note: 'free text: anything', 'example.com/docs': 'https://example.com/w' },
    });
    const s = renderChecked(app).compose.services.w;
    expect(Object.entries(s.labels!)).toEqual([['example.com/owner', 'web-team'], ['tier', 'front']]);
    expect(Object.entries(s.deploy.labels!)).toEqual([
      ['example.com/docs', 'https://example.com/w'], ['example.com/owner', 'web-team'], ['note', 'free text: anything'], ['tier', 'front'],
    ]);
  });

  test('a label wins over an annotation of the same key', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36', labels: { k: 'label' }, annotations: { k: 'annotation' } });
    expect(renderChecked(app).compose.services.w.deploy.labels).toEqual({ k: 'label' });
  });

  test('no labels, no annotations: no label maps', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' });
    const s = renderChecked(app).compose.services.w;
    expect(s.labels).toBeUndefined();
    expect(s.deploy.labels).toBeUndefined();
  });
});

// ---- both targets: every object, every oracle
const image = 'busybox:1.36';

/** Every concept of this part of issue 4 in one stack. */
function everything(): App {
  const app = new App();
  const stack = new Stack(app, 'shop', { labels: { team: 'core' } });
  const backend = new Network(stack, 'backend', { internal: true });
  const front = new Network(stack, 'front');
  const meta = { labels: { tier: 'app' }, annotations: { 'example.com/owner': 'shop-team' } };
  const web = new Workload(stack, 'web', {
    ...meta,
    image,
    ports: [{ port: 80, targetPort: 8080, name: 'http' }],
    networks: [front],
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
    autoscaling: { minReplicas: 2, maxReplicas: 8, cpuUtilization: 75 },
    disruptionBudget: { minAvailable: 1 },
  });
  const api = new Workload(stack, 'api', {
    ...meta,
    image,
    replicas: 2,
    ports: [{ port: 8080 }, { port: 9443, exposure: Exposure.LOAD_BALANCER }],
    networks: [front, backend],
    disruptionBudget: { maxUnavailable: 1 },
  });
  new StatefulWorkload(stack, 'db', {
    ...meta,
    image: 'postgres:16',
    ports: [{ port: 5432 }],
    networks: [backend],
    disruptionBudget: { maxUnavailable: 1 },
  });
  new DaemonWorkload(stack, 'logs', { ...meta, image }).mountHostPath('/host/log', '/var/log', { allowHostAccess: true, readOnly: true });
  new Ingress(stack, 'public', {
    className: 'nginx',
    labels: { exposure: 'public' },
    tls: { secret: Secret.fromExisting(stack, 'shop-tls'), hosts: ['shop.example.com'] },
    swarmProxyNetwork: 'traefik-public',
    rules: [{ host: 'shop.example.com', workload: web }, { host: 'shop.example.com', path: '/api', workload: api, port: 8080 }],
  });
  return app;
}

describe('labels and annotations reach every new object', () => {
  const { kube } = renderChecked(everything());
  const stackLabels = { 'app.kubernetes.io/managed-by': 'conductor', 'app.kubernetes.io/part-of': 'shop', team: 'core' };

  test.each(['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'Ingress'])('every %s carries the stack labels', (kind) => {
    const objects = kube.filter((o) => o.kind === kind);
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(o.metadata.labels).toMatchObject(stackLabels);
  });

  test('objects of a workload (HorizontalPodAutoscaler, PodDisruptionBudget, its NetworkPolicies) carry its labels; the first two its ' +
    'annotations', () => {
    const own = kube.filter(
      (o) => ['HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(o.kind) || /^(external|egress)-/.test(o.metadata.name),
    );
    expect(own.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'HorizontalPodAutoscaler/web', 'PodDisruptionBudget/api', 'PodDisruptionBudget/db', 'PodDisruptionBudget/web',
      'NetworkPolicy/egress-db', 'NetworkPolicy/external-api', 'NetworkPolicy/external-web',
    ]);
    for (const o of own) {
      expect(o.metadata.labels).toMatchObject({ tier: 'app', 'app.kubernetes.io/name': expect.any(String) });
      if (o.kind !== 'NetworkPolicy') expect(o.metadata.annotations).toEqual({ 'example.com/owner': 'shop-team' });
    }
  });

  test('the Ingress carries its own labels, not the workloads\'', () => {
    const ingress = kube.find((o) => o.kind === 'Ingress')!;
    expect(ingress.metadata.labels).toEqual({ ...stackLabels, exposure: 'public' });
  });
});

describe('the whole set through every oracle', () => {
  test('every object validates strictly; kubectl kustomize (1.27) builds the stack; docker stack config loads the stack file', () => {
    const { files, out } = renderChecked(everything());
    const root = tempDir();
    try {
      writeTree(root, files);
      const built = kustomizeBuild(path.join(root, 'kubernetes', 'shop'));
      expect(built.map((o) => o.kind)).toEqual(
        expect.arrayContaining(['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'Ingress']),
      );
      for (const o of built) expect(kubeSchema().validate(o)).toEqual([]);
      expect(fs.existsSync(path.join(root, 'swarm', 'shop', 'compose.yaml'))).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
    const r = stackConfig(files, 'shop');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    // Warnings: autoscaling, three disruption budgets, the Ingress; the host path is a risk, not a gap.
    expect(out.gaps.map((g) => `${g.path}: ${g.field}`).sort()).toEqual([
      'shop/api: disruptionBudget', 'shop/db: disruptionBudget', 'shop/public: rules', 'shop/web: autoscaling', 'shop/web: disruptionBudget',
    ]);
    expect(out.risks.map((r) => `${r.path}: ${r.field}`)).toEqual(['shop/logs: mounts[0]']);
  });
});
