import { TaskInspect, timeOf } from './docker';

/** One slot's replacement during a rolling update, times in ms. */
export interface SlotUpdate {
  readonly slot: number;
  /** The new task was created (the orchestrator began the slot's update). */
  readonly created: number;
  /** The new task reached running (for a health-checked service: healthy). */
  readonly running: number;
  /** The old task reached shutdown. */
  readonly stopped: number;
}

/** A task's image, without the digest. */
export function imageOf(t: TaskInspect): string {
  return t.Spec.ContainerSpec.Image.split('@')[0];
}

/**
 * Pairs each slot's old task (image `from`, shut down) with its new one
 * (image `to`, running), from the engine's task history. `version` tells
 * them apart (default: the image; e.g. a config name instead).
 */
export function slotUpdates(tasks: readonly TaskInspect[], from: string, to: string, version: (t: TaskInspect) => string = imageOf): SlotUpdate[] {
  const image = version;
  const slots = [...new Set(tasks.map((t) => t.Slot).filter((s): s is number => s !== undefined))].sort((a, b) => a - b);
  return slots.map((slot) => {
    const inSlot = tasks.filter((t) => t.Slot === slot);
    const old = inSlot.filter((t) => image(t) === from && t.Status.State === 'shutdown').pop();
    const next = inSlot.find((t) => image(t) === to && t.DesiredState === 'running' && t.Status.State === 'running');
    if (!old || !next) throw new Error(`slot ${slot}: no ${!old ? `shut-down task of ${from}` : `running task of ${to}`} in the task history`);
    return { slot, created: timeOf(next.CreatedAt), running: timeOf(next.Status.Timestamp), stopped: timeOf(old.Status.Timestamp) };
  });
}

/**
 * The most slots being updated at one time. A slot is in flight from its new
 * task's creation until that task runs: Swarm then starts on the next slot
 * (after the delay), whether or not the old task has finished stopping.
 */
export function maxConcurrentSlots(updates: readonly SlotUpdate[]): number {
  const events = updates.flatMap((u) => [
    { t: u.created, d: 1 },
    { t: u.running, d: -1 },
  ]);
  // At equal times, ends before starts: touching intervals do not overlap.
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of events) {
    now += e.d;
    max = Math.max(max, now);
  }
  return max;
}

/**
 * Slots whose update began before `delayMs` had passed since some earlier
 * slot finished (Swarm's update workers each wait the delay after a slot
 * before taking the next one). The first `parallelism` slots start at once.
 */
export function delayViolations(updates: readonly SlotUpdate[], parallelism: number, delayMs: number): SlotUpdate[] {
  const byStart = [...updates].sort((a, b) => a.created - b.created);
  return byStart.slice(parallelism).filter((u) => !byStart.some((v) => v !== u && v.running + delayMs <= u.created + 1));
}
