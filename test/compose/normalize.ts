/**
 * Normalisation for the Compose round trip: `docker stack config` of a
 * fixture (the input) and of Conductor's Swarm output must be equal after
 * this. Each rule is listed in docs/compose-import.md ("How the round trip
 * compares"); none removes a difference that the import did not report:
 *
 * N1 Canonical spellings (both sides): durations in ms, memory in bytes,
 *    user `root` as `0:0`,
 *    CPUs in millicores, `CMD-SHELL x` as `CMD /bin/sh -c x` (what the
 *    engine runs), capability names without `CAP_` in upper case, a stop
 *    signal with `SIG`, constraints with single spaces and
 *    `node.role != worker` as `== manager`, an empty entrypoint/command as
 *    none, a service-level `tmpfs:` entry as a tmpfs mount (what it asks
 *    for; docker stack deploy drops the service-level form, the import notes it).
 * N2 Swarm's defaults filled in where a setting is absent (both sides):
 *    update/rollback config, restart policy (and the legacy `restart:` key
 *    read as docker stack deploy reads it), health check timings, mode,
 *    replicas, endpoint mode, port protocol and mode.
 * N3 Lists whose order Swarm ignores are sorted: ports, mounts, configs,
 *    secrets, constraints, capabilities, networks.
 * N4 References compared by what they identify: configs by file content
 *    (Conductor names them by content hash); secrets by the Swarm secret
 *    name; volumes by Swarm volume name, driver and options (a per-replica
 *    volume by "per-replica"); networks by Swarm network name. Where the
 *    import noted a rename (or a file secret becoming a reference), the
 *    new name.
 * N5 Keys docker stack deploy does not read are removed from the input
 *    (docker/cli v28 `convert.Service` never reads them): build,
 *    cgroup(ns)_parent/mode, container_name, depends_on, devices,
 *    domainname, env_file (the loader merged it into environment), expose,
 *    external_links, ipc, links, mac_address, network_mode, pid,
 *    privileged, security_opt, shm_size, userns_mode; top-level `x-*`.
 * N6 What Conductor adds on purpose is removed from the output, only where
 *    the input does not set it: container labels repeated in deploy.labels
 *    (a workload's labels are on both). No security setting: without
 *    --harden the import keeps the image's user, root filesystem and
 *    capabilities exactly.
 * N7 Keys of the notes of kind dropped/changed (for both targets or Swarm)
 *    are removed from both sides; a note with a key this file cannot place
 *    fails the test, so nothing is skipped silently.
 */
import * as fs from 'fs';
import type { ComposeImportNote } from '../../lib';
import { parsePortSpec, parseGoDuration, ramInBytes } from '../../lib/compose/syntax';

type Any = any;

export interface ImportFacts {
  readonly stackName: string;
  /** Compose name -> model name. */
  readonly services: Record<string, string>;
  readonly secrets: Record<string, string>;
  readonly volumes: Record<string, string>;
  readonly networks: Record<string, string>;
  readonly notes: readonly ComposeImportNote[];
  /** The fixture after interpolation (for list indices in note keys). */
  readonly raw: Any;
}

const IGNORED_BY_SWARM = [
  'build', 'cgroupns_mode', 'cgroup_parent', 'container_name', 'depends_on', 'devices', 'domainname', 'env_file', 'expose',
  'external_links', 'ipc', 'links', 'mac_address', 'network_mode', 'pid', 'privileged', 'security_opt', 'shm_size', 'userns_mode',
];

const ms = (d: unknown, fallback?: number): number | undefined => (d === undefined || d === null ? fallback : Math.round(
  parseGoDuration(String(d))! / 1e6,
));
const sortBy = <T>(xs: T[]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
const listToMap = (v: unknown): Record<string, string | null> => {
  if (Array.isArray(v)) return Object.fromEntries(
    v.map(String).map((s) => (s.includes('=') ? [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] : [s, ''])),
  );
  return v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === null ? null : String(x)])) : {};
};
const cap = (c: string) => c.toUpperCase().replace(/^CAP_/, '');
const signal = (s: string) => (s.toUpperCase().startsWith('SIG') ? s.toUpperCase() : `SIG${s.toUpperCase()}`);

