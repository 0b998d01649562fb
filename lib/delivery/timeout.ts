import { parseDuration } from '../model/duration';
import type { ComposeService } from '../swarm/compose-types';
import { composeReplicas } from './stack-files';

/** The least a deploy waits: pulling and starting a first task. */
export const MIN_TIMEOUT_MS = 180_000;
/** Per batch of a rolling update, on top of its delay and monitor: a task starting. */
const TASK_START_MS = 20_000;

/**
 * How long a deploy of these services may take before it counts as failed:
 * Swarm updates the services of a stack at the same time, each in batches
 * of `parallelism` tasks, and each batch takes its delay, its monitor
 * period and the time its health check needs to pass. At least 3 minutes.
 */
export function defaultTimeoutMs(services: readonly ComposeService[]): number {
  let longest = 0;
  for (const s of services) {
    const replicas = composeReplicas(s) ?? 1;
    const update = s.deploy?.update_config;
    const parallelism = update?.parallelism || replicas || 1;
    const batches = Math.ceil(Math.max(replicas, 1) / parallelism);
    const h = s.healthcheck;
    const health = h ? (parseDuration(h.start_period) ?? 0) + (parseDuration(h.interval) ?? 30_000) * ((h.retries ?? 3) + 1) : 0;
    const batch = (parseDuration(update?.delay) ?? 0) + (parseDuration(update?.monitor) ?? 5_000) + health + TASK_START_MS;
    longest = Math.max(longest, batches * batch);
  }
  return Math.max(MIN_TIMEOUT_MS, longest);
}
