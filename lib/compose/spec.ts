import * as fs from 'fs';
import * as path from 'path';
import { detailedViolations, DetailedViolation } from './schema';

type Keys = (string | number)[];
type Dict = Record<string, unknown>;

const isDict = (x: unknown): x is Dict => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A note the conversion makes, at a path of the original file. */
export interface SpecNote {
  readonly keys: Keys;
  readonly kind: 'dropped' | 'changed' | 'info';
  readonly message: string;
}

export interface SpecConversion {
  /** The document in the v3.13 subset `docker stack deploy` reads, for the importer's mapping. */
  readonly doc: Dict;
  readonly notes: readonly SpecNote[];
  /** Input the conversion cannot import (each with its path). */
  readonly problems: readonly { readonly keys: Keys; readonly message: string }[];
}

export interface SpecOptions {
  /**
   * Profiles to enable, like `docker compose --profile`: a service that
   * lists `profiles` is imported only when one of them is enabled.
   * @default - none: only services without `profiles`
   */
  readonly profiles?: readonly string[];
  /** Directory relative paths (env files) are relative to. @default '.' */
  readonly baseDir?: string;
}

// What `depends_on` conditions become: neither target orders start-up.
const CONDITION: Readonly<Record<string, string>> = {
  service_started: 'neither Swarm nor Kubernetes orders start-up: the service must retry until its dependency answers',
  service_healthy: 'neither Swarm nor Kubernetes waits for a dependency to be healthy before starting a service: ' +
    'make the service retry (its own health check keeps it out of rotation meanwhile), or wait in an init container (Kubernetes)',
  service_completed_successfully: 'a one-off step before start-up (a migration): imported as a Job, which neither target runs first: ' +
    'make the service wait for its effect (or run the step in an init container on Kubernetes)',
};

// Keys whose resource meaning maps into `deploy.resources`, as docker compose itself maps them.
const RESOURCE_KEYS: readonly [string, Keys][] = [
  ['mem_limit', ['limits', 'memory']],
  ['cpus', ['limits', 'cpus']],
  ['mem_reservation', ['reservations', 'memory']],
];

/**
 * Converts a Compose Specification file (what `docker compose` reads: no
 * `version:`, `profiles`, long `depends_on`, `mem_limit`, `develop`, ...)
 * into the v3.13 subset the mapping reads. What has a meaning on the
 * targets is mapped (profiles selected, `scale`, resource keys, long
 * `env_file`), with a note; every other key the v3.13 schema does not know
 * is removed with a note naming it. The v3 path never comes here.
 */
export function fromComposeSpec(input: Dict, options: SpecOptions = {}): SpecConversion {
  const doc = JSON.parse(JSON.stringify(input)) as Dict;
  const notes: SpecNote[] = [];
  const problems: { keys: Keys; message: string }[] = [];
  const note = (keys: Keys, kind: SpecNote['kind'], message: string) => notes.push({ keys, kind, message });

  if (doc.name !== undefined) note(['name'], 'dropped',
    'the Compose project name: the stack name comes from --name, or the file\'s name or directory');
  delete doc.name;
  if (doc.include !== undefined) problems.push({ keys: ['include'],
    message: 'include: is not supported: merge the files first (docker compose config > one.yml)' });
  if (doc.models !== undefined) note(['models'], 'dropped', 'AI models are a docker compose feature with no form on Swarm or Kubernetes');
  delete doc.models;

  const services = isDict(doc.services) ? doc.services : {};
  const enabled = new Set(options.profiles ?? []);
  const steps = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(services)) {
    if (!isDict(raw)) continue;
    const at = (...k: Keys): Keys => ['services', name, ...k];
    if (Array.isArray(raw.profiles)) {
      const profiles = raw.profiles.map(String);
      if (!profiles.some((p) => enabled.has(p))) {
        note(at('profiles'), 'dropped', `not imported: its profile${profiles.length === 1 ? '' : 's'} ${profiles.join(', ')} ` +
          `${profiles.length === 1 ? 'is' : 'are'} not enabled (like docker compose; enable with --profile ${profiles[0]})`);
        delete services[name];
        continue;
      }
      note(at('profiles'), 'info', `imported: profile ${profiles.filter((p) => enabled.has(p)).join(', ')} is enabled`);
      delete raw.profiles;
    }
    if (raw.extends !== undefined) problems.push({ keys: at('extends'),
      message: 'extends: is not supported: flatten the file first (docker compose config)' });
    for (const step of convertDependsOn(raw, at, note)) steps.set(step, [...(steps.get(step) ?? []), name]);
    convertScale(raw, at, note);
    convertResources(raw, at, note);
    convertEnvFiles(raw, options.baseDir ?? '.', at, note);
  }
  for (const [step, waiting] of [...steps].sort(([a], [b]) => (a < b ? -1 : 1))) makeJob(services, step, waiting.sort(), note);
  stripUnknown(doc, notes, problems);
  return { doc, notes, problems };
}

/**
 * Long `depends_on` becomes the list form, each condition noted. A service
 * others wait for with `service_completed_successfully` is a one-off step:
 * returned, to become a Job.
 */
function convertDependsOn(svc: Dict, at: (...k: Keys) => Keys, note: (keys: Keys, kind: SpecNote['kind'], message: string) => void): string[] {
  if (!isDict(svc.depends_on)) return [];
  const steps: string[] = [];
  const waits: string[] = [];
  for (const [dep, opts] of Object.entries(svc.depends_on)) {
    const condition = isDict(opts) && typeof opts.condition === 'string' ? opts.condition : 'service_started';
    note(at('depends_on', dep), 'dropped', `condition ${condition}: ${CONDITION[condition] ?? CONDITION.service_started}`);
    if (condition === 'service_completed_successfully') steps.push(dep);
    else waits.push(dep);
  }
  // A step that runs to completion is no server the service connects to.
  svc.depends_on = waits;
  return steps;
}

