import * as path from 'path';
import { checkContainerPath } from '../../model/names';
import { parseVolumeSpec, ramInBytes, VolumeSpec } from '../syntax';
import { Context, Dict, Keys } from './context';
import { ServicePlanning } from './service-planning';
import { TopLevel } from './top-level';
import { quantity } from './units';

/** A `volumes` entry of a service, long syntax (the short one parsed into it). */
export type VolumeEntry = Omit<VolumeSpec, 'type'> & { type: string; tmpfs?: { size?: number }; consistency?: string };

/** A service's `volumes`, parsed; undefined (and a problem) for an entry that cannot be. */
export function readVolumes(ctx: Context, at: ServicePlanning['at'], svc: Dict): (VolumeEntry | undefined)[] {
  return (Array.isArray(svc.volumes) ? svc.volumes : []).map((v, i) => {
    if (typeof v !== 'string') return v as VolumeEntry;
    try {
      return parseVolumeSpec(v);
    } catch (e) {
      ctx.problem(at('volumes', i), (e as Error).message);
      return undefined;
    }
  });
}

/** Mounts: `volumes` (in order), `tmpfs`, `configs`, `secrets`. */
export function planMounts(s: ServicePlanning, top: TopLevel, volumes: readonly (VolumeEntry | undefined)[]): void {
  s.composeKeys.record('volumes', 'mounts', 'perReplicaVolumes');
  volumes.forEach((v, i) => {
    if (v) planVolumeMount(s, top, s.at('volumes', i), v);
  });
  planTmpfs(s);
  planFileMounts(s, top);
}

function planVolumeMount(s: ServicePlanning, top: TopLevel, keys: Keys, v: VolumeEntry): void {
  const { ctx, mounts } = s;
  const target = v.target;
  if (typeof target !== 'string') return ctx.problem(keys, 'needs target: the path in the container');
  const rule = checkContainerPath(target);
  if (rule) return ctx.problem(keys, `target ${rule} (got "${target}")`);
  if (v.consistency !== undefined) ctx.note([...keys, 'consistency'], 'dropped', 'a Docker Desktop setting; no effect on Linux nodes');
  switch (v.type) {
    case 'volume': {
      if (v.source === undefined || v.source === '') {
        ctx.note(keys, 'changed',
          'an anonymous volume becomes scratch space (Swarm tmpfs, Kubernetes emptyDir): it lives as long as the container; ' +
          'declare a named volume to keep data');
        mounts.push({ kind: 'scratch', path: target });
        return;
      }
      const vol = top.volumes.get(v.source);
      if (!vol) return ctx.problem(keys, `undefined volume "${v.source}": declare it under the top-level volumes:`);
      if (v.volume?.nocopy) ctx.note([...keys, 'volume', 'nocopy'], 'dropped', 'not in the model (a new Kubernetes volume starts empty anyway)');
      if ('perReplica' in vol) {
        if (v.read_only) ctx.note([...keys, 'read_only'], 'dropped', 'a per-replica volume is mounted read-write');
        mounts.push({ kind: 'perReplica', path: target, name: vol.name, props: vol.props });
        return;
      }
      mounts.push({ kind: 'volume', volume: vol.id, path: target, readOnly: v.read_only === true });
      return;
    }
    case 'bind': {
      let source = v.source ?? '';
      if (source === '') return ctx.problem(keys, 'a bind mount needs source:');
      if (source.startsWith('~')) {
        const home = ctx.loaded.lookup('HOME');
        if (home !== undefined) source = home + source.slice(1);
      }
      const given = source;
      if (!source.startsWith('/')) source = path.resolve(ctx.loaded.dir, source);
      if (v.bind?.propagation !== undefined) ctx.note([...keys, 'bind', 'propagation'], 'dropped', 'mount propagation is not in the model');
      ctx.note(keys, 'info', `a bind mount of ${source}${given !== source ? ` (${given}, resolved as docker stack deploy does)` : ''}: ` +
        'mapped to mountHostPath with allowHostAccess: true, which synth reports as a security risk; ' +
        'the path must exist on every node that may run the service');
      mounts.push({ kind: 'host', path: target, hostPath: source, readOnly: v.read_only === true });
      return;
    }
    case 'tmpfs': {
      let sizeLimit: string | undefined;
      if (typeof v.tmpfs?.size === 'number' && v.tmpfs.size > 0) sizeLimit = quantity(ctx, [...keys, 'tmpfs', 'size'], v.tmpfs.size, v.tmpfs.size);
      mounts.push({ kind: 'scratch', path: target, ...(sizeLimit ? { sizeLimit } : {}) });
      return;
    }
    default:
      ctx.note(keys, 'dropped', `a ${v.type} mount is not in the model`);
  }
}

