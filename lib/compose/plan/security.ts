import type { SecurityProps } from '../../model/security';
import type { ServicePlanning } from './service-planning';
import type { Draft } from './types';

/**
 * `user`, `read_only`, `cap_add` and `cap_drop`. A service that sets none
 * of the first three runs, under Docker, as the image's user, with a
 * writable root filesystem and Docker's default capabilities: by default
 * the import says exactly that (`'image'`, `false`, `[]`), so the app
 * behaves like the file, and synth reports each as a security risk. With
 * `harden`, Conductor's restricted defaults apply instead, with a note
 * naming what is likely to break.
 */
export function planSecurity(s: ServicePlanning): void {
  const { ctx, svc, at } = s;
  const harden = ctx.options.harden === true;
  s.composeKeys.record('user', 'security.user', 'security.group');
  s.composeKeys.record('read_only', 'security.readOnlyRootFilesystem');
  s.composeKeys.record('cap_add', 'security.addCapabilities');
  s.composeKeys.record('cap_drop', 'security.dropCapabilities');
  const security: Draft<SecurityProps> = {};
  const fromImage: string[] = [];
  if (typeof svc.user === 'string') planUser(s, svc.user.trim(), security);
  if (typeof svc.read_only === 'boolean') security.readOnlyRootFilesystem = svc.read_only;
  const add = capabilities(s, 'cap_add');
  const drop = capabilities(s, 'cap_drop');
  if (add) security.addCapabilities = add;
  if (drop) security.dropCapabilities = drop;

  if (!harden) {
    if (security.user === undefined) {
      security.user = 'image';
      security.group = 'image';
      fromImage.push('user');
    }
    if (security.readOnlyRootFilesystem === undefined) {
      security.readOnlyRootFilesystem = false;
      fromImage.push('read_only');
    }
    if (security.dropCapabilities === undefined) {
      security.dropCapabilities = [];
      fromImage.push('cap_drop');
    }
    if (fromImage.length) {
      s.comments.security = `as the image says: the file sets no ${fromImage.join(', ')} (synth reports each as a security risk; ` +
        'conductor import --harden applies Conductor\'s restricted defaults)';
    }
  } else {
    const breaks = likelyBreakage(security, s);
    if (breaks.length) {
      ctx.note(at(), 'changed',
        `--harden: Conductor's restricted defaults fill what the file leaves unset (${[...new Set(breaks.map((b) => b.setting))].join(', ')}); ` +
        `likely to break: ${breaks.map((b) => b.why).join('; ')}. Undo one with its security prop`);
    }
  }
  const out: Draft<SecurityProps> = {};
  const copy = <K extends keyof SecurityProps>(k: K) => {
    if (security[k] !== undefined) out[k] = security[k];
  };
  (['user', 'group', 'readOnlyRootFilesystem', 'addCapabilities', 'dropCapabilities'] as const).forEach(copy);
  if (Object.keys(out).length) s.props.security = out;
}

function planUser(s: ServicePlanning, user: string, security: Draft<SecurityProps>): void {
  const { ctx, at } = s;
  const harden = ctx.options.harden === true;
  const numeric = /^(\d+)(?::(\d+))?$/.exec(user);
  if (numeric) {
    security.user = Number(numeric[1]);
    security.group = Number(numeric[2] ?? numeric[1]);
    if (numeric[2] === undefined) {
      ctx.note(at('user'), 'changed',
        `no group: Conductor sets one, the uid (${numeric[1]}:${numeric[1]}); Docker would take the user's group from the image`);
    }
  } else if (/^root(:root|:0)?$|^0:root$/.test(user)) {
    security.user = 0;
    security.group = 0;
  } else {
    const fallback = harden ? 'the default 10001:10001 applies' : 'the image\'s user applies (user: \'image\')';
    ctx.note(at('user'), 'changed', `"${user}" is a name: Conductor needs numeric ids (Kubernetes runAsNonRoot checks a number), so ${fallback}: ` +
      `set security.user / security.group to the image's ids (docker run --rm --entrypoint id IMAGE ${user.split(':')[0]})`);
    if (!harden) {
      security.user = 'image';
      security.group = 'image';
    }
  }
}

function capabilities(s: ServicePlanning, key: 'cap_add' | 'cap_drop'): string[] | undefined {
  const { ctx, svc, at } = s;
  const list = Array.isArray(svc[key]) ? (svc[key] as unknown[]).map(String) : undefined;
  if (!list) return undefined;
  const out: string[] = [];
  list.forEach((c, i) => {
    const cap = c.toUpperCase().replace(/^CAP_/, '');
    if (!/^(ALL|[A-Z][A-Z_]*[A-Z])$/.test(cap)) return ctx.note(at(key, i), 'dropped', `"${c}" is not a capability name`);
    if (!out.includes(cap)) out.push(cap);
  });
  return out;
}

/** What the restricted defaults are likely to break in this service, from what the file shows. */
function likelyBreakage(security: Draft<SecurityProps>, parts: ServicePlanning): { setting: string; why: string }[] {
  const out: { setting: string; why: string }[] = [];
  if (security.user === undefined) {
    const data = parts.mounts.filter((m) => m.kind === 'volume' || m.kind === 'perReplica').map((m) => m.path);
    out.push({
      setting: 'user 10001:10001',
      why: data.length
        ? `an image whose entrypoint starts as root to own its data directory (${data.join(', ')}) fails as uid 10001`
        : 'an image that expects its own user (or root) may not read its own files as uid 10001',
    });
    const sockets = parts.mounts.flatMap((m) => (m.kind === 'host' && /\.sock$/.test(m.hostPath) ? [m.hostPath] : []));
    if (sockets.length) out.push({ setting: 'user 10001:10001', why: `reading ${sockets.join(', ')} needs the socket's owner or group` });
  }
  if (security.readOnlyRootFilesystem === undefined) {
    out.push({ setting: 'read_only: true', why: 'writes outside its mounts (pid files, /tmp, caches) fail: add scratch mounts there' });
  }
  if (security.dropCapabilities === undefined) {
    const low = (parts.props.ports ?? []).map((p) => p.targetPort ?? p.port).filter((p) => p < 1024);
    out.push({
      setting: 'cap_drop: [ALL]',
      why: low.length
        ? `binding port ${low.join(', ')} may need NET_BIND_SERVICE on Kubernetes; ` +
          'an entrypoint that switches user (gosu, su-exec) needs SETUID/SETGID'
        : 'an entrypoint that switches user (gosu, su-exec) or changes file ownership needs SETUID, SETGID or CHOWN',
    });
  }
  return out;
}