function constraint(c: string): string {
  const m = /^\s*(\S+?)\s*(==|!=)\s*(.*?)\s*$/.exec(c);
  if (!m) return c.trim();
  if (m[1] === 'node.role' && m[2] === '!=') return `node.role == ${m[3] === 'worker' ? 'manager' : 'worker'}`;
  return `${m[1]} ${m[2]} ${m[3]}`;
}

function updateConfig(u: Any): Any {
  return {
    parallelism: u?.parallelism ?? 1,
    delay: ms(u?.delay, 0),
    failure_action: u?.failure_action || 'pause',
    monitor: ms(u?.monitor, 0) || 5000,
    order: u?.order || 'stop-first',
    max_failure_ratio: u?.max_failure_ratio ?? 0,
  };
}

function restartPolicy(svc: Any): Any {
  const d = svc.deploy?.restart_policy;
  let policy: Any;
  if (d) policy = { condition: d.condition || 'any', delay: ms(d.delay, 5000), max_attempts: d.max_attempts ?? 0, window: ms(d.window, 0) };
  else {
    // convert.convertRestartPolicy: restart: is read when deploy.restart_policy is absent.
    const m = /^on-failure(?::(\d+))?$/.exec(svc.restart ?? '');
    policy = m ? {
      condition: 'on-failure',
      delay: 5000,
      max_attempts: Number(m[1] ?? 0),
      window: 0,
    } : { condition: 'any', delay: 5000, max_attempts: 0, window: 0 };
  }
  return policy;
}

function resources(r: Any): Any {
  const side = (x: Any) => (x ? {
    cpus: x.cpus !== undefined && Number(x.cpus) > 0 ? Math.round(Number(x.cpus) * 1000) : undefined,
    memory: x.memory !== undefined && ramInBytes(x.memory)! > 0 ? ramInBytes(x.memory) : undefined,
    pids: x.pids,
    generic_resources: x.generic_resources,
  } : {});
  return { limits: side(r?.limits), reservations: side(r?.reservations) };
}

interface Resolvers {
  secret(key: string): string;
  secretExternal(key: string): boolean;
  volume(key: string | undefined): string;
  network(key: string): string;
  configContent(key: string): string | undefined;
}

function inputResolvers(doc: Any, facts: ImportFacts): Resolvers {
  const noted = (prefix: string) => facts.notes.some(
    (n) => n.service === undefined && (n.key === prefix || n.key.startsWith(`${prefix}.`)) && n.kind !== 'info',
  );
  const stack = facts.stackName;
  return {
    secret: (k) => {
      const s = doc.secrets?.[k] ?? {};
      if (noted(`secrets.${k}`)) return facts.secrets[k];
      return s.external ? (s.name ?? k) : `${stack}_${k}`;
    },
    // A file secret the import turned into a reference (noted) is compared as one.
    secretExternal: (k) => doc.secrets?.[k]?.external === true || noted(`secrets.${k}`),
    volume: (k) => {
      if (k === undefined) return 'anonymous';
      const v = doc.volumes?.[k] ?? {};
      if (typeof v.name === 'string' && v.name.includes('{{.Task.Slot}}')) return `per-replica ${JSON.stringify({
        driver: v.driver,
        driver_opts: v.driver_opts,
      })}`;
      const name = noted(`volumes.${k}`) ? `${stack}_${facts.volumes[k]}` : v.name ?? (v.external ? k : `${stack}_${k}`);
      return `${name} ${JSON.stringify({
        driver: v.driver,
        driver_opts: v.driver_opts,
        labels: noted(`volumes.${k}.labels`) ? undefined : v.labels,
      })}`;
    },
    network: (k) => {
      if (k === 'default') return noted('networks.default') ? `${stack}_${facts.networks.default}` : 'default';
      if (noted(`networks.${k}`) && facts.networks[k]) return `${stack}_${facts.networks[k]}`;
      const n = doc.networks?.[k] ?? {};
      return n.external ? (n.name ?? k) : (n.name ?? `${stack}_${k}`);
    },
    configContent: (k) => (doc.configs?.[k]?.file ? fs.readFileSync(doc.configs[k].file, 'utf8') : undefined),
  };
}

