import { Docker, DockerError, DockerRunner } from '../../lib/delivery/docker';
import { waitForConvergence } from '../../lib/delivery/progress';
import { fakeClock, FakeEngine } from './fake-engine';

describe('the docker CLI wrapper', () => {
  test('inspect leaves out objects gone since they were listed (Swarm trims task history), and fails on anything else', async () => {
    const runner: DockerRunner = async (args) => args.includes('gone')
      ? { status: 1, stdout: '[{"ID":"a"}]\n', stderr: 'Error: No such task: gone\n' }
      : { status: 1, stdout: '', stderr: 'Cannot connect to the Docker daemon' };
    const docker = new Docker(runner);
    expect(await docker.inspect('task', ['a', 'gone'])).toEqual([{ ID: 'a' }]);
    await expect(docker.inspect('task', ['a'])).rejects.toThrow(DockerError);
    await expect(docker.inspect('task', ['a'])).rejects.toThrow(
      '`docker inspect --type task a` failed (exit 1): Cannot connect to the Docker daemon',
    );
  });

  test('the wait rides out a few failing polls, and gives up after five in a row', async () => {
    const engine = new FakeEngine();
    engine.addService('s_web', {});
    let failures = 2;
    const flaky: DockerRunner = async (args, o) => (args[0] === 'inspect' && failures-- > 0 ? {
      status: 1,
      stdout: '',
      stderr: 'rpc error: leader changed',
    } : engine.runner(args, o));
    const props = {
      stack: 's',
      services: [{ key: 'web', name: 's_web', action: 'create' as const, drift: [] }],
      tasksBefore: new Set<string>(),
      timeoutMs: 60_000,
      clock: fakeClock(),
      view: { show: () => undefined },
    };
    expect((await waitForConvergence({ ...props, docker: new Docker(flaky) })).converged).toBe(true);
    const down: DockerRunner = async (args, o) => (args[0] === 'inspect' ? {
      status: 1,
      stdout: '',
      stderr: 'rpc error: leader changed',
    } : engine.runner(args, o));
    await expect(waitForConvergence({ ...props, docker: new Docker(down) })).rejects.toThrow(/leader changed/);
  });
});
