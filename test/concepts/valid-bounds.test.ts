import { HealthCheck, Job, RolloutOrder, Workload } from '../../lib';
import type { WorkloadProps } from '../../lib';
import { renderChecked, stackConfig } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

/*
 * Valid values are not refused (issue 14): each value below was refused by a
 * bound of the model that no target enforces. Each now renders on both
 * targets, passes the oracles (Kubernetes 1.27 schemas, Compose schema and
 * deploy checks, `docker stack config`) and reaches the output as given.
 * The bounds that remain name the target that enforces them (lib/model).
 */
const image = 'busybox:1.36';

function web(props: Partial<WorkloadProps>) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'web', { image, ...props });
  const checked = renderChecked(app);
  const loaded = stackConfig(checked.files, 's');
  expect({ status: loaded.status, stderr: loaded.stderr }).toEqual({ status: 0, stderr: '' });
  return checked;
}

test('rollout.parallelism above the replica count: start-first (maxSurge) and Swarm update_config', () => {
  const { kube, compose, out } = web({ replicas: 3, rollout: { parallelism: 5 } });
  expect(findObject(kube, 'Deployment', 'web').spec.strategy.rollingUpdate).toEqual({ maxSurge: 5, maxUnavailable: 0 });
  expect(compose.services.web.deploy.update_config?.parallelism).toBe(5);
  expect(out.gaps).toEqual([]);
});

test('rollout.parallelism above the replica count: stop-first (maxUnavailable)', () => {
  const { kube, compose } = web({ replicas: 2, rollout: { parallelism: 4, order: RolloutOrder.STOP_FIRST } });
  expect(findObject(kube, 'Deployment', 'web').spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 4 });
  expect(compose.services.web.deploy.update_config).toMatchObject({ parallelism: 4, order: 'stop-first' });
});

test('rollout.parallelism above the replicas after scale() down', () => {
  const { app, stack } = newStack('s');
  new Workload(stack, 'web', { image, replicas: 4, rollout: { parallelism: 3 } }).scale(2);
  const { kube } = renderChecked(app);
  expect(findObject(kube, 'Deployment', 'web').spec.replicas).toBe(2);
});

test('a health timeout longer than the interval, and more than 100 retries', () => {
  const check = HealthCheck.command(['true']);
  const { kube, compose } = web({ health: { check, interval: '5s', timeout: '10s', retries: 200 } });
  const probe = findObject(kube, 'Deployment', 'web').spec.template.spec.containers[0].livenessProbe;
  expect(probe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 10, failureThreshold: 200 });
  expect(compose.services.web.healthcheck).toMatchObject({ interval: '5s', timeout: '10s', retries: 200 });
});

test('a disruption budget keeping more replicas available than there are', () => {
  const { kube } = web({ replicas: 2, disruptionBudget: { minAvailable: 3 } });
  expect(findObject(kube, 'PodDisruptionBudget', 'web').spec.minAvailable).toBe(3);
});

test('an autoscaling target above limit / request', () => {
  const resources = { cpu: { request: '100m', limit: '400m' } };
  const { kube } = web({ resources, autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 500 } });
  expect(findObject(kube, 'HorizontalPodAutoscaler', 'web').spec.metrics[0].resource.target.averageUtilization).toBe(500);
});

test('more than 10,000 replicas (Kubernetes replicas is an int32)', () => {
  const { kube, compose } = web({ replicas: 20000 });
  expect(findObject(kube, 'Deployment', 'web').spec.replicas).toBe(20000);
  expect(compose.services.web.deploy.replicas).toBe(20000);
});

test('a Job with parallelism above completions, and ttlAfterFinished 0s', () => {
  const { app, stack } = newStack('s');
  new Job(stack, 'migrate', { image, completions: 2, parallelism: 3, ttlAfterFinished: '0s' });
  const { kube, compose, out, files } = renderChecked(app);
  expect(findObject(kube, 'Job', 'migrate').spec).toMatchObject({ completions: 2, parallelism: 3, ttlSecondsAfterFinished: 0 });
  // Swarm runs all completions at once, as Kubernetes does here: no gap for parallelism.
  expect(compose.services.migrate.deploy).toMatchObject({ mode: 'replicated-job', replicas: 2 });
  expect(out.gaps.filter((g) => g.field === 'parallelism')).toEqual([]);
  expect(stackConfig(files, 's').status).toBe(0);
});
