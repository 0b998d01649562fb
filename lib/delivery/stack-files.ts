import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { ComposeFile, ComposeFileMount, ComposeFileObject, ComposeService } from '../swarm/compose-types';

/** A synthesized Swarm stack, as `conductor synth` wrote it. */
export interface StackFiles {
  /** The stack name (`docker stack deploy ... <name>`). */
  readonly name: string;
  /** The directory of compose.yaml and its configs/ and secrets/. */
  readonly dir: string;
  readonly compose: ComposeFile;
  /** Per service key: a hash of everything the stack file says about it (see serviceHash). */
  readonly hashes: ReadonlyMap<string, string>;
}

/**
 * The label deploy adds to each service it deploys: the hash of the
 * service's part of the stack file. The engine keeps no trace of the file,
 * and redeploying an unchanged service still bumps its Version and
 * overwrites its PreviousSpec (checked on docker 28): whether a service
 * changed must be decided before `docker stack deploy`, by this label.
 */
export const SPEC_HASH_LABEL = 'io.conductor.spec-hash';

/** Reads `<dir>/compose.yaml` of stack `name`. */
export function readStackFiles(name: string, dir: string): StackFiles {
  const compose = parse(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8')) as ComposeFile;
  const hashes = new Map(Object.keys(compose.services).map((k) => [k, serviceHash(compose, k, (f) => fs.readFileSync(path.resolve(dir, f)))]));
  return { name, dir, compose, hashes };
}

/** The engine's name of a service, network, or non-external config or secret: `<stack>_<key>` (or its explicit `name`). */
export function scopedName(stack: string, key: string, def?: { name?: string; external?: boolean }): string {
  if (def?.name !== undefined) return def.name;
  return def?.external ? key : `${stack}_${key}`;
}

/** Sources of a service's config or secret mounts (the short form is the source alone). */
export function mountSources(mounts: readonly (ComposeFileMount | string)[] | undefined): string[] {
  return (mounts ?? []).map((m) => (typeof m === 'string' ? m : m.source));
}

/**
 * A hash of service `key` and of every top-level object it uses (configs
 * and secrets with their file content, networks, volumes), so that a
 * change of any of them changes the hash.
 */
export function serviceHash(compose: ComposeFile, key: string, readFile: (file: string) => Buffer | string): string {
  const s = compose.services[key];
  const objects = (defs: Record<string, ComposeFileObject> | undefined, names: string[]) =>
    names.map((n) => {
      const def = defs?.[n];
      const content = def?.file !== undefined ? createHash('sha256').update(readFile(def.file)).digest('hex') : undefined;
      return [n, def ?? null, content ?? null];
    });
  const networks = Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});
  const volumes = (s.volumes ?? []).filter((v) => v.type === 'volume' && v.source !== undefined).map((v) => v.source!);
  const document = {
    service: s,
    configs: objects(compose.configs, mountSources(s.configs)),
    secrets: objects(compose.secrets, mountSources(s.secrets)),
    networks: networks.map((n) => [n, compose.networks?.[n] ?? null]),
    volumes: volumes.map((v) => [v, compose.volumes?.[v] ?? null]),
  };
  return createHash('sha256').update(stableJson(document)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted, so that equal documents give equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The service's replica count as the stack file sets it (Swarm's default is 1). */
export function composeReplicas(s: ComposeService): number | undefined {
  const mode = s.deploy?.mode ?? 'replicated';
  return mode === 'replicated' ? (s.deploy?.replicas ?? 1) : undefined;
}