function outputResolvers(doc: Any, stack: string): Resolvers {
  return {
    secret: (k) => doc.secrets[k].name ?? `${stack}_${k}`,
    secretExternal: (k) => doc.secrets[k].external === true,
    volume: (k) => {
      if (k === undefined) return 'anonymous';
      const v = doc.volumes[k];
      if (typeof v.name === 'string' && v.name.includes('{{.Task.Slot}}')) return `per-replica ${JSON.stringify({
        driver: v.driver,
        driver_opts: v.driver_opts,
      })}`;
      return `${v.name ?? `${stack}_${k}`} ${JSON.stringify({ driver: v.driver, driver_opts: v.driver_opts, labels: v.labels })}`;
    },
    network: (k) => (k === 'default' ? 'default' : doc.networks?.[k]?.external ? doc.networks[k].name ?? k : `${stack}_${k}`),
    configContent: (k) => (doc.configs?.[k]?.file ? fs.readFileSync(doc.configs[k].file, 'utf8') : undefined),
  };
}

/** One service of a `docker stack config` document, canonical (N1-N5). */
function canonService(svc: Any, r: Resolvers): Any {
  const out: Any = {};
  for (const [k, v] of Object.entries(svc)) if (!IGNORED_BY_SWARM.includes(k) && !k.startsWith('x-')) out[k] = v;
  const nonEmpty = (x: unknown) => (Array.isArray(x) && x.length ? x : undefined);
  out.entrypoint = nonEmpty(svc.entrypoint);
  out.command = nonEmpty(svc.command);
  out.environment = svc.environment ?? {};
  // "root" is uid 0 and gid 0 in every image.
  if (/^root(:root|:0)?$|^0:root$/.test(String(svc.user ?? ''))) out.user = '0:0';
  out.labels = listToMap(svc.labels);
  if (svc.cap_add) out.cap_add = [...new Set(svc.cap_add.map(cap))].sort();
  if (svc.cap_drop) out.cap_drop = [...new Set(svc.cap_drop.map(cap))].sort();
  if (svc.stop_signal) out.stop_signal = signal(svc.stop_signal);
  if (svc.stop_grace_period !== undefined) out.stop_grace_period = ms(svc.stop_grace_period);
  out.ports = sortBy(
    (svc.ports ?? []).map(
      (p: Any) => ({ target: p.target, published: p.published || undefined, protocol: p.protocol ?? 'tcp', mode: p.mode ?? 'ingress' }),
    ),
  );
  const mounts = (svc.volumes ?? []).map((v: Any) => {
    switch (v.type) {
      case 'volume':
        return { type: 'volume', source: r.volume(v.source), target: v.target, read_only: v.read_only === true, nocopy: v.volume?.nocopy };
      case 'bind':
        return { type: 'bind', source: v.source, target: v.target, read_only: v.read_only === true, propagation: v.bind?.propagation };
      case 'tmpfs':
        return { type: 'tmpfs', target: v.target, size: v.tmpfs?.size };
      default:
        return v;
    }
  });
  for (const t of svc.tmpfs ?? []) {
    const [target, ...options] = String(t).split(/[:,]/);
    const size = options.map((o) => /^size=(.+)$/.exec(o)?.[1]).find((x) => x !== undefined);
    mounts.push({ type: 'tmpfs', target, size: size !== undefined ? ramInBytes(size) : undefined });
  }
  delete out.tmpfs;
  out.volumes = sortBy(mounts);
  out.configs = sortBy(
    (svc.configs ?? []).map(
      (c: Any) => ({ target: c.target ?? `/${c.source}`, content: r.configContent(c.source), uid: c.uid, gid: c.gid, mode: c.mode }),
    ),
  );
  out.secrets = sortBy((svc.secrets ?? []).map((s: Any) => ({
    target: !s.target ? `/run/secrets/${s.source}` : s.target.startsWith('/') ? s.target : `/run/secrets/${s.target}`,
    secret: r.secret(s.source), uid: s.uid, gid: s.gid, mode: s.mode,
  })));
  const nets = svc.networks === undefined ? ['default'] : Array.isArray(svc.networks) ? svc.networks : Object.keys(svc.networks);
  out.networks = nets.map((n: string) => r.network(n)).sort();
  out.network_aliases = Object.fromEntries(
    Array.isArray(svc.networks) || !svc.networks ? [] : Object.entries(svc.networks).filter(([, o]: Any) => o?.aliases).map(
      ([n, o]: Any) => [n, o.aliases],
    ),
  );
  const h = svc.healthcheck;
  if (h) {
    const test = typeof h.test === 'string' ? ['CMD-SHELL', h.test] : h.test;
    out.healthcheck = h.disable || test?.[0] === 'NONE' ? 'NONE' : {
      test: test?.[0] === 'CMD-SHELL' ? ['CMD', '/bin/sh', '-c', test.slice(1).join(' ')] : test,
      interval: ms(h.interval, 0) || 30000,
      timeout: ms(h.timeout, 0) || 30000,
      retries: h.retries || 3,
      start_period: ms(h.start_period, 0),
      start_interval: ms(h.start_interval, 0),
    };
  }
  const d = svc.deploy ?? {};
  const mode = d.mode ?? 'replicated';
  out.deploy = {
    mode,
    replicas: mode === 'replicated' || mode === 'replicated-job' ? d.replicas ?? 1 : d.replicas,
    labels: listToMap(d.labels),
    resources: resources(d.resources),
    restart_policy: restartPolicy(svc),
    update_config: mode.endsWith('job') && !d.update_config ? undefined : updateConfig(d.update_config),
    rollback_config: mode.endsWith('job') && !d.rollback_config ? undefined : updateConfig(d.rollback_config),
    placement: {
      constraints: (d.placement?.constraints ?? []).map(constraint).sort(),
      preferences: (d.placement?.preferences ?? []).map((p: Any) => p.spread),
      max_replicas_per_node: d.placement?.max_replicas_per_node,
    },
    endpoint_mode: d.endpoint_mode ?? 'vip',
  };
  delete out.restart;
  return out;
}

