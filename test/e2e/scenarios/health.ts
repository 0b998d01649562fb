import { HEALTH_STACK, healthApp } from '../apps/health';
import {
  containersOf, deployStack, describeTasks, inspect, observe, removeStack, step, tasksOf, waitForReplicas, waitForUpdateState,
} from '../support';

const svc = (name: string) => `${HEALTH_STACK}_${name}`;

/** Health checks as the engine applies them: healthy, never ready, and a failed update rolled back. */
export function healthScenario(): void {
  beforeAll(async () => {
    // `sick` never converges, so the CLI must not wait for convergence.
    await step('health: deploy (detached)', () => deployStack(HEALTH_STACK, healthApp(false), { wait: false }));
  });

  test('a passing check: the task runs and its container is healthy', async () => {
    await step('health: healthy and guarded running', async () => {
      await waitForReplicas(svc('healthy'), 1);
      await waitForReplicas(svc('guarded'), 1);
    });
    const [c] = await inspect<{ State: { Health?: { Status: string } } }>('container', [(await containersOf(svc('healthy')))[0].container]);
    expect(c.State.Health?.Status).toBe('healthy');
  });

  test('a failing check: the service never counts a ready task, the engine replaces the unhealthy container', async () => {
    const unhealthy = (tasks: { Status: { State: string; Err?: string } }[]) => tasks.some(
      (t) => t.Status.State === 'failed' && /unhealthy/.test(t.Status.Err ?? ''),
    );
    const seen = await step('health: sick observed until a task failed as unhealthy', () => observe(svc('sick'), 60_000, unhealthy));
    expect({ unhealthyTaskFailed: unhealthy(seen.tasks), tasks: describeTasks(seen.tasks) }).toEqual({
      unhealthyTaskFailed: true,
      tasks: expect.any(String),
    });
    expect(seen.maxRunning).toBe(0);
    expect(seen.samples).toBeGreaterThan(3);
  });

  test('a failed update of a service with failureAction ROLLBACK is rolled back to the previous spec', async () => {
    const check = (t: { Spec: { ContainerSpec: { Healthcheck?: { Test: string[] } } } }) => t.Spec.ContainerSpec.Healthcheck?.Test.at(-1);
    await step('health: deploy the broken update (detached)', () => deployStack(HEALTH_STACK, healthApp(true), { wait: false }));
    const rolledBack = await step(
      'health: guarded rolled back',
      () => waitForUpdateState(svc('guarded'), ['rollback_completed', 'paused', 'rollback_paused'], 90_000),
    );
    expect(rolledBack.UpdateStatus?.State).toBe('rollback_completed');
    expect(rolledBack.UpdateStatus?.Message).toMatch(/rollback/i);
    expect(check({ Spec: rolledBack.Spec.TaskTemplate })).toBe('http://127.0.0.1:8080/');
    const tasks = await tasksOf(svc('guarded'));
    // The update's task failed its health check...
    const failed = tasks.filter((t) => check(t) === 'http://127.0.0.1:8080/missing.html');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((t) => t.Status.State === 'failed' || t.DesiredState === 'shutdown')).toBe(true);
    expect(failed.some((t) => /unhealthy/.test(t.Status.Err ?? ''))).toBe(true);
    // ...and what runs now has the previous spec.
    const running = await waitForReplicas(svc('guarded'), 1);
    expect(running.map(check)).toEqual(['http://127.0.0.1:8080/']);
  });

  test('docker stack rm removes everything the stack created', async () => {
    const left = await step('health: docker stack rm, until everything is gone', () => removeStack(HEALTH_STACK));
    expect(left.volumes).toEqual([]);
  });
}
