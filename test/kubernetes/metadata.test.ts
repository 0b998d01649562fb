import { Exposure, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

describe('labels and annotations → object and pod metadata', () => {
  const render = () => {
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
    const kube = render();
    const d = findObject(kube, 'Deployment', 'w');
    const own = { tier: 'front', 'example.com/owner': 'web-team', 'app.kubernetes.io/name': 'w', 'app.kubernetes.io/part-of': 's' };
    expect(d.metadata.labels).toEqual({ ...own, 'app.kubernetes.io/managed-by': 'conductor' });
    expect(d.spec.template.metadata.labels).toEqual(own);
    for (const name of ['w', 'w-lb']) expect(findObject(kube, 'Service', name).metadata.labels).toMatchObject(own);
  });

  test('annotations on the Deployment and its pod template', () => {
    const d = findObject(render(), 'Deployment', 'w');
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
