/** Thrown for a bad command line: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/**
 * Parses `command [positional...] [--flag value | --flag=value | --switch]`.
 * `switches` take no value; `options` take one; any other `--name` is a
 * usage error.
 */
export function parseArgs(argv: readonly string[], switches: ReadonlySet<string>, options: ReadonlySet<string>): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || a === '--') {
      if (a.startsWith('-') && a.length > 1) throw new UsageError(`unknown option ${a}`);
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (switches.has(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (!options.has(name)) {
      throw new UsageError(`unknown option --${name}`);
    } else if (eq > 0) {
      flags.set(name, a.slice(eq + 1));
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
      i++;
    }
  }
  return { command: positional.shift(), positional, flags };
}
