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

/** Returns the broken rule, or undefined when `name` is a valid name. */
export function checkName(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'must be a non-empty string';
  if (!NAME_PATTERN.test(name)) return NAME_RULE;
  if (name.length > MAX_LABEL_LENGTH) return `must be at most ${MAX_LABEL_LENGTH} characters`;
  return undefined;
}

/**
 * Windows device names: a file or directory named so (with any extension,
 * `con.md` too) cannot be checked out on Windows, so a GitOps repository
 * holding it breaks every Windows clone. Stack and environment names
 * become such names in the output directory.
 */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

export function checkOutputFileName(name: string): string | undefined {
  return WINDOWS_DEVICE_NAME.test(name)
    ? `must not be "${name}", a Windows device name (the output's ${name}.md or ${name}/ could not be checked out on Windows)`
    : undefined;
}

/** Environment variable names accepted by Kubernetes 1.27 and POSIX shells alike. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ENV_NAME_RULE = 'must be letters, digits and "_", not starting with a digit';

/**
 * Linux MAX_ARG_STRLEN: execve refuses (E2BIG) any one argument or
 * environment string, `NAME=value` plus its NUL, longer than 32 pages
 * (128 KiB), so the container cannot start, on either target.
 */
export const MAX_EXEC_STRING_BYTES = 128 * 1024;

/** The size of an oversized env entry (`NAME=value`) or argument, for the error; undefined when it fits. */
export function oversizedExecString(s: string): string | undefined {
  const bytes = Buffer.byteLength(s, 'utf8') + 1;
  return bytes > MAX_EXEC_STRING_BYTES ? `${bytes} bytes with its NUL` : undefined;
}

export const EXEC_STRING_RULE = `must be at most ${MAX_EXEC_STRING_BYTES} bytes as "NAME=value" (Linux MAX_ARG_STRLEN: the container could not ` +
  `start)`;
export const ARG_STRING_RULE = `each entry must be at most ${MAX_EXEC_STRING_BYTES - 1} bytes (Linux MAX_ARG_STRLEN: the container could not start)`;

/**
 * Characters a value cannot carry into the output: Go's YAML readers
 * (kubectl's sigs.k8s.io/yaml, the docker CLI's stack loader) refuse DEL,
 * the C1 controls, U+FFFE and U+FFFF in a file, and read U+0085, U+2028
 * and U+2029 as line breaks (a space, or a refusal); a lone UTF-16
 * surrogate has no UTF-8 form at all (a file would hold U+FFFD instead).
 */
const UNREADABLE = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The broken rule when a value holds a character no reader of the output gives back, else undefined. */
export function checkText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = UNREADABLE.exec(value);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  const what = code >= 0xd800 && code <= 0xdfff ? 'a lone UTF-16 surrogate, which UTF-8 cannot hold'
    : code === 0x85 || code === 0x2028 || code === 0x2029 ? 'a character YAML reads as a line break (kubectl and docker would change or refuse it)'
      : 'a character kubectl and docker refuse in YAML';
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `must not contain U+${hex} (at index ${m.index}): ${what}; encode it (e.g. base64) and decode it in the container`;
}

/** checkText, and no NUL: an env value, argument or command is a C string for execve, which ends at NUL. */
export function checkExecText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.includes('\0')) {
    return `must not contain NUL (at index ${value.indexOf('\0')}): the process gets a C string, which ends there`;
  }
  return checkText(value);
}

/** File names inside a Config (ConfigMap keys): one path segment. */
export const FILE_NAME_PATTERN = /^[-._a-zA-Z0-9]+$/;
export const FILE_NAME_RULE = 'must be one path segment of letters, digits, "-", "_" and "." (a ConfigMap key)';

/** ConfigMap and Secret keys: the API server refuses "." and ".." (they would be path segments) and more than 253 characters. */
export const MAX_KEY_LENGTH = 253;

/** The broken key rule beyond the character set, or undefined. */
export function checkKeySegment(key: string): string | undefined {
  if (key === '.' || key === '..') return 'must not be "." or ".." (the API server refuses them as keys: they name directories)';
  if (key.length > MAX_KEY_LENGTH) return `must be at most ${MAX_KEY_LENGTH} characters (a ConfigMap or Secret key)`;
  return undefined;
}

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

/** Linux PATH_MAX: the kernel refuses a longer path (ENAMETOOLONG), so the container never starts. */
export const MAX_PATH_LENGTH = 4096;

/** An absolute container (or node) path without `..` segments. */
export function checkContainerPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return 'must be an absolute path';
  // A C string ends at NUL; a line break splits the runtimes' mount specifications and the kubelet refuses it.
  if (/[\0\n\r]/.test(path)) return 'must not contain NUL or line breaks';
  if (Buffer.byteLength(path, 'utf8') > MAX_PATH_LENGTH) return `must be at most ${MAX_PATH_LENGTH} bytes (Linux PATH_MAX)`;
  if (path.split('/').some((s) => s === '..')) return 'must not contain ".." segments';
  if (path.includes(':')) return 'must not contain ":" (Swarm mount syntax)';
  return undefined;
}
