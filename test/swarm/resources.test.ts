import { Workload } from '../../lib';
import type { ResourcesProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

function resources(r: ResourcesProps | undefined) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36', resources: r });
  return renderChecked(app).compose.services.w.deploy.resources;
}

describe('resources → deploy.resources reservations / limits', () => {
  test('requests → reservations, limits → limits; cpus a string of cores, memory with a binary suffix', () => {
    expect(resources({ cpu: { request: '250m', limit: '1' }, memory: { request: '128Mi', limit: '256Mi' } })).toEqual({
      reservations: { cpus: '0.25', memory: '128M' },
      limits: { cpus: '1', memory: '256M' },
    });
  });

  test.each([['500m', '0.5'], ['1', '1'], ['1.5', '1.5'], ['2500m', '2.5'], ['1m', '0.001'], ['0.1', '0.1']])('cpu %s → cpus "%s"', (given, cpus) => {
    expect(resources({ cpu: { limit: given } })).toEqual({ limits: { cpus } });
  });

  test.each([['64Mi', '64M'], ['1Gi', '1G'], ['1536Mi', '1536M'], ['1Ti', '1024G']])('memory %s → %s (go-units: binary suffixes, the exact bytes)', (given, memory) => {
    expect(resources({ memory: { limit: given } })).toEqual({ limits: { memory } });
  });

  test('only what is given; nothing at all without resources', () => {
    expect(resources({ memory: { request: '32Mi' } })).toEqual({ reservations: { memory: '32M' } });
    expect(resources({ cpu: { limit: '2' } })).toEqual({ limits: { cpus: '2' } });
    expect(resources(undefined)).toBeUndefined();
    expect(resources({})).toBeUndefined();
  });
});
