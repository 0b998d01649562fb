import { posix } from 'path';

/**
 * Name rules that fit both targets: a DNS-1123 label that starts with a letter
 * (so it is also a DNS-1035 label, which Kubernetes Services need), and length
 * budgets so that Swarm's `<stack>_<name>` stays within its limits.
 */

export const NAME_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const NAME_RULE = 'must be lower case letters, digits and "-", start with a letter and end with a letter or digit (DNS-1035 label)';

/** Longest Kubernetes object / DNS label. */
export const MAX_LABEL_LENGTH = 63;

/** Swarm service and network names are `<stack>_<name>`, at most 63 characters. */
export const MAX_SWARM_SCOPED_NAME = 63;

/** Swarm config and secret names are at most 64 characters. */
export const MAX_SWARM_OBJECT_NAME = 64;

/** Returns the broken rule, or undefined when `name` is a valid name. */
export function checkName(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'must be a non-empty string';
  if (!NAME_PATTERN.test(name)) return NAME_RULE;
  if (name.length > MAX_LABEL_LENGTH) return `must be at most ${MAX_LABEL_LENGTH} characters`;
  return undefined;
}

/** Environment variable names accepted by Kubernetes 1.27 and POSIX shells alike. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ENV_NAME_RULE = 'must be letters, digits and "_", not starting with a digit';

/** File names inside a Config (ConfigMap keys): one path segment. */
export const FILE_NAME_PATTERN = /^[-._a-zA-Z0-9]+$/;
export const FILE_NAME_RULE = 'must be one path segment of letters, digits, "-", "_" and "." (a ConfigMap key)';

/** Label keys: optional DNS-1123 subdomain prefix and a name segment. */
const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_KEY_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function checkLabelKey(key: string): string | undefined {
  if (typeof key !== 'string') return 'must be a string';
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !LABEL_KEY_PREFIX.test(prefix))) {
    return 'must have a DNS subdomain prefix before "/"';
  }
  if (name.length > 63 || !LABEL_KEY_NAME.test(name)) {
    return 'must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  }
  return undefined;
}

export function checkLabelValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return 'must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * A container path as Docker compares mount points (filepath.Clean):
 * `//data/./x/` is `/data/x`. "/" stays "/".
 */
export function normalizeContainerPath(p: string): string {
  return posix.normalize(p).replace(/(?<=.)\/+$/, '');
}

export const MOUNT_ROOT_RULE = 'must not be "/" (a mount cannot replace the root filesystem)';

/** An absolute container path without `..` segments. */
export function checkContainerPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return 'must be an absolute path';
  if (path.split('/').some((s) => s === '..')) return 'must not contain ".." segments';
  if (path.includes(':')) return 'must not contain ":" (Swarm mount syntax)';
  return undefined;
}
