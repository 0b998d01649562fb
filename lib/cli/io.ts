/** Where the CLI prints: one call per line (or block of lines). */
export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}
