import { Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

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
