import { Secret, Workload } from '../../lib';
import type { WorkloadProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

function service(props: Partial<WorkloadProps> = {}, more: (w: Workload) => void = () => undefined) {
  const { app, stack } = newStack('s');
  more(new Workload(stack, 'w', { image: 'busybox:1.36', ...props }));
  return renderChecked(app).compose.services.w;
}

describe('Workload → replicated service', () => {
  test('image; command → entrypoint, args → command; workingDir → working_dir', () => {
    const s = service({ image: 'ghcr.io/acme/api:1.4.2', command: ['/bin/api'], args: ['--port', '8080'], workingDir: '/srv' });
    expect(s).toMatchObject({ image: 'ghcr.io/acme/api:1.4.2', entrypoint: ['/bin/api'], command: ['--port', '8080'], working_dir: '/srv' });
  });

  test('nothing given: no entrypoint, command, working_dir, environment, ports or mounts', () => {
    expect(Object.keys(service()).sort()).toEqual(['cap_drop', 'deploy', 'image', 'read_only', 'user']);
  });

  test('deploy.mode replicated; replicas default 1, from props, from scale()', () => {
    expect(service().deploy).toMatchObject({ mode: 'replicated', replicas: 1 });
    expect(service({ replicas: 3 }).deploy.replicas).toBe(3);
    expect(service({ replicas: 3 }, (w) => w.scale(5)).deploy.replicas).toBe(5);
    expect(service({}, (w) => w.scale(0)).deploy.replicas).toBe(0);
  });

  // An empty value has no stack-file form (docker fills it from the deploying shell): test/guarantees/fuzz-regressions.test.ts.
  test('environment sorted by name, values strings (quoted where YAML 1.1 would read another type)', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36', env: { ZED: 'z', ALPHA: 'a', ON: 'yes', PORT: '80' } })
      .addEnv('MIDDLE', 'm').envFromSecret('BETA', Secret.fromExisting(stack, 'pw'));
    const { compose, files } = renderChecked(app);
    expect(Object.entries(compose.services.w.environment!)).toEqual([
      ['ALPHA', 'a'], ['BETA_FILE', '/run/secrets/pw'], ['MIDDLE', 'm'], ['ON', 'yes'], ['PORT', '80'], ['ZED', 'z'],
    ]);
    expect(files.get('swarm/s/compose.yaml')).toContain('"ON": "yes"');
    expect(files.get('swarm/s/compose.yaml')).toContain('PORT: "80"');
  });
});
