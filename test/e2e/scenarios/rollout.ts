import { IMAGE_V1, IMAGE_V2 } from '../apps/images';
import { ROLLOUT_STACK, rolloutApp } from '../apps/rollout';
import { delayViolations, maxConcurrentSlots, slotUpdates } from '../support/rollout-analysis';
import { deployStack, removeStack, shInEach, step, tasksOf, waitForReplicas, waitForUpdateState } from '../support';

const svc = (name: string) => `${ROLLOUT_STACK}_${name}`;

/**
 * A rolling update from one local image tag to another, read back from the
 * engine's task history: when each slot's new task was created and became
 * running (healthy), when its old task stopped.
 */
export function rolloutScenario(): void {
  beforeAll(async () => {
    await step('rollout: deploy image :1', () => deployStack(ROLLOUT_STACK, rolloutApp(IMAGE_V1)));
    await waitForReplicas(svc('surge'), 4);
    await waitForReplicas(svc('replace'), 2);
    for (const { stdout } of [
      ...(await shInEach(svc('surge'), 'cat /etc/image-version')),
      ...(await shInEach(svc('replace'), 'cat /etc/image-version')),
    ]) {
      expect(stdout).toBe('1\n');
    }
    await step('rollout: deploy image :2 (--detach=false: until updated)', () => deployStack(ROLLOUT_STACK, rolloutApp(IMAGE_V2)));
  });

  test.each([
    { name: 'surge', replicas: 4, order: 'start-first', parallelism: 2 },
    { name: 'replace', replicas: 2, order: 'stop-first', parallelism: 1 },
  ] as const)('$name: every replica runs the new tag; the update went $order, $parallelism at a time, 1s apart', async ({
    name,
    replicas,
    order,
    parallelism,
  }) => {
    // `docker stack deploy --detach=false` may return before a stop-first update has finished.
    const service = await waitForUpdateState(svc(name), ['completed', 'paused', 'rollback_completed'], 60_000);
    expect(service.UpdateStatus?.State).toBe('completed');
    expect(service.Spec.UpdateConfig).toMatchObject({ Order: order, Parallelism: parallelism, Delay: 1e9 });
    await waitForReplicas(svc(name), replicas);
    for (const { stdout } of await shInEach(svc(name), 'cat /etc/image-version')) expect(stdout).toBe('2\n');

    const updates = slotUpdates(await tasksOf(svc(name)), IMAGE_V1, IMAGE_V2);
    expect(updates).toHaveLength(replicas);
    for (const u of updates) {
      if (order === 'start-first') expect({ slot: u.slot, newRunningBeforeOldStopped: u.running <= u.stopped }).toEqual({
        slot: u.slot,
        newRunningBeforeOldStopped: true,
      });
      else expect({ slot: u.slot, oldStoppedBeforeNewRunning: u.stopped <= u.running }).toEqual({ slot: u.slot, oldStoppedBeforeNewRunning: true });
    }
    // Never more slots in flight than the parallelism, and the parallelism was used.
    expect(maxConcurrentSlots(updates)).toBe(parallelism);
    expect(delayViolations(updates, parallelism, 1000)).toEqual([]);
  });

  test('docker stack rm removes everything the stack created', async () => {
    const left = await step('rollout: docker stack rm, until everything is gone', () => removeStack(ROLLOUT_STACK));
    expect(left.volumes).toEqual([]);
  });
}