/** A service run to completion before others: a Job (Swarm replicated-job), unless its deploy.mode says otherwise. */
function makeJob(services: Dict, name: string, waiting: string[], note: (keys: Keys, kind: SpecNote['kind'], message: string) => void): void {
  const svc = services[name];
  if (!isDict(svc)) return;
  const deploy = isDict(svc.deploy) ? svc.deploy : (svc.deploy = {}) as Dict;
  if (deploy.mode !== undefined) return;
  deploy.mode = 'replicated-job';
  delete deploy.replicas;
  note(['services', name], 'changed',
    `${waiting.join(', ')} wait${waiting.length === 1 ? 's' : ''} for it to complete (service_completed_successfully): ` +
    'imported as a Job (Swarm replicated-job) that runs to completion; neither target makes the others wait for it');
}

function convertScale(svc: Dict, at: (...k: Keys) => Keys, note: (keys: Keys, kind: SpecNote['kind'], message: string) => void): void {
  if (svc.scale === undefined) return;
  const deploy = isDict(svc.deploy) ? svc.deploy : (svc.deploy = {}) as Dict;
  if (deploy.replicas === undefined) {
    deploy.replicas = Number(svc.scale);
    note(at('scale'), 'info', `the number of replicas (as deploy.replicas: ${String(svc.scale)})`);
  } else note(at('scale'), 'dropped', 'deploy.replicas is set too, and wins (as in docker compose)');
  delete svc.scale;
}

function convertResources(svc: Dict, at: (...k: Keys) => Keys, note: (keys: Keys, kind: SpecNote['kind'], message: string) => void): void {
  for (const [key, [section, field]] of RESOURCE_KEYS) {
    if (svc[key] === undefined) continue;
    const deploy = isDict(svc.deploy) ? svc.deploy : (svc.deploy = {}) as Dict;
    const resources = isDict(deploy.resources) ? deploy.resources : (deploy.resources = {}) as Dict;
    const target = isDict(resources[section]) ? resources[section] as Dict : (resources[section] = {}) as Dict;
    if (target[field] === undefined) {
      target[field] = String(svc[key]);
      note(at(key), 'info', `mapped as deploy.resources.${section}.${field}`);
    } else note(at(key), 'dropped', `deploy.resources.${section}.${field} is set too, and wins`);
    delete svc[key];
  }
}

function convertEnvFiles(
  svc: Dict, dir: string, at: (...k: Keys) => Keys, note: (keys: Keys, kind: SpecNote['kind'], message: string) => void,
): void {
  if (!Array.isArray(svc.env_file)) return;
  svc.env_file = svc.env_file.flatMap((entry, i) => {
    if (!isDict(entry)) return [entry];
    if (entry.format !== undefined) note(at('env_file', i, 'format'), 'dropped', 'env file formats other than KEY=VALUE lines are not read');
    const file = String(entry.path);
    if (entry.required === false && !fs.existsSync(path.resolve(dir, file))) {
      note(at('env_file', i), 'info', `optional and missing (${file}): skipped, as docker compose does`);
      return [];
    }
    return [file];
  });
}

/**
 * Removes every key the v3.13 schema does not know (a note each), and reads
 * strings as the numbers or booleans it wants, until the document is valid
 * v3.13 or only real problems are left.
 */
function stripUnknown(doc: Dict, notes: SpecNote[], problems: { keys: Keys; message: string }[]): void {
  for (let round = 0; round < 20; round++) {
    const violations = detailedViolations(doc, 'v3');
    if (violations.length === 0) return;
    let repaired = false;
    for (const v of violations) repaired = repair(doc, v, notes) || repaired;
    if (!repaired) {
      for (const v of violations) problems.push({ keys: v.path, message: `${v.message} (read as the v3.13 subset docker stack deploy reads)` });
      return;
    }
  }
}

function repair(doc: Dict, v: DetailedViolation, notes: SpecNote[]): boolean {
  const parent = v.path.slice(0, -1).reduce<unknown>((node, k) => (node as Dict | unknown[] | undefined)?.[k as never], doc) as Dict | undefined;
  const last = v.path[v.path.length - 1];
  if (v.keyword === 'additionalProperties' && v.unknownKey !== undefined && isDict(parent) && last === v.unknownKey) {
    delete parent[last];
    notes.push({ keys: v.path, kind: 'dropped',
      message: 'a Compose Specification key that docker stack deploy does not read, with no form in the model' });
    return true;
  }
  if (v.keyword === 'type' && parent && last !== undefined) {
    const value = (parent as Dict)[last as string];
    // The Compose Specification takes numbers where v3.13 wants strings (cpus: 0.5).
    if (typeof value === 'number' && v.types?.includes('string')) {
      (parent as Dict)[last as string] = String(value);
      return true;
    }
    if (typeof value === 'string') {
      if ((v.types?.includes('integer') || v.types?.includes('number')) && /^-?\d+(\.\d+)?$/.test(value.trim())) {
        (parent as Dict)[last as string] = Number(value);
        return true;
      }
      if (v.types?.includes('boolean') && /^(true|false)$/i.test(value.trim())) {
        (parent as Dict)[last as string] = value.trim().toLowerCase() === 'true';
        return true;
      }
    }
  }
  return false;
}
