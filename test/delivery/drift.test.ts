import { serviceDrift } from '../../lib/delivery/drift';
import { planStack } from '../../lib/delivery/plan';
import { SPEC_HASH_LABEL } from '../../lib/delivery/stack-files';
import type { ServiceInfo } from '../../lib/delivery/engine';
import { deployedSpec, shopStack } from './support';

const info = (spec: ServiceInfo['Spec']): ServiceInfo => ({ ID: spec.Name, Version: { Index: 1 }, Spec: spec });

describe('drift: where the running spec differs from the stack file', () => {
  const stack = shopStack();

  test('a service deployed from this output has no drift', () => {
    expect(serviceDrift(stack, 'web', deployedSpec(stack, 'web'))).toEqual([]);
    expect(serviceDrift(stack, 'worker', deployedSpec(stack, 'worker'))).toEqual([]);
  });

  test('a manual docker service scale is a replicas drift', () => {
    const scaled = deployedSpec(stack, 'web', (s) => ({ ...s, Mode: { Replicated: { Replicas: 5 } } }));
    expect(serviceDrift(stack, 'web', scaled)).toEqual([{ service: 'shop_web', field: 'replicas', expected: '2', actual: '5' }]);
  });

  test('an image changed by hand is drift; the digest the engine pins (--resolve-image always) is not', () => {
    const pinned = deployedSpec(
      stack,
      'web',
      (s) => ({ ...s, TaskTemplate: { ContainerSpec: { ...s.TaskTemplate.ContainerSpec, Image: `web:1@sha256:${'a'.repeat(64)}` } } }),
    );
    expect(serviceDrift(stack, 'web', pinned)).toEqual([]);
    const changed = deployedSpec(
      stack,
      'web',
      (s) => ({ ...s, TaskTemplate: { ContainerSpec: { ...s.TaskTemplate.ContainerSpec, Image: 'web:2' } } }),
    );
    expect(serviceDrift(stack, 'web', changed)).toEqual([{ service: 'shop_web', field: 'image', expected: 'web:1', actual: 'web:2' }]);
  });

  test('env and config changes are named by field', () => {
    const spec = deployedSpec(stack, 'worker', (s) => ({ ...s, TaskTemplate: { ContainerSpec: { ...s.TaskTemplate.ContainerSpec, Env: ['A=2'] } } }));
    expect(serviceDrift(stack, 'worker', spec).map((d) => [d.field, d.expected, d.actual])).toEqual([['environment', 'A=1', 'A=2']]);
  });

  test('a missing service is drift', () => {
    expect(serviceDrift(stack, 'web', undefined)).toEqual([{ service: 'shop_web', field: 'service', expected: 'present', actual: 'missing' }]);
  });

  test('a change only the hash label sees (new config content) is a spec drift', () => {
    const next = shopStack('v2');
    expect(next.hashes.get('web')).not.toBe(stack.hashes.get('web'));
    expect(next.hashes.get('worker')).toBe(stack.hashes.get('worker'));
    expect(serviceDrift(next, 'web', deployedSpec(stack, 'web')).map((d) => d.field)).toEqual(['spec']);
    const plain = deployedSpec(stack, 'web', (s) => ({ ...s, Labels: { 'com.docker.stack.namespace': 'shop' } }));
    expect(serviceDrift(stack, 'web', plain)).toEqual([
      { service: 'shop_web', field: 'spec', expected: expect.any(String), actual: 'not deployed by conductor' },
    ]);
  });
});

describe('plan: only changed services are deployed', () => {
  test('unchanged, update and create, decided before deploying; extra services reported', () => {
    const v1 = shopStack();
    const v2 = shopStack('v2');
    const running = new Map([
      ['shop_web', info(deployedSpec(v1, 'web'))],
      ['shop_old', info({ ...deployedSpec(v1, 'web'), Name: 'shop_old' })],
    ]);
    const plan = planStack(v2, running);
    expect(plan.services.map((s) => [s.name, s.action])).toEqual([['shop_web', 'update'], ['shop_worker', 'create']]);
    expect(plan.extra).toEqual(['shop_old']);
    const same = planStack(v1, new Map([['shop_web', info(deployedSpec(v1, 'web'))], ['shop_worker', info(deployedSpec(v1, 'worker'))]]));
    expect(same.services.map((s) => s.action)).toEqual(['unchanged', 'unchanged']);
    expect(deployedSpec(v1, 'web').Labels![SPEC_HASH_LABEL]).toMatch(/^[0-9a-f]{16}$/);
  });
});
