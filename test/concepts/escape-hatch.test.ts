import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Kubernetes, Swarm, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

// ---- Kubernetes output
describe('Kubernetes escape hatches', () => {
  test('customize() hands over the chart, the cdk8s-plus workload and its Service', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36', ports: [{ port: 80 }] });
    const seen: string[] = [];
    Kubernetes.customize(w, ({ chart, workload, service }) => {
      seen.push(chart.node.id, workload.constructor.name, service!.name);
      ApiObject.of(workload).metadata.addAnnotation('example.com/patched', 'yes');
      service!.metadata.addLabel('extra', 'label');
      new kplus.k8s.KubePodDisruptionBudget(chart, 'pdb', {
        metadata: { name: 'w' },
        spec: { minAvailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: { 'app.kubernetes.io/name': 'w' } } },
      });
    });
    const { kube } = renderChecked(app);
    expect(seen).toEqual(['s', 'Deployment', 'w']);
    expect(findObject(kube, 'Deployment', 'w').metadata.annotations).toEqual({ 'example.com/patched': 'yes' });
    expect(findObject(kube, 'Service', 'w').metadata.labels!.extra).toBe('label');
    const pdb = findObject(kube, 'PodDisruptionBudget', 'w');
    expect(pdb.metadata.namespace).toBe('s');
    expect(pdb.spec.minAvailable).toBe(1);
  });

  test('customize() runs at every render, in the order registered', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36' });
    const calls: number[] = [];
    Kubernetes.customize(w, () => calls.push(1));
    Kubernetes.customize(w, () => calls.push(2));
    app.render();
    app.render();
    expect(calls).toEqual([1, 2, 1, 2]);
  });

  test('addJsonPatch() patches the workload object; the result still validates strictly', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36' });
    Kubernetes.addJsonPatch(w,
      JsonPatch.add('/spec/template/spec/priorityClassName', 'high'),
      JsonPatch.replace('/spec/revisionHistoryLimit', 3));
    const d = findObject(renderChecked(app).kube, 'Deployment', 'w');
    expect(d.spec.template.spec.priorityClassName).toBe('high');
    expect(d.spec.revisionHistoryLimit).toBe(3);
  });

  test('addJsonPatch() applies to the rendered JSON: plain strings for int-or-string and quantity fields stay', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36', replicas: 4 });
    Kubernetes.addJsonPatch(w,
      JsonPatch.replace('/spec/strategy/rollingUpdate/maxSurge', '25%'),
      JsonPatch.add('/spec/template/spec/containers/0/resources', { limits: { 'ephemeral-storage': '1Gi' } }));
    const d = findObject(renderChecked(app).kube, 'Deployment', 'w');
    expect(d.spec.strategy.rollingUpdate.maxSurge).toBe('25%');
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { 'ephemeral-storage': '1Gi' } });
  });

  test('customizing one workload leaves the others alone', () => {
    const { app, stack } = newStack('s');
    const a = new Workload(stack, 'a', { image: 'busybox:1.36' });
    new Workload(stack, 'b', { image: 'busybox:1.36' });
    Kubernetes.addJsonPatch(a, JsonPatch.add('/spec/template/spec/priorityClassName', 'high'));
    const { kube } = renderChecked(app);
    expect(findObject(kube, 'Deployment', 'b').spec.template.spec.priorityClassName).toBeUndefined();
  });

  test('a patch that breaks the schema is caught by the strict oracle', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36' });
    Kubernetes.addJsonPatch(w, JsonPatch.replace('/spec/replicas', 'three'));
    expect(() => renderChecked(app)).toThrow(/Deployment\/w\/spec\/replicas must be integer/);
  });
});

// ---- Swarm output
describe('Swarm.override: raw fields merged into the rendered service', () => {
  test('objects merge key by key; lists and scalars replace; undefined deletes', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36', env: { A: '1' } });
    Swarm.override(w, {
      environment: { B: '2' },
      cap_drop: ['NET_RAW'],
      read_only: undefined,
      deploy: { mode: 'replicated', endpoint_mode: 'dnsrr' },
      stop_grace_period: '1m',
    });
    const s = renderChecked(app).compose.services.w;
    expect(s.environment).toEqual({ A: '1', B: '2' });
    expect(s.cap_drop).toEqual(['NET_RAW']);
    expect(s).not.toHaveProperty('read_only');
    expect(s.deploy).toMatchObject({ mode: 'replicated', replicas: 1, endpoint_mode: 'dnsrr' });
    expect(s.deploy.update_config).toBeDefined();
    expect(s.stop_grace_period).toBe('1m');
  });

  test('an override names only the nested fields it changes (no required field to repeat)', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36', resources: { cpu: { request: '500m', limit: '1' }, memory: { request: '64Mi' } } });
    Swarm.override(w, { deploy: { resources: { reservations: { cpus: '0.01' } } } });
    const s = renderChecked(app).compose.services.w;
    expect(s.deploy.mode).toBe('replicated');
    expect(s.deploy.resources).toEqual({ limits: { cpus: '1' }, reservations: { cpus: '0.01', memory: '64M' } });
  });

  test('several overrides apply in order; only the workload given is touched', () => {
    const { app, stack } = newStack('s');
    const a = new Workload(stack, 'a', { image: 'busybox:1.36' });
    new Workload(stack, 'b', { image: 'busybox:1.36' });
    Swarm.override(a, { deploy: { mode: 'replicated', replicas: 2 } });
    Swarm.override(a, { deploy: { mode: 'replicated', replicas: 7 } });
    const { compose } = renderChecked(app);
    expect(compose.services.a.deploy.replicas).toBe(7);
    expect(compose.services.b.deploy.replicas).toBe(1);
  });

  test('an override that breaks the Compose schema is caught by the oracle', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36' });
    Swarm.override(w, { deploy: { mode: 'replicated', resources: { limits: { cpus: 0.5 as unknown as string } } } });
    expect(() => renderChecked(app)).toThrow(/cpus must be string/);
  });
});
