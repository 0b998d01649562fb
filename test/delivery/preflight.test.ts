import { Docker } from '../../lib/delivery/docker';
import { deliver } from '../../lib/delivery/deploy';
import { compareVersions, preflight } from '../../lib/delivery/preflight';
import { fakeClock, FakeEngine } from './fake-engine';
import { shopStack, stackDir } from './support';

const props = (engine: FakeEngine) => ({
  docker: new Docker(engine.runner),
  clock: fakeClock(),
  log: () => undefined,
  view: () => ({ show: () => undefined }),
});

describe('preflight: checked before anything changes', () => {
  test('a missing external secret and network are listed with the command that creates them, never a value', async () => {
    const engine = new FakeEngine();
    const stack = stackDir('shop', {
      services: {
        w: { image: 'a:1', secrets: [{ source: 'token', target: '/run/secrets/token' }], networks: ['edge'], deploy: { mode: 'replicated' } },
      },
      secrets: { token: { external: true, name: 'token' } },
      networks: { edge: { external: true, name: 'edge-net' } },
    });
    const r = await preflight(new Docker(engine.runner), [stack]);
    expect(r.problems).toEqual([
      `stack shop: external secret "token" does not exist: printf '%s' "$VALUE" | docker secret create token -`,
      'stack shop: external network "edge-net" does not exist: docker network create --driver overlay --attachable edge-net',
    ]);
    engine.secrets.push({ name: 'token', labels: {} });
    engine.networks.push('edge-net');
    expect((await preflight(new Docker(engine.runner), [stack])).problems).toEqual([]);
  });

  test('a problem stops deliver before any stack deploy, and every problem is in the error', async () => {
    const engine = new FakeEngine();
    await expect(deliver([shopStack()], props(engine))).rejects.toThrow(
      /preflight failed, nothing was deployed:\n {2}- stack shop: external secret "token"/,
    );
    expect(engine.commands('stack deploy')).toEqual([]);
    expect(engine.commands('service rm')).toEqual([]);
  });

  test('an engine that does not answer, is no swarm, or is a worker', async () => {
    const engine = new FakeEngine();
    engine.secrets.push({ name: 'token', labels: {} });
    engine.swarm = 'down';
    expect((await preflight(new Docker(engine.runner), [shopStack()])).problems).toEqual([
      expect.stringMatching(/^the Docker engine does not answer \(docker info\): Cannot connect/),
    ]);
    engine.swarm = { LocalNodeState: 'inactive', ControlAvailable: false };
    expect((await preflight(new Docker(engine.runner), [shopStack()])).problems).toEqual([
      expect.stringMatching(/not part of a swarm \(state inactive\)/),
    ]);
    engine.swarm = { LocalNodeState: 'active', ControlAvailable: false };
    expect((await preflight(new Docker(engine.runner), [shopStack()])).problems).toEqual([expect.stringMatching(/a swarm worker, not a manager/)]);
  });

  test('an engine API older than what the stack file uses (jobs, cap_drop need 1.41)', async () => {
    const engine = new FakeEngine();
    engine.apiVersion = '1.40';
    const stack = stackDir('s', { services: { job: { image: 'a:1', cap_drop: ['ALL'], deploy: { mode: 'replicated-job' } } } });
    const { problems } = await preflight(new Docker(engine.runner), [stack]);
    expect(problems).toEqual([
      "the engine's API 1.40 is older than 1.41, which job services (deploy.mode replicated-job / global-job) need: s/job",
      "the engine's API 1.40 is older than 1.41, which cap_add / cap_drop need: s/job",
    ]);
    expect(compareVersions('1.41', '1.9')).toBeGreaterThan(0);
  });
});
