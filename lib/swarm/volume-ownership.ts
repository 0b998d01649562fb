import { CronJobOnSwarm } from '../model/cron-job';
import type { Stack } from '../model/stack';
import type { AnyWorkload } from '../model/workload-kinds';

/*
 * Who may write to a new volume on Swarm, said in the stack's summary
 * before anyone deploys (lib/synth/target-notes.ts).
 *
 * The orchestrator fact: Docker creates a new named volume's root
 * directory owned by root, mode 0755. Only when the image holds the mount
 * path does it copy that directory's contents, owner and mode into the
 * still empty volume (moby's copyExistingContents and copyOwnership). A
 * container running as another uid can therefore write to the volume only
 * if its image has the path owned by (or writable to) that uid. Kubernetes
 * has no such trap: the pod's fsGroup is the workload's group
 * (lib/kubernetes/pod.ts), so the volume is group-writable there.
 *
 * A volume with a driver other than `local`, or driver options (an NFS
 * export, say), gets its root's owner and mode from that storage instead.
 * Read-only mounts, scratch space (tmpfs), configs, secrets and host paths
 * are outside this rule.
 */

/** A volume a workload writes to on Swarm. */
interface WrittenVolume {
  /** `volume \`data\`` or `per-replica volume \`data\``. */
  readonly what: string;
  readonly path: string;
  readonly driver?: string;
  readonly driverOptions: { readonly [key: string]: string };
}

/** Markdown bullets, one per (non-root workload, volume it writes to), in the order of the workloads and their mounts. */
export function volumeOwnershipNotes(stack: Stack): string[] {
  return stack.workloads.flatMap((w) => {
    if (w.kind === 'cron' && w.onSwarm === CronJobOnSwarm.OMIT) return [];
    const { user, group } = w.security;
    // No uid: the image's own user (Docker runs it as the image says). uid 0: root may write anywhere.
    if (user === undefined || user === 0) return [];
    return writtenVolumes(w).map((v) => note(w.name, user, group, v));
  });
}

function writtenVolumes(w: AnyWorkload): WrittenVolume[] {
  const named = w.mounts.flatMap((m) => (m.kind === 'volume' && !m.readOnly
    ? [{ what: `volume \`${m.volume.name}\``, path: m.path, driver: m.volume.driver, driverOptions: m.volume.driverOptions }]
    : []));
  const perReplica = w.kind === 'stateful'
    ? w.perReplicaVolumes.map((v) => ({ what: `per-replica volume \`${v.name}\``, path: v.path, driver: v.driver, driverOptions: v.driverOptions }))
    : [];
  return [...named, ...perReplica];
}

function note(workload: string, user: number, group: number | undefined, v: WrittenVolume): string {
  const who = `\`${workload}\` (uid ${user}) writes to ${v.what} at \`${v.path}\``;
  const kubernetes = group === undefined ? '' : ` (Kubernetes: fsGroup ${group} makes it group-writable)`;
  const driver = v.driver !== undefined && v.driver !== 'local' ? `driver \`${v.driver}\`` : '';
  const options = Object.keys(v.driverOptions).length > 0 ? 'its driver options' : '';
  if (driver || options) {
    return `- ${who}: the volume's owner and mode come from ${[driver, options].filter(Boolean).join(' and ')} (an NFS export's, say), `
      + `so that storage must let uid ${user} write there${kubernetes}.`;
  }
  return `- ${who}: Swarm creates a new volume owned by root and copies only the image's own \`${v.path}\` (owner and mode) into it, `
    + `so the image must hold \`${v.path}\` owned by or writable to uid ${user}${kubernetes}.`;
}
