import { inspectService, tasksOf } from './docker';

/**
 * A CronJob opted in to swarm-cronjob (`CronJobOnSwarm.SWARM_CRONJOB`), as
 * the engine holds it before its scheduler runs: a replicated service at 0
 * replicas with the scheduler's labels, and no task.
 */
export async function expectIdleSwarmCronJob(service: string, schedule: string): Promise<void> {
  const cron = await inspectService(service);
  expect(cron.Spec.Mode.Replicated).toEqual({ Replicas: 0 });
  expect(cron.Spec.Labels).toMatchObject({ 'swarm.cronjob.enable': 'true', 'swarm.cronjob.schedule': schedule });
  expect(await tasksOf(service)).toEqual([]);
}
