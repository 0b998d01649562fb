import * as fs from 'fs';
import * as path from 'path';
import {
  App, DaemonWorkload, Exposure, Ingress, Network, Secret, Stack, StatefulWorkload, Workload,
} from '../../lib';
import { writeTree } from '../../lib/synth/writer';
import { kustomizeBuild } from '../support/kubectl';
import { kubeSchema } from '../support/kube-schema';
import { renderChecked, stackConfig } from '../support/oracle';
import { tempDir } from '../support/synth';

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
  const api = new Workload(stack, 'api', { ...meta, image, replicas: 2, ports: [{ port: 8080 }, { port: 9443, exposure: Exposure.LOAD_BALANCER }], networks: [front, backend], disruptionBudget: { maxUnavailable: 1 } });
  new StatefulWorkload(stack, 'db', { ...meta, image: 'postgres:16', ports: [{ port: 5432 }], networks: [backend], disruptionBudget: { maxUnavailable: 1 } });
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

  test('objects of a workload (HorizontalPodAutoscaler, PodDisruptionBudget, its NetworkPolicies) carry its labels; the first two its annotations', () => {
    const own = kube.filter((o) => ['HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(o.kind) || /^(external|egress)-/.test(o.metadata.name));
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
      expect(built.map((o) => o.kind)).toEqual(expect.arrayContaining(['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'Ingress']));
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
