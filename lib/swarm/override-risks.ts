/**
 * The relaxations of the secure defaults that a `Swarm.override` made: the
 * rendered service before and after the override, compared key by key.
 * Only what the override changed counts: a relaxation the model already set
 * (`security: { user: 0 }`, say) is in "before" too, and the model's own
 * list (lib/model/security-risks.ts) reports it.
 *
 * `docker stack deploy` (28) ignores `privileged`, `devices`, `network_mode`
 * and `security_opt` ("Ignoring unsupported options"), but the file is also
 * read by `docker compose`, which honours them, and a later engine may too:
 * they are reported all the same.
 */
import type { ComposeService } from './compose-types';

/** One relaxation: the key (`Swarm.override.<key>`) and what it exposes. */
export interface OverrideRisk {
  readonly field: string;
  readonly message: string;
}

type Service = Record<string, unknown>;

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const text = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x));
const added = (before: unknown, after: unknown): unknown[] => {
  const old = new Set(list(before).map(text));
  return list(after).filter((x) => !old.has(text(x)));
};
const shown = (xs: readonly unknown[]): string => xs.map(text).join(', ');

/** Docker's `user`: `0`, `root`, `0:<group>` or `root:<group>` run as root. */
const isRoot = (user: unknown): boolean => /^(0|root)(:.*)?$/.test(String(user));

/** `security_opt` entries that switch a confinement off (docker run --security-opt). */
const UNCONFINING = /unconfined|^no-new-privileges[:=]false$|^label[:=]disable$/;

/** A Compose volume entry that mounts a directory of the node: `type: bind`, or the short form with a path as source. */
function isBind(v: unknown): boolean {
  if (typeof v === 'string') return /^[./~]/.test(v) && v.includes(':');
  return typeof v === 'object' && v !== null && (v as Record<string, unknown>).type === 'bind';
}

/** The `sysctls` names, from the map or the list (`name=value`) form. */
function sysctlNames(x: unknown): string[] {
  if (Array.isArray(x)) return x.map((e) => text(e).split('=')[0]);
  return typeof x === 'object' && x !== null ? Object.keys(x) : [];
}

type Rule = (before: Service, after: Service) => [string, string] | undefined;

const RULES: readonly Rule[] = [
  // A privileged container gets every capability and every device of the node: a container escape is one step.
  (b, a) => (a.privileged === true && b.privileged !== true
    ? ['privileged', 'runs privileged: every capability and every device of the node'] : undefined),
  // Capabilities given back widen what the kernel lets the process do (the renderer drops ALL).
  (b, a) => {
    const more = added(b.cap_add, a.cap_add);
    return more.length ? ['cap_add', `gets capabilities back: ${shown(more)}`] : undefined;
  },
  (b, a) => (list(b.cap_drop).includes('ALL') && !list(a.cap_drop).includes('ALL')
    ? ['cap_drop', `keeps the runtime's default capabilities (cap_drop ${a.cap_drop === undefined ? 'removed' : `is ${shown(list(a.cap_drop))}`})`]
    : undefined),
  // No `user`: the image's USER, often root. Root in the container is root on the node after an escape.
  (b, a) => {
    if (isRoot(b.user)) return undefined;
    if (a.user === undefined) return b.user === undefined ? undefined : ['user', 'runs as the image\'s user, which may be root (user removed)'];
    return isRoot(a.user) ? ['user', `runs as root (user ${text(a.user)}): a container escape starts as root on the node`] : undefined;
  },
  (b, a) => (b.read_only === true && a.read_only !== true
    ? ['read_only', 'can write its root filesystem: an intruder can change the image\'s programs until the task restarts'] : undefined),
  // The node's namespaces: its network stack, its processes, its shared memory.
  ...(['network_mode', 'pid', 'ipc'] as const).map((key): Rule => (b, a) => (a[key] === 'host' && b[key] !== 'host'
    ? [key, `shares the node's ${key === 'network_mode' ? 'network stack' : key === 'pid' ? 'process table' : 'IPC namespace'} (${key}: host)`]
    : undefined)),
  (b, a) => {
    const more = added(b.security_opt, a.security_opt).filter((o) => UNCONFINING.test(text(o)));
    return more.length ? ['security_opt', `switches a confinement off: ${shown(more)}`] : undefined;
  },
  (b, a) => {
    const more = added(b.devices, a.devices);
    return more.length ? ['devices', `reaches devices of the node: ${shown(more)}`] : undefined;
  },
  (b, a) => {
    const more = added(b.volumes, a.volumes).filter(isBind);
    const sources = more.map((v) => (typeof v === 'string' ? v.split(':')[0] : text((v as Record<string, unknown>).source)));
    return more.length
      ? ['volumes', `mounts the node's ${shown(sources)} (bind mount): a container escape or a bug there reaches the host`]
      : undefined;
  },
  (b, a) => {
    const old = new Set(sysctlNames(b.sysctls));
    const more = sysctlNames(a.sysctls).filter((n) => !old.has(n));
    return more.length ? ['sysctls', `sets kernel parameters: ${more.join(', ')}`] : undefined;
  },
];

/** Each relaxation `after` (the service as overridden) has that `before` (as rendered) did not, in a stable order. */
export function overrideRisks(before: ComposeService, after: ComposeService): OverrideRisk[] {
  const found: OverrideRisk[] = [];
  for (const rule of RULES) {
    const r = rule(before as Service, after as Service);
    if (r) found.push({ field: `Swarm.override.${r[0]}`, message: r[1] });
  }
  return found;
}
