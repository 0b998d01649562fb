import { posix } from 'path';
import { Config } from '../config';
import { normalizeContainerPath } from '../names';
import { isPortNumber } from '../ports';
import type { Stack } from '../stack';
import type { WorkloadBase } from '../workload-base';

/** A workload's string that names another workload of its stack as a host. */
export interface HostReference {
  /** The workload whose env, args or config holds the string. */
  readonly client: WorkloadBase;
  /** Where: `env["DB_URL"]`, `args[2]`, `configs["web-config"].files["default.conf"]`, ... */
  readonly field: string;
  /** The matched text: `db:5432`, `http://api:8080`, `postgres://user@db`. */
  readonly text: string;
  readonly server: WorkloadBase;
  /** The port in the text; undefined when it has none. */
  readonly port?: number;
}

/*
 * What is matched (docs/runtime-checks.md says the same):
 * - URL form: `scheme://[userinfo@]HOST[:PORT]`, followed by the end, `/`, `?`, `#` or any character that cannot
 *   continue a host name;
 * - host:port form: `HOST:PORT` with PORT 1 to 5 digits, not preceded by a letter, digit, `_`, `.`, `-`, `/` or `:`
 *   and not followed by a letter, digit, `_`, `.`, `-` or `:` (so `redis:7-alpine`, `a.db:1`, `/db:1` do not match).
 * HOST must be exactly the name of a workload of the same stack (case-sensitive, no domain: `db.shop` is not `db`).
 */
const URL_FORM = /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^\s/?#@'"`]*@)?([A-Za-z0-9.-]+)(?::(\d{1,5}))?(?![A-Za-z0-9_.-]|:\d)/g;
const HOST_PORT_FORM = /(?<![A-Za-z0-9_./:-])([a-z0-9](?:[-a-z0-9]*[a-z0-9])?):(\d{1,5})(?![A-Za-z0-9_.:-])/g;

/** Host names of `names` that `text` uses in URL or host:port form, in order. */
export function findHostNames(text: string, names: ReadonlySet<string>): { host: string; port?: number; text: string }[] {
  const found: { host: string; port?: number; text: string; at: number }[] = [];
  let rest = text;
  for (const m of text.matchAll(URL_FORM)) {
    // Blank the URL so that its host:port part is not matched again.
    rest = rest.slice(0, m.index!) + ' '.repeat(m[0].length) + rest.slice(m.index! + m[0].length);
    if (names.has(m[1])) found.push({ host: m[1], ...portOf(m[2]), text: m[0], at: m.index! });
  }
  for (const m of rest.matchAll(HOST_PORT_FORM)) {
    if (names.has(m[1])) found.push({ host: m[1], ...portOf(m[2]), text: m[0], at: m.index! });
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _, ...f }) => f);
}

function portOf(digits: string | undefined): { port?: number } {
  const n = digits === undefined ? NaN : Number(digits);
  return isPortNumber(n) ? { port: n } : {};
}

/** A file of a Config that a workload's main container mounts. */
export interface MountedConfigFile {
  /** `configs["nats-config"].files["nats.conf"]` */
  readonly field: string;
  /** Where the container sees it: the mount's path for a single file, else the file's name in the mounted directory. */
  readonly path: string;
  readonly text: string;
}

/** The config files a workload's main container mounts (only the chosen file of a single-file mount). */
export function mountedConfigFiles(w: WorkloadBase): MountedConfigFile[] {
  const out: MountedConfigFile[] = [];
  for (const m of w.mounts) {
    if (m.kind !== 'config' || !(m.config instanceof Config)) continue;
    for (const f of m.config.fileNames) {
      const text = m.config.files[f];
      if ((m.file !== undefined && m.file !== f) || typeof text !== 'string') continue;
      // An invalid path is an error of the model; the text is still read.
      const path = typeof m.path !== 'string' ? '' : normalizeContainerPath(m.file !== undefined ? m.path : posix.join(m.path, f));
      out.push({ field: `configs[${JSON.stringify(m.config.name)}].files[${JSON.stringify(f)}]`, path, text });
    }
  }
  return out;
}

/** Every string of a workload that can name a host, with its field. */
function stringsOf(w: WorkloadBase): [string, string][] {
  const out: [string, string][] = [];
  const list = (prefix: string, v: unknown) => {
    if (Array.isArray(v)) v.forEach((s, i) => typeof s === 'string' && out.push([`${prefix}[${i}]`, s]));
  };
  const env = (prefix: string, map: unknown) => {
    if (!map || typeof map !== 'object') return;
    for (const [k, v] of Object.entries(map)) if (typeof v === 'string') out.push([`${prefix}[${JSON.stringify(k)}]`, v]);
  };
  env('env', w.env);
  list('command', w.command);
  list('args', w.args);
  for (const c of w.envConfigs) if (c instanceof Config) env(`configs[${JSON.stringify(c.name)}].env`, c.env);
  for (const f of mountedConfigFiles(w)) out.push([f.field, f.text]);
  for (const [kind, helpers] of [['sidecars', w.givenProps.sidecars], ['initContainers', w.givenProps.initContainers]] as const) {
    (Array.isArray(helpers) ? helpers : []).forEach((h, i) => {
      env(`${kind}[${i}].env`, h?.env);
      list(`${kind}[${i}].command`, h?.command);
      list(`${kind}[${i}].args`, h?.args);
    });
  }
  return out;
}

/** Every host reference of the stack's workloads to workloads of the same stack; each field and text once. */
export function hostReferences(stack: Stack): HostReference[] {
  const workloads = stack.workloads;
  const byName = new Map(workloads.map((w) => [w.name, w]));
  const names = new Set(byName.keys());
  const refs: HostReference[] = [];
  for (const client of workloads) {
    const seen = new Set<string>();
    for (const [field, text] of stringsOf(client)) {
      for (const f of findHostNames(text, names)) {
        const key = `${field}\n${f.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        refs.push({ client, field, text: f.text, server: byName.get(f.host)!, ...(f.port !== undefined ? { port: f.port } : {}) });
      }
    }
  }
  return refs;
}
