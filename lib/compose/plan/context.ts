import * as path from 'path';
import { splitKey, LoadedCompose } from '../loader';
import { ComposeImportNote, ComposeNoteKind, ComposeProblem } from '../problems';

/** A key path in the Compose file, e.g. `['services', 'web', 'ports', 0]`. */
export type Keys = (string | number)[];
/** A mapping of the parsed YAML. */
export type Dict = Record<string, unknown>;

export const isDict = (x: unknown): x is Dict => typeof x === 'object' && x !== null && !Array.isArray(x);

export interface PlanOptions {
  /**
   * Apply Conductor's restricted defaults (uid 10001, read-only root, all
   * capabilities dropped) where the file sets no `user`, `read_only` or
   * `cap_drop`, instead of the image's and Docker's own.
   * @default false
   */
  readonly harden?: boolean;
}

/** Sanitizes a Compose name into a model name (a DNS-1035 label). */
export function modelName(raw: string, prefix: string): string {
  let n = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (n === '') n = prefix;
  if (!/^[a-z]/.test(n)) n = `${prefix}-${n}`;
  return n.slice(0, 63).replace(/-+$/, '');
}

/** What the planning of one file collects: notes, problems and the model names taken. */
export class Context {
  public readonly notes: ComposeImportNote[] = [];
  public readonly problems: ComposeProblem[] = [];
  private readonly names = new Map<string, string>();

  constructor(public readonly loaded: LoadedCompose, public readonly options: PlanOptions) {}

  public note(keys: Keys, kind: ComposeNoteKind, message: string, target?: 'kubernetes' | 'swarm'): void {
    const line = this.loaded.line(keys);
    this.notes.push({ ...splitKey(keys), kind, ...(target ? { target } : {}), message, ...(line !== undefined ? { line } : {}) });
  }

  public problem(keys: Keys, message: string): void {
    this.problems.push({ file: this.loaded.file, line: this.loaded.line(keys), ...splitKey(keys), message });
  }

  /** A unique model name for a Compose name; construct ids share one namespace per stack. */
  public allocate(raw: string, kind: string, keys: Keys, renamed: (to: string) => string | undefined): string {
    let name = modelName(raw, kind);
    if (this.names.has(name)) {
      const base = modelName(`${name}-${kind}`, kind);
      name = base;
      for (let i = 2; this.names.has(name); i++) name = `${base}-${i}`;
    }
    this.names.set(name, raw);
    if (name !== raw) {
      const why = renamed(name);
      if (why) this.note(keys, 'changed', why);
    }
    return name;
  }

  /** The env file of the import, for messages. */
  public envFileName(): string {
    return this.loaded.envFile !== undefined ? path.basename(this.loaded.envFile) : 'the file, a .env beside it or --env-file';
  }
}

/** `(...k) => ['services', name, ...base, ...k]`: key paths under one service. */
export const under = (name: string, ...base: Keys) => (...k: Keys): Keys => ['services', name, ...base, ...k];
