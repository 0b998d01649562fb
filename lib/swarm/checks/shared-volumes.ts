import { SharedVolume, SHARED_VOLUME_FIXES, usersText } from '../../model/checks';
import type { ProblemCollector } from '../../model/problems';

/** `type` options of the local driver that mount a network file system (the same share on every node). */
const NETWORK_FS_TYPES = ['nfs', 'nfs4', 'cifs'];

/**
 * Whether the Swarm volume is one storage for every node: as the volume
 * states (`sharedDriver`), else a driver other than `local` named explicitly
 * (a volume plugin), or the local driver mounting a network file system
 * (`driverOptions.type` nfs, nfs4 or cifs). Otherwise each node creates its
 * own local volume, empty at first.
 */
export function swarmShares(v: SharedVolume): boolean {
  return v.volume.sharedDriver ?? swarmDriverShares(v.volume.driver, v.volume.driverOptions);
}

/** The rule of swarmShares on a driver and its options (the Compose importer maps such volumes to ReadWriteMany). */
export function swarmDriverShares(driver: string | undefined, driverOptions: { readonly [key: string]: string } | undefined): boolean {
  if (driver !== undefined && driver !== 'local') return true;
  return NETWORK_FS_TYPES.includes(driverOptions?.type ?? '');
}

const PER_NODE = 'Swarm\'s local driver creates the volume on each node a task runs on, so tasks on different nodes see different data '
  + '(each node\'s copy starts empty)';

/** A Volume more than one replica mounts at once must be one that every node shares (see swarmShares). */
export function checkSharedVolumesOnSwarm(shared: readonly SharedVolume[], c: ProblemCollector): void {
  for (const v of shared) {
    if (swarmShares(v)) continue;
    if (v.duringUpdates) {
      const w = v.users[0].workload;
      const message = `start-first: each update starts a second task beside the first, and both mount volume ${v.volume.name}: ${PER_NODE}, `
        + 'and the two run at once on the same data otherwise; use rollout order STOP_FIRST, or a driver that shares';
      c.warning(w.node.path, 'rollout.order', message, 'swarm');
      continue;
    }
    c.targetProblem(v.volume.node.path, 'driver', 'swarm', `volume ${v.volume.name} is mounted by ${usersText(v.users)}: ${PER_NODE}; `
      + `${SHARED_VOLUME_FIXES} (a driver that shares across nodes: a volume plugin, or driverOptions type nfs or cifs of the local driver, `
      + 'or sharedDriver: true for one Conductor cannot see into; and on Kubernetes accessMode ReadWriteMany)');
  }
}
