import { LoadedCompose } from '../loader';
import { ComposeImportError } from '../problems';
import { Context, Dict, Keys, modelName, PlanOptions } from './context';
import { planService, serviceNetworks } from './service';
import { planTopLevel } from './top-level';
import { ImportPlan, PlannedConfig, PlannedNetwork, PlannedVolume, PlannedWorkload } from './types';

/**
 * Maps a loaded Compose file to an ImportPlan. Throws ComposeImportError
 * listing every problem.
 */
export function planImport(loaded: LoadedCompose, stackName: string, options: PlanOptions = {}): ImportPlan {
  const ctx = new Context(loaded, options);
  const doc = loaded.doc;
  const services = doc.services ?? {};
  const serviceNames = Object.keys(services).sort();
  if (serviceNames.length === 0) ctx.problem(['services'], 'the file defines no services: a stack needs at least one');

  for (const key of Object.keys(doc)) {
    if (key.startsWith('x-')) ctx.note([key], 'info', 'extension field ignored (YAML anchors defined in it were resolved where they are used)');
  }
  if (loaded.format === 'spec') {
    ctx.note(['version'], 'info', 'none: a Compose Specification file (docker compose), read as the v3.13 subset docker stack deploy reads; ' +
      'each key converted or dropped is noted, and the Swarm output is a stack file docker stack deploy accepts');
  }
  for (const n of loaded.specNotes) ctx.note(n.keys, n.kind, n.message);

  // Workload names first: they are DNS names other services use.
  const ids = new Map<string, string>();
  // A service whose name is already a valid model name keeps it: clients reach it by that name.
  const exact = (n: string) => modelName(n, 'service') === n;
  for (const name of [...serviceNames.filter(exact), ...serviceNames.filter((n) => !exact(n))]) {
    ids.set(name, ctx.allocate(name, 'service', ['services', name], (to) =>
      `renamed to "${to}" (Conductor names are DNS labels on both targets); clients that reach it as "${name}" must use "${to}"`));
  }
  const top = planTopLevel(ctx);
  const defaultNetwork = planDefaultNetwork(ctx, services, serviceNames);

  const workloads: PlannedWorkload[] = [];
  for (const name of serviceNames) {
    const w = planService(ctx, top, name, ids.get(name)!, services[name], defaultNetwork);
    if (w) workloads.push(w);
  }
  // A per-replica volume is per workload too: services that share one get one each.
  const perReplicaUsers = new Map<string, string[]>();
  for (const w of workloads) {
    for (const m of w.mounts) if (m.kind === 'perReplica') perReplicaUsers.set(m.name, [...(perReplicaUsers.get(m.name) ?? []), w.service]);
  }
  for (const [volume, users] of perReplicaUsers) {
    const composeName = [...top.volumes.entries()].find(([, v]) => 'perReplica' in v && v.name === volume)?.[0] ?? volume;
    if (users.length > 1) {
      ctx.note(['volumes', composeName], 'changed', `${users.join(', ')} share this per-replica volume in the file; ` +
        `Conductor gives each workload its own set (<stack>_<service>-${volume}-{{.Task.Slot}})`);
    }
  }
  noteVariables(ctx);

  if (ctx.problems.length) throw new ComposeImportError(ctx.problems);
  const networks = [...(defaultNetwork ? [defaultNetwork] : []), ...[...top.networks.entries()].flatMap(([composeName, id]) => {
    if (id === undefined) return [];
    const n = (doc.networks?.[composeName] ?? {}) as Dict;
    return [{ composeName, id, props: n.internal === true ? { internal: true } : {} }];
  })];
  return {
    file: loaded.file,
    dir: loaded.dir,
    stackName,
    configs: [...top.configs.values()].filter((c): c is PlannedConfig => c !== undefined),
    secrets: [...top.secrets.values()],
    volumes: [...top.volumes.values()].filter((v): v is PlannedVolume => !('perReplica' in v)),
    networks: networks.sort((a, b) => (a.id < b.id ? -1 : 1)),
    workloads,
    notes: ctx.notes,
    line: loaded.line,
  };
}

/** Networks that some service lists together with the implicit `default` need an explicit stand-in. */
function planDefaultNetwork(ctx: Context, services: Record<string, Dict>, serviceNames: string[]): PlannedNetwork | undefined {
  const usesDefaultExplicitly = serviceNames.some((s) => {
    const nets = serviceNetworks(services[s]);
    return nets.includes('default') && nets.some((n) => n !== 'default');
  });
  if (!usesDefaultExplicitly) return undefined;
  const id = ctx.allocate('default-net', 'network', ['networks'], () => undefined);
  ctx.note(['networks', 'default'], 'changed', 'a service joins "default" besides other networks, which a Conductor workload cannot ' +
    '(it is on the implicit default network only when it joins none): ' +
    `every service on "default" joins the Network "${id}" instead (Swarm network <stack>_${id})`);
  return { composeName: 'default', id, props: {} };
}

/** Variables left unset (their default used) and variables taken from the import's environment. */
function noteVariables(ctx: Context): void {
  const loaded = ctx.loaded;
  for (const use of loaded.variables) {
    if (use.defaulted) {
      const unset = `variable ${use.name} is not set in ${ctx.envFileName()} (the importer never reads its own environment)`;
      ctx.note(splitKeyPath(use.path), 'info', use.value === ''
        ? `${unset}: interpolated as "" (as docker stack deploy does); set it in the env file, or use a Secret for a secret value`
        : `${unset}: its default "${use.value}" was used`);
    }
  }
  for (const name of loaded.fromEnvironment) {
    const use = loaded.variables.find((u) => u.name === name);
    ctx.note(use ? splitKeyPath(use.path) : ['services'], 'info',
      `variable ${name} was taken from the import environment (an explicit opt-in): its value is now in the generated code and the output`);
  }
}

/** `services.web.ports[0]` -> keys. */
function splitKeyPath(text: string): Keys {
  const out: Keys = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}
