import { Config, Secret, Volume, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

describe('names and selectors', () => {
  const build = () => {
    const { app, stack } = newStack('shop');
    const cfg = new Config(stack, 'web-config', { files: { 'a.conf': 'a' } });
    const data = new Volume(stack, 'pg-data');
    const pw = Secret.fromExisting(stack, 'db-password');
    new Workload(stack, 'api', { image: 'ghcr.io/acme/api:1.0', ports: [{ port: 80 }] })
      .mountConfig(cfg, '/etc/web').mountVolume('/data', data).mountSecret(pw).mountScratch('/tmp');
    return renderChecked(app).kube;
  };

  test('objects carry the names the user gave, no cdk8s hash suffixes', () => {
    const kube = build();
    expect(kube.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/shop', 'ConfigMap/web-config-' + kube[1].metadata.name.slice(-10), 'PersistentVolumeClaim/pg-data', 'Service/api', 'Deployment/api',
    ]);
    expect(kube[1].metadata.name).toMatch(/^web-config-[0-9a-f]{10}$/);
    const pod = findObject(kube, 'Deployment', 'api').spec.template.spec;
    expect(pod.volumes.map((v: { name: string }) => v.name)).toEqual(['config-web-config', 'data-pg-data', 'secret-db-password', 'scratch-0']);
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['main']);
  });

  test('Deployment and Service select pods by app.kubernetes.io labels, never cdk8s.io/metadata.addr', () => {
    const kube = build();
    const selector = { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' };
    const deployment = findObject(kube, 'Deployment', 'api');
    expect(deployment.spec.selector).toEqual({ matchLabels: selector });
    expect(deployment.spec.template.metadata.labels).toEqual(selector);
    expect(findObject(kube, 'Service', 'api').spec.selector).toEqual(selector);
    expect(JSON.stringify(kube)).not.toContain('cdk8s.io/metadata.addr');
  });

  test('a long pod volume name is cut to a DNS label and keeps a hash', () => {
    const { app, stack } = newStack('s');
    const data = new Volume(stack, 'v'.repeat(60));
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountVolume('/data', data);
    const pod = findObject(renderChecked(app).kube, 'Deployment', 'w').spec.template.spec;
    const name: string = pod.volumes[0].name;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^data-v+-[0-9a-f]{10}$/);
    expect(pod.containers[0].volumeMounts[0].name).toBe(name);
  });
});
