/**
 * The short forms of the Compose file format, read the way the docker CLI's
 * stack loader (v28, `docker stack config` / `docker stack deploy`) reads
 * them, so that an import means what the file means on Swarm. Each function
 * follows the behaviour of the Go code named in its comment (re-implemented,
 * not copied).
 */

/**
 * Splits a command string into words like github.com/google/shlex, which
 * the loader uses for string `command` / `entrypoint`: blanks separate
 * words; '...' is literal; "..." lets a backslash escape any character; a
 * backslash outside quotes escapes the next character; a `#` at the start
 * of a word starts a comment to the end of the line. No variables, globs or
 * operators: `;`, `|` and `&&` are ordinary characters (a shell needs
 * `sh -c`). Throws on an unterminated quote or a trailing backslash.
 */
export function shellSplit(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const blank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  while (i < text.length) {
    const c = text[i];
    if (word === undefined) {
      if (blank(c)) {
        i++;
        continue;
      }
      if (c === '#') {
        // A comment runs to the end of the line.
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      word = '';
    }
    if (blank(c)) {
      words.push(word);
      word = undefined;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new Error('a backslash at the end of the text escapes nothing');
      word += text[i + 1];
      i += 2;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('a single quote is not closed');
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('a double quote is not closed');
        const d = text[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') {
          if (i + 1 >= text.length) throw new Error('a double quote is not closed');
          word += text[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
    } else {
      word += c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const GO_UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
const GO_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** Nanoseconds of a Go duration (`time.ParseDuration`: "1m30s", "1.5s", "250ms"), or undefined. */
export function parseGoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || !GO_DURATION.test(text)) return undefined;
  let ns = 0;
  for (const m of text.matchAll(GO_PART)) ns += Number(m[1]) * GO_UNIT_NS[m[2]];
  return Math.round(text.startsWith('-') ? -ns : ns);
}

const RAM = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;
const RAM_UNIT: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };

/**
 * Bytes of a memory size as go-units `RAMInBytes` reads it (the loader's
 * memory and tmpfs sizes): binary units whatever the spelling, "512M",
 * "512m", "512MiB", "1.5g" and plain bytes alike. Undefined when invalid.
 */
export function ramInBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = RAM.exec(value);
  if (!m) return undefined;
  const size = Number(m[1]);
  if (!Number.isFinite(size)) return undefined;
  return Math.trunc(size * (m[2] ? RAM_UNIT[m[2].toLowerCase()] : 1));
}

/** One port of a short-syntax port spec. */
export interface PortSpecEntry {
  readonly target: number;
  /** Undefined: Swarm picks a port. */
  readonly published?: number;
  readonly protocol: string;
  /** The host IP of the spec, which Swarm ignores (with a warning). */
  readonly hostIp?: string;
}

function parseRange(text: string, what: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new Error(`${what} "${text}" is not a port or a range of ports`);
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  if (start > 65535 || end > 65535) throw new Error(`${what} "${text}" is above 65535`);
  if (end < start) throw new Error(`${what} "${text}" is a range that ends before it starts`);
  return [start, end];
}

/**
 * A short-syntax port (`"8080"`, `"80:8080"`, `"127.0.0.1:443:8443/tcp"`,
 * `"9000-9002:9000-9002"`), read like go-connections `nat.ParsePortSpec`
 * followed by the loader's conversion to long syntax: one entry per port.
 */
export function parsePortSpec(spec: string): PortSpecEntry[] {
  let rest = spec;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw new Error(`protocol "${protocol}" must be tcp, udp or sctp`);
  }
  const parts = rest.split(':');
  const container = parts[parts.length - 1];
  const host = parts.length >= 2 ? parts[parts.length - 2] : '';
  let ip = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : '';
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (container === '') throw new Error('no container port');
  const [cStart, cEnd] = parseRange(container, 'container port');
  if (cStart === 0) throw new Error('container port 0 is not a port');
  let hStart: number | undefined;
  let hEnd: number | undefined;
  if (host !== '') {
    [hStart, hEnd] = parseRange(host, 'published port');
    if (hEnd - hStart !== cEnd - cStart) {
      throw new Error(cEnd !== cStart ? 'the published and container port ranges differ in length'
        : 'a range of published ports for one container port (Swarm publishes one port per container port)');
    }
  }
  const out: PortSpecEntry[] = [];
  for (let p = cStart; p <= cEnd; p++) {
    const published = hStart !== undefined ? hStart + (p - cStart) : undefined;
    out.push({ target: p, ...(published ? { published } : {}), protocol, ...(ip ? { hostIp: ip } : {}) });
  }
  return out;
}

/** A service volume in long syntax, as the loader's `ParseVolume` makes it from a short one. */
export interface VolumeSpec {
  type: 'volume' | 'bind';
  source?: string;
  target: string;
  read_only?: boolean;
  volume?: { nocopy: boolean };
  bind?: { propagation: string };
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);

/** `SOURCE:TARGET[:MODE]` or `TARGET` (Linux paths; `ParseVolume`). */
export function parseVolumeSpec(spec: string): VolumeSpec {
  if (spec.length === 0) throw new Error('an empty volume');
  if (spec.length <= 2) return { type: 'volume', target: spec };
  const fields = spec.split(':');
  if (fields.some((f) => f === '')) throw new Error(`"${spec}" has an empty part between colons`);
  if (fields.length > 3) throw new Error(`"${spec}" has too many colons`);
  if (fields.length === 1) return { type: 'volume', target: fields[0] };
  const [source, target, modes] = fields;
  const out: VolumeSpec = { type: /^[./~]/.test(source) ? 'bind' : 'volume', source, target };
  for (const option of (modes ?? '').split(',')) {
    if (option === 'ro') out.read_only = true;
    else if (option === 'rw') out.read_only = false;
    else if (option === 'nocopy') out.volume = { nocopy: true };
    else if (PROPAGATIONS.has(option)) out.bind = { propagation: option };
  }
  if (out.read_only === false) delete out.read_only;
  return out;
}

/**
 * An env file as the docker CLI reads it (`kvfile.Parse`): `KEY=VALUE` per
 * line, the value literal (no quotes removed, no interpolation); blank lines
 * and lines starting with `#` skipped; a bare `KEY` takes the variable from
 * `lookup`, and is skipped when it is unset there. Throws on a line without
 * a name or a name with blanks.
 */
export function parseEnvFile(text: string, lookup: (name: string) => string | undefined): [string, string][] {
  const out: [string, string][] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq >= 0 ? line.slice(0, eq) : line;
    if (key === '') throw new Error(`line ${i + 1}: no variable name`);
    if (/[ \t]/.test(key)) throw new Error(`line ${i + 1}: variable name "${key}" contains blanks`);
    if (eq >= 0) out.push([key, line.slice(eq + 1)]);
    else {
      const value = lookup(key);
      if (value !== undefined) out.push([key, value]);
    }
  });
  return out;
}
