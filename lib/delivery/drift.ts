import type { ComposeService } from '../swarm/compose-types';
import type { ServiceSpec } from './engine';
import { composeReplicas, mountSources, scopedName, SPEC_HASH_LABEL, StackFiles } from './stack-files';

/** One field where what runs differs from the stack file. */
export interface Drift {
  readonly service: string;
  readonly field: string;
  /** What dist/ says. */
  readonly expected: string;
  /** What the engine runs. */
  readonly actual: string;
}

const MODES: Record<string, keyof ServiceSpec['Mode']> = {
  replicated: 'Replicated', global: 'Global', 'replicated-job': 'ReplicatedJob', 'global-job': 'GlobalJob',
};

/**
 * The fields of a running service that differ from the stack file. A manual
 * `docker service scale` or `service update --image` changes the spec but
 * not our hash label, so the fields people change by hand are compared one
 * by one; the hash label catches everything else the stack file says (a
 * service deployed from other output, or rolled back by Swarm).
 */
export function serviceDrift(stack: StackFiles, key: string, spec: ServiceSpec | undefined): Drift[] {
  const service = scopedName(stack.name, key);
  if (!spec) return [{ service, field: 'service', expected: 'present', actual: 'missing' }];
  const s = stack.compose.services[key];
  const c = spec.TaskTemplate.ContainerSpec;
  const drifts: Drift[] = [];
  const add = (field: string, expected: string, actual: string) => {
    if (expected !== actual) drifts.push({ service, field, expected, actual });
  };
  // With --resolve-image always/changed the engine pins the digest: `image@sha256:...`.
  add('image', s.image, c.Image.replace(/@sha256:[0-9a-f]+$/, ''));
  const mode = s.deploy?.mode ?? 'replicated';
  const actualMode = (Object.keys(MODES) as string[]).find((m) => spec.Mode[MODES[m]] !== undefined) ?? Object.keys(spec.Mode).join();
  add('mode', mode, actualMode);
  const replicas = composeReplicas(s);
  if (replicas !== undefined && actualMode === 'replicated') add('replicas', String(replicas), String(spec.Mode.Replicated?.Replicas ?? 1));
  add('environment', list(envOf(s)), list(c.Env ?? []));
  add('command', list(s.command ?? [], false), list(c.Args ?? [], false));
  add('entrypoint', list(s.entrypoint ?? [], false), list(c.Command ?? [], false));
  type Defs = Record<string, { name?: string; external?: boolean }>;
  const names = (keys: string[], defs?: Defs) => list(keys.map((k) => scopedName(stack.name, k, defs?.[k])));
  add('configs', names(mountSources(s.configs), stack.compose.configs), list((c.Configs ?? []).map((x) => x.ConfigName)));
  add('secrets', names(mountSources(s.secrets), stack.compose.secrets), list((c.Secrets ?? []).map((x) => x.SecretName)));
  const labels = spec.Labels ?? {};
  for (const [k, v] of Object.entries(s.deploy?.labels ?? {})) add(`label ${k}`, v, labels[k] ?? '(none)');
  const hash = labels[SPEC_HASH_LABEL];
  if (drifts.length === 0 && hash !== stack.hashes.get(key)) {
    const actual = hash ? `other output (${hash})` : 'not deployed by conductor';
    drifts.push({ service, field: 'spec', expected: `dist/ (${stack.hashes.get(key)})`, actual });
  }
  return drifts;
}

function envOf(s: ComposeService): string[] {
  const env = s.environment as Record<string, string> | string[] | undefined;
  if (Array.isArray(env)) return env;
  return Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`);
}

function list(xs: readonly string[], sort = true): string {
  return (sort ? [...xs].sort() : xs).join(' ') || '(none)';
}
