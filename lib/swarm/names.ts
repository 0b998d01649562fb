/**
 * Every name the Swarm output gives, defined once: `docker stack deploy`
 * prefixes services, networks, configs, secrets and volumes with
 * `<stack>_`, and swarmkit limits their length. The model knows none of these.
 */
import { contentHash } from '../model/hash';
import type { Config } from '../model/config';
import type { Secret } from '../model/secret';
import type { PerReplicaVolume, StatefulWorkload } from '../model/stateful-workload';

/** Swarm service and network names are `<stack>_<name>`, at most 63 characters (a DNS label). */
export const MAX_SWARM_SCOPED_NAME = 63;

/** Swarm config, secret and volume names are at most 64 characters. */
export const MAX_SWARM_OBJECT_NAME = 64;

/** The name `docker stack deploy` gives an object of the stack: `<stack>_<name>`. */
export function stackScoped(stackName: string, name: string): string {
  return `${stackName}_${name}`;
}

/**
 * Key of the per-file config: `<config>-<file, dots as dashes>-<hash of that
 * file>`. Swarm configs are immutable, so new content must be a new config.
 */
export function configFileKey(config: Config, fileName: string): string {
  const slug = fileName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'file';
  return `${config.name}-${slug}-${contentHash(config.files[fileName] ?? '')}`;
}

/**
 * Key (and, with the stack prefix, name) of the Swarm secret. A plaintext
 * secret's carries a hash of its value: Swarm secrets are immutable, so a
 * new value must be a new secret (like configs).
 */
export function secretKey(secret: Secret): string {
  const value = secret.plaintextValue;
  return secret.source === 'plaintext' && typeof value === 'string' ? `${secret.name}-${contentHash(value)}` : secret.name;
}

/** The volume name template of a per-replica volume: the task slot gives each replica its own volume. */
export function perReplicaVolumeName(w: StatefulWorkload, v: PerReplicaVolume): string {
  return stackScoped(w.stackName, `${w.name}-${v.name}-{{.Task.Slot}}`);
}
