import { Docker } from '../../lib/delivery/docker';
import type { PlannedService } from '../../lib/delivery/plan';
import { rollbackStack, specFingerprint } from '../../lib/delivery/rollback';
import { fakeClock, FakeEngine, serviceSpec } from './fake-engine';

const v1 = serviceSpec('s_web', { Image: 'web:1' });
const v2 = serviceSpec('s_web', { Image: 'web:2' });

function setUp(): { engine: FakeEngine; planned: PlannedService } {
  const engine = new FakeEngine();
  const before = engine.addService('s_web', { Image: 'web:1' }).info;
  return { engine, planned: { key: 'web', name: 's_web', action: 'update', drift: [], before } };
}

describe('stack-wide rollback', () => {
  test('an updated service goes back with docker service rollback when its PreviousSpec is the spec from before', async () => {
    const { engine, planned } = setUp();
    engine.update('s_web', v2, { State: 'completed', StartedAt: 'new' });
    const outcomes = await rollbackStack(new Docker(engine.runner), 's', [planned], fakeClock(), 10_000);
    expect(outcomes).toEqual([{ service: 's_web', result: 'rolled back' }]);
    expect(engine.commands('service rollback')).toEqual([['service', 'rollback', '--detach', 's_web']]);
    expect(engine.services.get('s_web')!.info.Spec.TaskTemplate.ContainerSpec.Image).toBe('web:1');
  });

  test('PreviousSpec lacks engine defaults: the comparison uses only what the stack file sets', () => {
    const withDefaults = { ...v1, UpdateConfig: { Parallelism: 1, Delay: 0, Monitor: 5e9 } };
    expect(specFingerprint(withDefaults)).toBe(specFingerprint(v1));
    expect(specFingerprint(v2)).not.toBe(specFingerprint(v1));
  });

  test('a service Swarm already rolled back is left as it is; one the deploy did not reach is unchanged', async () => {
    const { engine, planned } = setUp();
    engine.update('s_web', v2);
    engine.update('s_web', v1, { State: 'rollback_completed', StartedAt: 'new' });
    expect(await rollbackStack(new Docker(engine.runner), 's', [planned], fakeClock(), 10_000)).toEqual([
      { service: 's_web', result: 'rolled back by Swarm' },
    ]);
    const fresh = setUp();
    expect(await rollbackStack(new Docker(fresh.engine.runner), 's', [fresh.planned], fakeClock(), 10_000)).toEqual([
      { service: 's_web', result: 'unchanged' },
    ]);
    expect([...engine.commands('service rollback'), ...fresh.engine.commands('service rollback')]).toEqual([]);
  });

  test('a service the deploy created is removed', async () => {
    const engine = new FakeEngine();
    engine.addService('s_new', { Image: 'new:1' });
    const outcomes = await rollbackStack(
      new Docker(engine.runner),
      's',
      [{ key: 'new', name: 's_new', action: 'create', drift: [] }],
      fakeClock(),
      10_000,
    );
    expect(outcomes).toEqual([{ service: 's_new', result: 'removed' }]);
    expect(engine.services.has('s_new')).toBe(false);
  });

  test('a PreviousSpec that is not the spec from before (changed meanwhile) is reported, not rolled back to', async () => {
    const { engine, planned } = setUp();
    engine.update('s_web', serviceSpec('s_web', { Image: 'web:hand' }));
    engine.update('s_web', v2);
    const [o] = await rollbackStack(new Docker(engine.runner), 's', [planned], fakeClock(), 10_000);
    expect(o).toMatchObject({ service: 's_web', result: 'failed', detail: expect.stringMatching(/previous spec is not the one before this deploy/) });
    expect(engine.commands('service rollback')).toEqual([]);
  });

  test('a rollback that does not complete in time is a failure', async () => {
    const { engine, planned } = setUp();
    engine.update('s_web', v2, { State: 'paused', StartedAt: 'new' });
    const real = engine.runner;
    // The rollback starts but never completes.
    const docker = new Docker(async (args) => (args[1] === 'rollback' ? { status: 0, stdout: '', stderr: '' } : real(args)));
    const [o] = await rollbackStack(docker, 's', [planned], fakeClock(), 5_000);
    expect(o).toEqual({ service: 's_web', result: 'failed', detail: 'rollback not completed after 5s' });
  });
});
