import { ApiObject, Chart, Cron, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CronJob } from '../model/cron-job';
import { Job, RunToCompletion } from '../model/job';
import { finishPod, podProps } from './pod';
import { StackStorage } from './storage';

/** Job props shared by Job and CronJob. Pods never restart in place: a failed run is a new pod, like a new Swarm task. */
function jobProps(chart: Chart, j: RunToCompletion, storage: StackStorage) {
  return {
    ...podProps(chart, j, storage),
    restartPolicy: kplus.RestartPolicy.NEVER,
    backoffLimit: j.retries,
    activeDeadline: j.activeDeadlineMs !== undefined ? Duration.seconds(j.activeDeadlineMs / 1000) : undefined,
    ttlAfterFinished: j.ttlAfterFinishedMs !== undefined ? Duration.seconds(j.ttlAfterFinishedMs / 1000) : undefined,
  };
}

/** cdk8s-plus-27 has no completions/parallelism API. */
function countsPatch(specPath: string, j: RunToCompletion): JsonPatch[] {
  return [JsonPatch.add(`${specPath}/completions`, j.completions), JsonPatch.add(`${specPath}/parallelism`, j.parallelism)];
}

/** Job → Job. */
export function renderJob(chart: Chart, j: Job, storage: StackStorage): kplus.Job {
  const job = new kplus.Job(chart, j.name, jobProps(chart, j, storage));
  finishPod(job, j);
  ApiObject.of(job).addJsonPatch(...countsPatch('/spec', j));
  return job;
}

/** CronJob → CronJob. */
export function renderCronJob(chart: Chart, j: CronJob, storage: StackStorage): kplus.CronJob {
  const [minute, hour, day, month, weekDay] = j.schedule.trim().split(/\s+/);
  const cron = new kplus.CronJob(chart, j.name, {
    ...jobProps(chart, j, storage),
    schedule: Cron.schedule({ minute, hour, day, month, weekDay }),
    timeZone: j.timeZone,
    concurrencyPolicy: j.concurrency as unknown as kplus.ConcurrencyPolicy,
  });
  finishPod(cron, j, '/spec/jobTemplate/spec/template');
  ApiObject.of(cron).addJsonPatch(...countsPatch('/spec/jobTemplate/spec', j));
  return cron;
}
