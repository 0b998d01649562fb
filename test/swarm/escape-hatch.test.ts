import { Swarm, Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

describe('Swarm.override: raw fields merged into the rendered service', () => {
  test('objects merge key by key; lists and scalars replace; undefined deletes', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36', env: { A: '1' } });
    Swarm.override(w, {
      environment: { B: '2' },
      cap_drop: ['NET_RAW'],
      read_only: undefined,
      deploy: { mode: 'replicated', endpoint_mode: 'dnsrr' },
      stop_grace_period: '1m',
    });
    const s = renderChecked(app).compose.services.w;
    expect(s.environment).toEqual({ A: '1', B: '2' });
    expect(s.cap_drop).toEqual(['NET_RAW']);
    expect(s).not.toHaveProperty('read_only');
    expect(s.deploy).toMatchObject({ mode: 'replicated', replicas: 1, endpoint_mode: 'dnsrr' });
    expect(s.deploy.update_config).toBeDefined();
    expect(s.stop_grace_period).toBe('1m');
  });

  test('an override names only the nested fields it changes (no required field to repeat)', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36', resources: { cpu: { request: '500m', limit: '1' }, memory: { request: '64Mi' } } });
    Swarm.override(w, { deploy: { resources: { reservations: { cpus: '0.01' } } } });
    const s = renderChecked(app).compose.services.w;
    expect(s.deploy.mode).toBe('replicated');
    expect(s.deploy.resources).toEqual({ limits: { cpus: '1' }, reservations: { cpus: '0.01', memory: '64M' } });
  });

  test('several overrides apply in order; only the workload given is touched', () => {
    const { app, stack } = newStack('s');
    const a = new Workload(stack, 'a', { image: 'busybox:1.36' });
    new Workload(stack, 'b', { image: 'busybox:1.36' });
    Swarm.override(a, { deploy: { mode: 'replicated', replicas: 2 } });
    Swarm.override(a, { deploy: { mode: 'replicated', replicas: 7 } });
    const { compose } = renderChecked(app);
    expect(compose.services.a.deploy.replicas).toBe(7);
    expect(compose.services.b.deploy.replicas).toBe(1);
  });

  test('an override that breaks the Compose schema is caught by the oracle', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36' });
    Swarm.override(w, { deploy: { mode: 'replicated', resources: { limits: { cpus: 0.5 as unknown as string } } } });
    expect(() => renderChecked(app)).toThrow(/cpus must be string/);
  });
});