/** Top level and services of a `docker stack config` document, canonical. */
function canonDoc(doc: Any, r: Resolvers, rename: (k: string) => string): Any {
  const services: Any = {};
  for (const [k, svc] of Object.entries(doc.services ?? {})) services[rename(k)] = canonService(svc, r);
  return {
    services,
    secrets: Object.fromEntries(Object.keys(doc.secrets ?? {}).map((k) => [r.secret(k), { external: r.secretExternal(k) }])),
    configs: Object.keys(doc.configs ?? {}).map((k) => r.configContent(k)).filter((c) => c !== undefined).sort(),
    volumes: Object.keys(doc.volumes ?? {}).map((k) => r.volume(k)).sort(),
    networks: Object.fromEntries(Object.keys(doc.networks ?? {}).map((k) => [r.network(k), {
      internal: doc.networks[k]?.internal === true, driver: doc.networks[k]?.external ? 'external' : doc.networks[k]?.driver ?? 'overlay',
    }])),
  };
}

function del(o: Any, path: string[]): void {
  let node = o;
  for (const p of path.slice(0, -1)) {
    if (node === undefined || node === null) return;
    node = node[p];
  }
  if (node && typeof node === 'object') delete node[path[path.length - 1]];
}

/** The raw value at a note's key (list indices are positions in the file). */
function rawAt(facts: ImportFacts, service: string, key: string): Any {
  let node = facts.raw.services[service];
  for (const m of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) node = node?.[m[2] !== undefined ? Number(m[2]) : m[1]];
  return node;
}

