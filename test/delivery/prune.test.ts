import { Docker } from '../../lib/delivery/docker';
import { pruneStack } from '../../lib/delivery/prune';
import { FakeEngine } from './fake-engine';

const ours = (stack: string) => ({ 'com.docker.stack.namespace': stack, 'app.kubernetes.io/managed-by': 'conductor' });

describe('prune: only Conductor\'s unused configs and secrets of the stack', () => {
  test('removes ours that no service uses; keeps used ones, foreign ones and other stacks\'', async () => {
    const engine = new FakeEngine();
    engine.configs = [
      { name: 's_page-old', labels: ours('s') },
      { name: 's_page-new', labels: ours('s') },
      { name: 's_foreign', labels: { 'com.docker.stack.namespace': 's' } },
      { name: 't_page-old', labels: ours('t') },
      { name: 'handmade', labels: {} },
    ];
    engine.secrets = [{ name: 's_plain-old', labels: ours('s') }, { name: 'token', labels: {} }];
    engine.addService('s_web', { TaskTemplate: { ContainerSpec: { Image: 'a', Configs: [{ ConfigName: 's_page-new' }] } } });
    // Used by a service of another stack: still not removed.
    engine.addService('u_x', {
      TaskTemplate: { ContainerSpec: { Image: 'a', Configs: [{ ConfigName: 's_page-old' }] } },
      Labels: { 'com.docker.stack.namespace': 'u' },
    });
    const r = await pruneStack(new Docker(engine.runner), 's');
    expect(r).toEqual({ removed: ['secret s_plain-old'], failed: [] });
    expect(engine.configs.map((c) => c.name).sort()).toEqual(['handmade', 's_foreign', 's_page-new', 's_page-old', 't_page-old']);
    engine.services.delete('u_x');
    expect((await pruneStack(new Docker(engine.runner), 's')).removed).toEqual(['config s_page-old']);
  });
});
