import { Docker } from '../../lib/delivery/docker';
import { deliver, DeliveryProps } from '../../lib/delivery/deploy';
import type { ServiceSpec } from '../../lib/delivery/engine';
import { SPEC_HASH_LABEL, StackFiles } from '../../lib/delivery/stack-files';
import type { ComposeFile } from '../../lib/swarm/compose-types';
import { fakeClock, FakeEngine } from './fake-engine';
import { deployedSpec, shopStack } from './support';

/** An engine with the token secret, running `stack` as conductor deployed it. */
function running(stack: StackFiles): FakeEngine {
  const engine = new FakeEngine();
  engine.secrets.push({ name: 'token', labels: {} });
  for (const key of Object.keys(stack.compose.services)) {
    const spec = deployedSpec(stack, key);
    engine.addService(spec.Name, spec, {
      running: stack.compose.services[key].deploy.replicas ?? 1,
      desired: stack.compose.services[key].deploy.replicas ?? 1,
      UpdateStatus: { State: 'completed', StartedAt: 'earlier' },
    });
  }
  return engine;
}

/** What `docker stack deploy` does with a file, as far as the tests need: each service's spec, updated. */
function applyDeploy(engine: FakeEngine, next: StackFiles, status: (key: string) => string): (compose: ComposeFile) => void {
  return (compose) => {
    for (const key of Object.keys(compose.services)) {
      const name = `${next.name}_${key}`;
      const spec: ServiceSpec = deployedSpec(
        next,
        key,
        (s) => ({ ...s, Labels: { ...s.Labels, [SPEC_HASH_LABEL]: compose.services[key].deploy.labels![SPEC_HASH_LABEL] } }),
      );
      if (engine.services.has(name)) engine.update(name, spec, { State: status(key), StartedAt: 'now' });
      else engine.addService(name, spec);
    }
  };
}

function props(engine: FakeEngine, more: Partial<DeliveryProps> = {}): DeliveryProps & { lines: string[] } {
  const lines: string[] = [];
  return {
    docker: new Docker(engine.runner),
    clock: fakeClock(),
    log: (l) => lines.push(l),
    view: () => ({ show: () => undefined }),
    timeoutMs: 30_000,
    lines,
    ...more,
  };
}

describe('deploy: one stack, end to end against a fake engine', () => {
  test('unchanged output: no docker stack deploy at all (no service version bumps)', async () => {
    const engine = running(shopStack());
    const p = props(engine);
    const [r] = await deliver([shopStack()], p);
    expect(r.result).toBe('unchanged');
    expect(engine.commands('stack deploy')).toEqual([]);
    expect(p.lines[0]).toBe('stack shop: unchanged');
  });

  test('a config change deploys only the service that uses it, labelled with its hash, with absolute config paths', async () => {
    const v2 = shopStack('v2');
    const engine = running(shopStack());
    let deployed: ComposeFile | undefined;
    const apply = applyDeploy(engine, v2, () => 'completed');
    engine.onDeploy = (c) => {
      deployed = c;
      apply(c);
    };
    const [r] = await deliver([v2], props(engine, { resolveImage: 'never' }));
    expect(r.result).toBe('deployed');
    expect(Object.keys(deployed!.services)).toEqual(['web']);
    expect(deployed!.services.web.deploy.labels).toEqual({ [SPEC_HASH_LABEL]: v2.hashes.get('web') });
    expect(deployed!.configs!.page.file).toBe(`${v2.dir}/configs/page.html`);
    expect(engine.commands('stack deploy')[0]).toEqual([
      'stack',
      'deploy',
      '--detach=true',
      '--resolve-image',
      'never',
      '-c',
      expect.any(String),
      'shop',
    ]);
    expect(engine.commands('config ls --filter')).toHaveLength(1);
  });

  test('a service failing to converge rolls back every changed service, the healthy one too; the report says so', async () => {
    const v1 = shopStack();
    const next = shopStack('v2', 'web:2');
    // worker changes too: its env.
    (next.compose.services.worker.environment as Record<string, string>).A = '2';
    (next.hashes as Map<string, string>).set('worker', 'worker-v2');
    const engine = running(v1);
    engine.onDeploy = applyDeploy(engine, next, (key) => (key === 'web' ? 'paused' : 'completed'));
    const p = props(engine);
    const [r] = await deliver([next], p);
    expect(r.result).toBe('failed');
    expect(r.error).toMatch(/^shop_web: Swarm paused the update/);
    expect(r.rollback).toEqual([{ service: 'shop_web', result: 'rolled back' }, { service: 'shop_worker', result: 'rolled back' }]);
    expect(engine.services.get('shop_web')!.info.Spec.TaskTemplate.ContainerSpec.Image).toBe('web:1');
    expect(engine.services.get('shop_worker')!.info.Spec.TaskTemplate.ContainerSpec.Env).toEqual(['A=1']);
    expect(engine.commands('config ls --filter')).toEqual([]);
  });

  test('--no-rollback leaves the failed stack as it is, and the stacks after it are skipped', async () => {
    const next = shopStack('v2');
    const engine = running(shopStack());
    engine.onDeploy = applyDeploy(engine, next, () => 'paused');
    const [r, after] = await deliver([next, shopStack()], props(engine, { rollback: false }));
    expect([r.result, r.rollback, after.result]).toEqual(['failed', undefined, 'skipped']);
    expect(engine.commands('service rollback')).toEqual([]);
  });

  test('an image changed by hand: the stack image label is set to it first, so that docker stack deploy replaces it', async () => {
    const v1 = shopStack();
    const engine = running(v1);
    const web = engine.services.get('shop_web')!;
    // As the engine has it after a stack deploy of web:1 and `docker service update --image web:hand`.
    const labels = { ...web.info.Spec.Labels, 'com.docker.stack.image': 'web:1' };
    engine.update('shop_web', {
      ...web.info.Spec,
      Labels: labels,
      TaskTemplate: { ContainerSpec: { ...web.info.Spec.TaskTemplate.ContainerSpec, Image: 'web:hand' } },
    });
    engine.onDeploy = applyDeploy(engine, v1, () => 'completed');
    const [r] = await deliver([v1], props(engine));
    expect(r.result).toBe('deployed');
    expect(engine.commands('service update')).toEqual([
      ['service', 'update', '--detach', '--no-resolve-image', '--label-add', 'com.docker.stack.image=web:hand', 'shop_web'],
    ]);
  });

  test('a new image in dist/: no label update first (the docker CLI deploys a changed image)', async () => {
    const v1 = shopStack();
    const engine = running(v1);
    const web = engine.services.get('shop_web')!;
    web.info = { ...web.info, Spec: { ...web.info.Spec, Labels: { ...web.info.Spec.Labels, 'com.docker.stack.image': 'web:1' } } };
    const v2 = shopStack('v1', 'web:2');
    engine.onDeploy = applyDeploy(engine, v2, () => 'completed');
    expect((await deliver([v2], props(engine)))[0].result).toBe('deployed');
    expect(engine.commands('service update')).toEqual([]);
  });

  test('the wait ends at the timeout: failed, rolled back', async () => {
    // A new image: Swarm rolls the tasks, and the update never completes.
    const next = shopStack('v1', 'web:2');
    const engine = running(shopStack());
    engine.onDeploy = applyDeploy(engine, next, () => 'updating');
    const [r] = await deliver([next], props(engine, { timeoutMs: 5_000 }));
    expect(r.error).toBe('shop_web: not converged after 5s');
    expect(r.rollback).toEqual([{ service: 'shop_web', result: 'rolled back' }]);
  });
});
