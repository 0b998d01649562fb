import { LongRunningWorkload } from '../long-running';
import { RolloutOrder } from '../rollout';
import type { Stack } from '../stack';
import { Volume } from '../volume';
import type { WorkloadBase } from '../workload-base';
import { replicaRange, ReplicaRange } from './replicas';

/** One workload mounting a Volume (once, however many mounts it has of it). */
export interface VolumeUser {
  readonly workload: WorkloadBase;
  readonly range: ReplicaRange;
  /** Every mount of the volume in this workload is read-only. */
  readonly readOnly: boolean;
}

/**
 * A Volume that more than one replica can mount at once: several workloads
 * mount it, or one workload that can run more than one replica (autoscaled
 * workloads count with their maximum, a DaemonWorkload with one per node).
 * `duringUpdates`: one replica only, whose start-first rollout runs the new
 * replica beside the old one while updating.
 */
export interface SharedVolume {
  readonly volume: Volume;
  readonly users: readonly VolumeUser[];
  readonly duringUpdates: boolean;
}

/**
 * The Volumes of a stack mounted by more than one replica at a time. Which
 * of them a target can really share is that target's decision
 * (lib/kubernetes/checks/shared-volumes.ts, lib/swarm/checks/shared-volumes.ts).
 */
export function sharedVolumes(stack: Stack): SharedVolume[] {
  const byVolume = new Map<Volume, Map<WorkloadBase, boolean>>();
  for (const w of stack.workloads) {
    for (const m of w.mounts) {
      if (m.kind !== 'volume' || !(m.volume instanceof Volume)) continue;
      const users = byVolume.get(m.volume) ?? new Map<WorkloadBase, boolean>();
      users.set(w, (users.get(w) ?? true) && m.readOnly === true);
      byVolume.set(m.volume, users);
    }
  }
  const shared: SharedVolume[] = [];
  for (const [volume, readOnlyBy] of [...byVolume].sort(([a], [b]) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const users: VolumeUser[] = [];
    for (const [workload, readOnly] of readOnlyBy) {
      const range = replicaRange(workload);
      if (range) users.push({ workload, range, readOnly });
    }
    if (users.length === 0) continue;
    const most = users.reduce((n, u) => n + u.range.max, 0);
    if (users.length > 1 || most > 1) shared.push({ volume, users, duringUpdates: false });
    else if (most === 1 && startsFirst(users[0].workload)) shared.push({ volume, users, duringUpdates: true });
  }
  return shared;
}

/** A start-first rollout runs the new replica beside the old one (long-running kinds only). */
function startsFirst(w: WorkloadBase): boolean {
  return w instanceof LongRunningWorkload && w.rollout.order === RolloutOrder.START_FIRST;
}

/** `writer (3 replicas) and reader (1 replica, read-only)`. */
export function usersText(users: readonly VolumeUser[]): string {
  const parts = users.map((u) => `${u.workload.name} (${u.range.text}${u.readOnly ? ', read-only' : ''})`);
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The fixes both targets share, in words. */
export const SHARED_VOLUME_FIXES = 'give each replica its own volume (a StatefulWorkload with mountPerReplicaVolume), '
  + 'or run one replica with rollout order STOP_FIRST, or declare a volume that really shares';
