import { ProblemCollector } from './problems';

/** Linux capability names without the `CAP_` prefix, or `ALL`. */
const CAPABILITY = /^(ALL|[A-Z][A-Z_]*[A-Z])$/;

/**
 * `'image'`: leave the setting to the image (its `USER`), as Docker does when
 * a Compose file sets no `user`. The image may run as root, so synth reports
 * it as a security risk.
 */
export type FromImage = 'image';

export interface SecurityProps {
  /**
   * Numeric user id. 0 (root) turns off the non-root guarantee; `'image'`
   * runs as the image's user (a security risk: it may be root).
   * @default 10001
   */
  readonly user?: number | FromImage;
  /**
   * Numeric group id; `'image'` leaves it to the image (needs `user: 'image'`
   * too: a Swarm stack file sets the group only with the user).
   * @default 10001
   */
  readonly group?: number | FromImage;
  /**
   * Make the container's root filesystem read-only (mount scratch space where it writes);
   * `false` is Docker's default (a writable root filesystem).
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Kubernetes `allowPrivilegeEscalation`. Swarm stack files cannot set
   * `no-new-privileges`: see README.
   * @default false
   */
  readonly allowPrivilegeEscalation?: boolean;
  /** Capabilities to add back after dropping. @default - none */
  readonly addCapabilities?: string[];
  /** Capabilities to drop; `[]` keeps the runtime's default set, as Docker does. @default ['ALL'] */
  readonly dropCapabilities?: string[];
  /**
   * Kubernetes seccomp profile type. Swarm applies the engine's default
   * profile and cannot change it from a stack file.
   * @default 'RuntimeDefault'
   */
  readonly seccompProfile?: 'RuntimeDefault' | 'Unconfined';
}

/** Security settings with defaults applied. */
export interface Security {
  /** Undefined: the image's user. */
  readonly user?: number;
  /** Undefined: the image's group. */
  readonly group?: number;
  readonly runAsNonRoot: boolean;
  readonly readOnlyRootFilesystem: boolean;
  readonly allowPrivilegeEscalation: boolean;
  readonly addCapabilities: string[];
  readonly dropCapabilities: string[];
  readonly seccompProfile: 'RuntimeDefault' | 'Unconfined';
}

export const DEFAULT_USER = 10001;
export const DEFAULT_GROUP = 10001;

export function resolveSecurity(s: SecurityProps | undefined): Security {
  const given = s?.user ?? DEFAULT_USER;
  const user = given === 'image' ? undefined : given;
  const group = s?.group ?? DEFAULT_GROUP;
  return {
    ...(user !== undefined ? { user } : {}),
    ...(group !== 'image' ? { group } : {}),
    // Kubernetes can check non-root only for a numeric user.
    runAsNonRoot: user !== undefined && user !== 0,
    readOnlyRootFilesystem: s?.readOnlyRootFilesystem ?? true,
    allowPrivilegeEscalation: s?.allowPrivilegeEscalation ?? false,
    addCapabilities: [...(s?.addCapabilities ?? [])].sort(),
    dropCapabilities: [...(s?.dropCapabilities ?? ['ALL'])].sort(),
    seccompProfile: s?.seccompProfile ?? 'RuntimeDefault',
  };
}

/** The fields of `security` the user set explicitly (a departure from the defaults). */
export function securityOverrides(s: SecurityProps | undefined): string[] {
  return s ? Object.keys(s).filter((k) => (s as Record<string, unknown>)[k] !== undefined).sort() : [];
}

export function validateSecurity(s: SecurityProps | undefined, c: ProblemCollector, path: string, prefix = 'security'): void {
  if (!s) return;
  for (const f of ['user', 'group'] as const) {
    const v = s[f];
    // Kubernetes refuses a runAsUser / runAsGroup outside 0..2^31-1.
    if (v !== undefined && v !== 'image' && (!Number.isInteger(v) || v < 0 || v > 2147483647)) {
      c.error(path, `${prefix}.${f}`, 'must be an integer from 0 to 2147483647, or \'image\'', v);
    }
  }
  // Swarm's `user: "uid:gid"` cannot name a group without a user.
  if (s.user === 'image' && typeof s.group === 'number') {
    c.error(path, `${prefix}.group`, 'must be \'image\' too when user is \'image\' (a Swarm stack file sets the group only with the user)', s.group);
  }
  for (const f of ['readOnlyRootFilesystem', 'allowPrivilegeEscalation'] as const) {
    if (s[f] !== undefined && typeof s[f] !== 'boolean') c.error(path, `${prefix}.${f}`, 'must be true or false', s[f]);
  }
  for (const f of ['addCapabilities', 'dropCapabilities'] as const) {
    const caps = s[f];
    if (caps !== undefined && !Array.isArray(caps)) {
      c.error(path, `${prefix}.${f}`, 'must be a list of capability names', caps);
      continue;
    }
    const seen = new Set<string>();
    for (const cap of caps ?? []) {
      if (typeof cap !== 'string' || !CAPABILITY.test(cap) || cap.startsWith('CAP_')) {
        c.error(path, `${prefix}.${f}`, 'must be capability names without "CAP_", e.g. "NET_BIND_SERVICE", or "ALL"', cap);
      } else if (seen.has(cap)) c.error(path, `${prefix}.${f}`, 'must not repeat a capability', cap);
      seen.add(cap);
    }
  }
  if (s.seccompProfile !== undefined && s.seccompProfile !== 'RuntimeDefault' && s.seccompProfile !== 'Unconfined') {
    c.error(path, `${prefix}.seccompProfile`, 'must be "RuntimeDefault" or "Unconfined"', s.seccompProfile);
  }
}

