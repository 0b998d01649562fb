import { SharedVolume, SHARED_VOLUME_FIXES, usersText } from '../../model/checks';
import type { ProblemCollector } from '../../model/problems';
import { AccessMode } from '../../model/volume';

/**
 * Whether a claim of this access mode can be mounted by pods on several
 * nodes: ReadWriteMany, or ReadOnlyMany when every mount is read-only.
 * ReadWriteOnce attaches to one node (pods elsewhere stay in
 * ContainerCreating with a Multi-Attach error); ReadWriteOncePod to one pod.
 */
export function kubernetesShares(v: SharedVolume): boolean {
  const mode = v.volume.accessMode;
  return mode === AccessMode.READ_WRITE_MANY || (mode === AccessMode.READ_ONLY_MANY && v.users.every((u) => u.readOnly));
}

function why(v: SharedVolume): string {
  switch (v.volume.accessMode) {
    case AccessMode.READ_WRITE_ONCE_POD: return 'a ReadWriteOncePod claim is mounted by one pod only, so every other pod stays Pending';
    case AccessMode.READ_ONLY_MANY: return 'a ReadOnlyMany claim cannot be mounted read-write';
    default: return 'a ReadWriteOnce claim attaches to one node at a time, so pods scheduled on a second node stay in ContainerCreating '
      + '(Multi-Attach error)';
  }
}

/**
 * A Volume more than one replica mounts at once must be a claim several
 * nodes can mount; during the start-first update of a single replica (a
 * second pod beside the first) that is a warning, otherwise an error.
 */
export function checkSharedVolumesOnKubernetes(shared: readonly SharedVolume[], c: ProblemCollector): void {
  for (const v of shared) {
    if (kubernetesShares(v)) continue;
    const mode = v.volume.accessMode;
    if (v.duringUpdates) {
      const w = v.users[0].workload;
      c.warning(w.node.path, 'rollout.order', `start-first: each update starts a second pod beside the first, and both mount volume ${v.volume.name} `
        + `(${mode}): ${why(v)} and the update never finishes; use rollout order STOP_FIRST, or accessMode ReadWriteMany`, 'kubernetes');
      continue;
    }
    c.targetProblem(v.volume.node.path, 'accessMode', 'kubernetes', `volume ${v.volume.name} (${mode}) is mounted by ${usersText(v.users)}: `
      + `${why(v)}; ${SHARED_VOLUME_FIXES} (accessMode ReadWriteMany, with a storage class that supports it; and on Swarm a driver that shares)`);
  }
}