/** The service-level `tmpfs` -> scratch space. */
function planTmpfs(s: ServicePlanning): void {
  const { ctx, svc, at } = s;
  const tmpfs = typeof svc.tmpfs === 'string' ? [svc.tmpfs] : Array.isArray(svc.tmpfs) ? svc.tmpfs.map(String) : [];
  tmpfs.forEach((t, i) => {
    const keys = Array.isArray(svc.tmpfs) ? at('tmpfs', i) : at('tmpfs');
    const [target, options] = [t.split(':')[0], t.split(':').slice(1).join(':')];
    const rule = checkContainerPath(target);
    if (rule) return ctx.problem(keys, `${rule} (got "${target}")`);
    let sizeLimit: string | undefined;
    for (const opt of options ? options.split(',') : []) {
      const m = /^size=(.+)$/.exec(opt);
      const bytes = m ? ramInBytes(m[1]) : undefined;
      if (m && bytes !== undefined && bytes > 0) sizeLimit = quantity(ctx, keys, bytes, m[1]);
      else ctx.note(keys, 'dropped', `tmpfs option "${opt}" is not in the model (scratch space is mounted rw, nosuid, nodev)`);
    }
    ctx.note(keys, 'info', 'docker stack deploy drops a service-level tmpfs without a word; Conductor mounts it ' +
      '(Swarm: a tmpfs mount, Kubernetes: an emptyDir)', 'swarm');
    s.mounts.push({ kind: 'scratch', path: target, ...(sizeLimit ? { sizeLimit } : {}) });
  });
}

/** `configs` and `secrets` of a service -> config and secret mounts, at Swarm's default paths. */
function planFileMounts(s: ServicePlanning, top: TopLevel): void {
  const { ctx, svc, at, mounts } = s;
  for (const kind of ['configs', 'secrets'] as const) {
    const list = Array.isArray(svc[kind]) ? (svc[kind] as unknown[]) : [];
    list.forEach((entry, i) => {
      const keys = at(kind, i);
      const ref = typeof entry === 'string' ? { source: entry } : (entry as Dict);
      const source = typeof ref.source === 'string' ? ref.source : undefined;
      if (source === undefined) return ctx.problem(keys, 'needs source:');
      for (const k of ['uid', 'gid', 'mode'] as const) {
        if (ref[k] !== undefined) ctx.note([...keys, k], 'dropped',
          `the file's ${k} is not in the model: Conductor mounts ${kind} owned by root, mode 0444, on both targets`);
      }
      const target = typeof ref.target === 'string' && ref.target !== '' ? ref.target : undefined;
      if (kind === 'configs') {
        if (!top.configs.has(source)) return ctx.problem(keys, `undefined config "${source}": declare it under the top-level configs:`);
        const config = top.configs.get(source);
        if (!config) return ctx.note(keys, 'dropped', `config "${source}" is external: not mounted`);
        // Swarm: a relative target is relative to /; none is /<config name>.
        const p = target === undefined ? `/${source}` : target.startsWith('/') ? target : `/${target}`;
        const rule = checkContainerPath(p);
        if (rule) return ctx.problem([...keys, 'target'], `${rule} (got "${p}")`);
        mounts.push({ kind: 'config', config: config.id, path: p, file: Object.keys(config.files)[0] });
      } else {
        const secret = top.secrets.get(source);
        if (!secret) return ctx.problem(keys, `undefined secret "${source}": declare it under the top-level secrets:`);
        // Swarm: a relative target is relative to /run/secrets/; none is /run/secrets/<secret key>.
        const p = target === undefined ? `/run/secrets/${source}` : target.startsWith('/') ? target : `/run/secrets/${target}`;
        const rule = checkContainerPath(p);
        if (rule) return ctx.problem([...keys, 'target'], `${rule} (got "${p}")`);
        mounts.push({ kind: 'secret', secret: secret.id, ...(p !== `/run/secrets/${secret.id}` ? { path: p } : {}) });
      }
    });
  }
}
