import { Config } from '../config';
import { DaemonWorkload } from '../daemon-workload';
import { checkImage, officialImageName } from '../image';
import { ReplicatedWorkload } from '../long-running';
import type { ProblemCollector } from '../problems';
import type { WorkloadBase } from '../workload-base';
import { mountedConfigFiles } from './host-references';
import { replicaRange } from './replicas';
import { ServerHints, STANDALONE_SERVERS, wayOut } from './standalone-servers';

/**
 * Several replicas of a server that does not cluster by itself
 * (standalone-servers.ts): both targets spread the clients of one name over
 * the replicas, which are separate servers, so data written through one is
 * missing from the others. Long-running workloads only: a Job's pods are
 * not reached by name.
 */
export function checkReplicatedServer(w: WorkloadBase, c: ProblemCollector): void {
  if (!(w instanceof ReplicatedWorkload) && !(w instanceof DaemonWorkload)) return;
  const image = w.image;
  // Invalid references are errors of the model.
  if (typeof image !== 'string' || checkImage(image)) return;
  const name = officialImageName(image, { mirrors: true });
  if (name === undefined || !Object.prototype.hasOwnProperty.call(STANDALONE_SERVERS, name)) return;
  const range = replicaRange(w);
  if (range === undefined || range.max <= 1) return;
  const server = STANDALONE_SERVERS[name];
  if (server.clusters?.(serverHints(w))) return;
  const field = w instanceof DaemonWorkload ? 'image' : w.autoscaling ? 'autoscaling' : 'replicas';
  c.warning(w.node.path, field, `${w.name} runs ${range.text} of ${name} ("${image}"), which do not form a cluster by themselves: `
    + `behind one name they are separate ${server.what}, each client reaches one of them, so ${server.failure}; `
    + `run 1 replica ${wayOut(name, server)}`);
}

/** The words of the main container's command, args and env values, and the config files it mounts. */
function serverHints(w: WorkloadBase): ServerHints {
  const texts: unknown[] = [...(Array.isArray(w.command) ? w.command : []), ...(Array.isArray(w.args) ? w.args : [])];
  texts.push(...Object.values(w.env));
  for (const config of w.envConfigs) if (config instanceof Config) texts.push(...Object.values(config.env));
  const words = texts.flatMap((t) => (typeof t === 'string' ? t.split(/[\s'"=]+/).filter(Boolean) : []));
  return { words, configFiles: mountedConfigFiles(w) };
}
