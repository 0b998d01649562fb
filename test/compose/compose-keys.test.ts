import { loadComposeText } from '../../lib/compose/loader';
import { ComposeKeys, planImport } from '../../lib/compose/plan';

/*
 * The planner records the Compose key behind each model field it sets, so
 * that a problem, gap or risk the model finds in a field is reported at
 * the key the user wrote (build.ts, checkImported).
 */

test('a field maps to the key of the longest recorded field it is or lies under', () => {
  const keys = new ComposeKeys();
  keys.record('deploy.update_config', 'rollout');
  keys.record('deploy.update_config.parallelism', 'rollout.parallelism');
  keys.record('environment', 'env', 'envFromSecret');
  keys.record('ports', 'ports');
  expect(keys.keyOf('rollout.parallelism')).toBe('deploy.update_config.parallelism');
  expect(keys.keyOf('rollout.monitor')).toBe('deploy.update_config');
  expect(keys.keyOf('ports[2].port')).toBe('ports');
  expect(keys.keyOf('env["A"]')).toBe('environment');
  expect(keys.keyOf('envFromSecret.A')).toBe('environment');
  // A field that only starts with the same letters is not under it.
  expect(keys.keyOf('envFromConfig')).toBe('');
  expect(keys.keyOf('name')).toBe('');
});

function plan(yaml: string) {
  return planImport(loadComposeText(yaml, { file: 'docker-compose.yml', dir: '/tmp' }), 'shop');
}

test('each section records the keys of the props it maps', () => {
  const { workloads } = plan(`
version: "3.8"
services:
  web:
    image: nginx:1.25
    user: "1000"
    ports: ["8080:80"]
    deploy:
      resources: { limits: { memory: 256M } }
  migrate:
    image: alpine:3.19
    deploy: { mode: replicated-job, restart_policy: { max_attempts: 5 } }
`);
  const keysOf = (service: string) => workloads.find((w) => w.service === service)!.composeKeys;
  const web = keysOf('web');
  expect(web.keyOf('image')).toBe('image');
  expect(web.keyOf('command')).toBe('entrypoint');
  expect(web.keyOf('args')).toBe('command');
  expect(web.keyOf('ports[0].publishMode')).toBe('ports');
  expect(web.keyOf('resources.memory.limit')).toBe('deploy.resources.limits.memory');
  expect(web.keyOf('resources.cpu.request')).toBe('deploy.resources.reservations.cpus');
  expect(web.keyOf('security.group')).toBe('user');
  expect(web.keyOf('security.dropCapabilities')).toBe('cap_drop');
  expect(web.keyOf('rollout.failureAction')).toBe('deploy.update_config.failure_action');
  expect(web.keyOf('restartPolicy.window')).toBe('deploy.restart_policy.window');
  expect(web.keyOf('lifecycle.stopSignal')).toBe('stop_signal');
  expect(web.keyOf('mounts[1].path')).toBe('volumes');
  expect(web.keyOf('networks')).toBe('networks');
  const migrate = keysOf('migrate');
  expect(migrate.keyOf('retries')).toBe('deploy.restart_policy.max_attempts');
  expect(migrate.keyOf('completions')).toBe('deploy.replicas');
});
