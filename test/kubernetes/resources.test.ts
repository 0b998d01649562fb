import { Workload } from '../../lib';
import type { ResourcesProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

function resources(r: ResourcesProps) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', resources: r });
  return findObject(renderChecked(app).kube, 'Deployment', 'w').spec.template.spec.containers[0].resources;
}

describe('resources → requests / limits', () => {
  test('requests and limits, cpu in millicores and memory in Mi', () => {
    expect(resources({ cpu: { request: '250m', limit: '1' }, memory: { request: '128Mi', limit: '256Mi' } })).toEqual({
      requests: { cpu: '250m', memory: '128Mi' },
      limits: { cpu: '1000m', memory: '256Mi' },
    });
  });

  test.each([['0.5', '500m'], ['2', '2000m'], ['1.25', '1250m'], ['100m', '100m'], ['.1', '100m']])('cpu %s → %s', (given, rendered) => {
    expect(resources({ cpu: { request: given } })).toEqual({ requests: { cpu: rendered } });
  });

  test.each([['1Gi', '1024Mi'], ['64Mi', '64Mi'], ['8388608', '8Mi'], ['1Ti', '1048576Mi']])('memory %s → %s (the same quantity)', (given, rendered) => {
    expect(resources({ memory: { limit: given } })).toEqual({ limits: { memory: rendered } });
  });

  test('only what is given: a cpu limit alone, a memory request alone', () => {
    expect(resources({ cpu: { limit: '2' } })).toEqual({ limits: { cpu: '2000m' } });
    expect(resources({ memory: { request: '32Mi' } })).toEqual({ requests: { memory: '32Mi' } });
  });

  test('empty resources props render nothing (no cdk8s-plus defaults)', () => {
    expect(resources({})).toBeUndefined();
  });
});
