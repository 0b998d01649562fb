import type { Target } from '../model/problems';

/**
 * What an import reports: notes (keys mapped differently, or not at all)
 * and problems (input that cannot be imported).
 */

/**
 * How a Compose key was handled, when it was not mapped one to one.
 * - `dropped`: the key has no effect on the output (no form in the model).
 * - `changed`: mapped, with a difference the user must know about
 *   (renamed, rounded, approximated, a Conductor default instead).
 * - `info`: mapped faithfully; worth knowing (e.g. a variable was unset).
 * - `warning`: mapped faithfully, but the result will not work on a target
 *   without a change only the user can make (the message says which).
 */
export type ComposeNoteKind = 'dropped' | 'changed' | 'info' | 'warning';

/** One Compose key that was not mapped one to one, and why. */
export interface ComposeImportNote {
  /**
   * The Compose service, or undefined for a top-level key.
   * @default - a top-level key
   */
  readonly service?: string;
  /**
   * The key: inside the service for a service note (`deploy.update_config.max_failure_ratio`,
   * `volumes[1]`, `""` for the whole service), else from the top of the file (`networks.front`).
   */
  readonly key: string;
  /** What kind of note: how the key was mapped, or why it was not. */
  readonly kind: ComposeNoteKind;
  /**
   * The one target the note is about; undefined for both.
   * @default - both targets
   */
  readonly target?: Target;
  /** Why, and what to do about it. */
  readonly message: string;
  /**
   * 1-based line of the key in the file, when known.
   * @default - unknown
   */
  readonly line?: number;
}

/**
 * Notes in the order of the file: top-level keys first, then each service
 * (by name), each by line; identical notes once.
 */
export function sortNotes(notes: readonly ComposeImportNote[]): ComposeImportNote[] {
  const seen = new Set<string>();
  const unique = notes.filter((n) => {
    const k = JSON.stringify([n.service, n.key, n.kind, n.target, n.message]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const order = (n: ComposeImportNote) => [n.service === undefined ? 0 : 1, n.service ?? '', n.line ?? Number.MAX_SAFE_INTEGER] as const;
  return unique
    .map((n, i) => ({ n, i }))
    .sort((a, b) => {
      const [x, y] = [order(a.n), order(b.n)];
      return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || x[2] - y[2] || a.i - b.i;
    })
    .map(({ n }) => n);
}

/** Where a note or problem is, as a path from the top of the file: `services.web.ports[0]`. */
export function keyPath(service: string | undefined, key: string): string {
  if (service === undefined) return key;
  const base = `services.${service}`;
  if (key === '') return base;
  return key.startsWith('[') ? `${base}${key}` : `${base}.${key}`;
}

export function formatNote(n: ComposeImportNote): string {
  return `${keyPath(n.service, n.key)}: ${n.kind}${n.target ? ` (${n.target})` : ''}: ${n.message}`;
}

/** One reason an input cannot be imported. */
export interface ComposeProblem {
  /** The file, as given. */
  readonly file: string;
  /**
   * 1-based line of the key, when known.
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The Compose service, when the problem is in one.
   * @default - not in a service
   */
  readonly service?: string;
  /** The key, as in ComposeImportNote. */
  readonly key: string;
  /** What is wrong, and what to do about it. */
  readonly message: string;
}

export function formatComposeProblem(p: ComposeProblem): string {
  const where = keyPath(p.service, p.key);
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${where || '(file)'}: ${p.message}`;
}

/** Thrown when a Compose file cannot be imported; lists every problem, each naming the file, the service and the key. */
export class ComposeImportError extends Error {
  public readonly problems: readonly ComposeProblem[];

  constructor(problems: readonly ComposeProblem[]) {
    const file = problems[0]?.file ?? 'the compose file';
    const lines = problems.map((p) => `  - ${formatComposeProblem(p)}`);
    super(`cannot import ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.name = 'ComposeImportError';
    this.problems = problems;
  }
}