const DELETE_BOTH = new Set([
  'hostname', 'logging', 'extra_hosts', 'init', 'sysctls', 'ulimits', 'tty', 'stdin_open', 'oom_score_adj', 'dns', 'dns_search', 'user',
  'stop_signal', 'stop_grace_period', 'healthcheck', 'credential_spec', 'isolation', 'deploy.replicas', 'deploy.endpoint_mode',
  'deploy.restart_policy', 'deploy.update_config', 'deploy.rollback_config', 'deploy.placement.max_replicas_per_node',
]);

/** N7: a note's key removed from both canonical services; false when this file cannot place it. */
function excuse(note: ComposeImportNote, facts: ImportFacts, a: Any, b: Any): boolean {
  const key = note.key;
  const raw = rawAt(facts, note.service!, key);
  const top = key.split(/[.[]/)[0];
  const both = (path: string[]) => {
    del(a, path);
    del(b, path);
  };
  // Removed from the input already (N5).
  if (IGNORED_BY_SWARM.includes(key)) return true;
  if (key === '' || key === 'restart' || key === 'tmpfs' || /^tmpfs\[\d+\]$/.test(
    key,
  ) || key.startsWith('env_file') || key.startsWith('expose')) return true;
  // A uid without group: the uid must still match (Conductor adds the group).
  if (key === 'user' && /^\d+$/.test(String(raw)) && String(b.user).startsWith(`${raw}:`)) return ((a.user = b.user), true);
  if (DELETE_BOTH.has(key)) return (both(key.split('.')), true);
  if (/^(deploy\.(update_config|rollback_config|restart_policy)|healthcheck)\.\w+$/.test(key)) {
    const [section, field] = [key.slice(0, key.lastIndexOf('.')), key.slice(key.lastIndexOf('.') + 1)];
    if (section === 'healthcheck' && (a.healthcheck === 'NONE' || b.healthcheck === 'NONE')) return (both(['healthcheck']), true);
    return (both([...section.split('.'), field === 'max_attempts' && section.startsWith('deploy.restart') ? 'max_attempts' : field]), true);
  }
  if (/^deploy\.resources\.(limits|reservations)\.\w+$/.test(key)) return (both(key.split('.')), true);
  if (top === 'environment') {
    const name = /^environment\.(.+)$/.exec(key)?.[1] ?? String(raw).split('=')[0];
    return (both(['environment', name]), true);
  }
  if (top === 'ports') {
    const entry = rawAt(facts, note.service!, key.replace(/\.[a-z_]+$/, ''));
    const specs = typeof entry === 'object' ? [{ target: entry.target, protocol: entry.protocol ?? 'tcp' }] : parsePortSpec(String(entry));
    for (const side of [a, b]) side.ports = side.ports.filter(
      (p: Any) => !specs.some((s: Any) => s.target === p.target && s.protocol === p.protocol),
    );
    return true;
  }
  const list = /^(volumes|configs|secrets)\[(\d+)\](?:\.(.+))?$/.exec(key);
  if (list) {
    const entry = rawAt(facts, note.service!, `${list[1]}[${list[2]}]`);
    let target: string;
    if (list[1] === 'volumes') target = typeof entry === 'string' ? entry.split(':')[entry.includes(':') ? 1 : 0] : entry.target;
    else {
      const ref = typeof entry === 'string' ? { source: entry } : entry;
      const t = ref.target;
      target = list[1] === 'configs' ? (t ? (t.startsWith(
        '/',
      ) ? t : `/${t}`) : `/${ref.source}`) : (t ? (t.startsWith('/') ? t : `/run/secrets/${t}`) : `/run/secrets/${ref.source}`);
    }
    const field = list[3] === 'tmpfs.size'
      ? 'size'
      : list[3] === 'volume.nocopy' ? 'nocopy' : list[3] === 'bind.propagation' ? 'propagation' : list[3];
    for (const side of [a, b]) {
      if (field === undefined) side[list[1]] = side[list[1]].filter((m: Any) => m.target !== target);
      else for (const m of side[list[1]]) if (m.target === target) delete m[field];
    }
    return true;
  }
  if (/^deploy\.placement\.(constraints|preferences)\[\d+\]$/.test(key)) {
    const which = key.includes('constraints') ? 'constraints' : 'preferences';
    const value = which === 'constraints' ? constraint(String(raw)) : raw.spread;
    a.deploy.placement[which] = a.deploy.placement[which].filter((x: string) => x !== value);
    return true;
  }
  const label = /^(deploy\.)?labels(?:\.(.+)|\[(\d+)\])$/.exec(key);
  if (label) {
    const name = label[2] ?? String(raw).split('=')[0];
    if (label[1]) both(['deploy', 'labels', name]);
    else {
      both(['labels', name]);
      if (!(name in a.deploy.labels)) del(b, ['deploy', 'labels', name]);
    }
    return true;
  }
  if (/^cap_(add|drop)\[\d+\]$/.test(key)) {
    const which = key.slice(0, key.indexOf('['));
    a[which] = a[which]?.filter((c: string) => c !== cap(String(raw)));
    return true;
  }
  const net = /^networks(?:\.([^.]+)(?:\.(.+))?|\[(\d+)\])?$/.exec(key);
  if (net) {
    const name = net[1] ?? (net[3] !== undefined ? String(raw) : undefined);
    if (net[2] !== undefined) del(a, ['network_aliases', name!]);
    else if (name === undefined) both(['networks']);
    else a.networks = a.networks.filter((n: string) => n !== name && !n.endsWith(`_${name}`) && n !== name);
    return true;
  }
  return false;
}

export interface Normalized {
  readonly input: Any;
  readonly output: Any;
  /** Notes this file could not place (the test fails on them). */
  readonly unplaced: ComposeImportNote[];
}

/**
 * Both documents, canonical and with N5-N7 applied, ready for toEqual.
 * `input` and `output` are `docker stack config` output, parsed.
 */
export function normalizePair(inputDoc: Any, outputDoc: Any, facts: ImportFacts): Normalized {
  const input = canonDoc(inputDoc, inputResolvers(inputDoc, facts), (k) => facts.services[k] ?? k);
  const output = canonDoc(outputDoc, outputResolvers(outputDoc, facts.stackName), (k) => k);
  const unplaced: ComposeImportNote[] = [];

  // N6: Conductor's additions, where the input sets nothing.
  for (const [name, a] of Object.entries<Any>(input.services)) {
    const b = output.services[name];
    if (!b) continue;
    // user, read_only and cap_drop: none. The import keeps the image's own (`conductor import` without --harden).
    for (const [k, v] of Object.entries(b.labels)) if (!(k in a.deploy.labels) && b.deploy.labels[k] === v) delete b.deploy.labels[k];
  }

  // N7: what the import reported.
  for (const n of facts.notes) {
    if (n.kind === 'info' || n.target === 'kubernetes') continue;
    if (n.service === undefined) {
      // Top-level keys are handled by the resolvers (N4); these remain.
      const m = /^(configs|networks|volumes|secrets)\.([^.]+)(?:\.(\w+))?$/.exec(n.key);
      if (n.key === 'services' || n.key === 'volumes') continue;
      if (m?.[1] === 'configs' && m[3] === 'external') continue;
      if (m?.[1] === 'networks' && m[2] === 'default') {
        delete output.networks[`${facts.stackName}_${facts.networks.default}`];
        continue;
      }
      if (m?.[1] === 'networks' && m[3] === undefined && !facts.networks[m[2]]) {
        delete input.networks[m[2]];
        continue;
      }
      if (m?.[1] === 'networks' && m[3] !== undefined) {
        const name = `${facts.stackName}_${facts.networks[m[2]]}`;
        if (m[3] === 'driver' && input.networks[name]) input.networks[name].driver = output.networks[name]?.driver;
        continue;
      }
      if (m) continue;
      unplaced.push(n);
      continue;
    }
    const id = facts.services[n.service];
    if (!excuse(n, facts, input.services[id], output.services[id])) unplaced.push(n);
  }
  return { input, output, unplaced };
}
