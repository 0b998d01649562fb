import { parseDuration } from '../model/duration';
import { ParsedArgs, UsageError } from './args';

const RESOLVE = ['always', 'changed', 'never'] as const;

/** The options only `conductor deploy` takes: --timeout, --no-rollback, --resolve-image. */
export function deployOptions(args: ParsedArgs) {
  const timeout = args.flags.get('timeout');
  const resolve = args.flags.get('resolve-image');
  if (timeout === true || resolve === true) throw new UsageError(`--${timeout === true ? 'timeout' : 'resolve-image'} needs a value`);
  const timeoutMs = timeout === undefined ? undefined : parseDuration(timeout);
  if (timeoutMs === undefined && timeout !== undefined) throw new UsageError(`--timeout must be a duration such as "90s" or "5m", not "${timeout}"`);
  if (resolve !== undefined && !(RESOLVE as readonly string[]).includes(resolve)) {
    throw new UsageError(`--resolve-image must be always, changed or never, not "${resolve}"`);
  }
  return { timeoutMs, rollback: !args.flags.has('no-rollback'), resolveImage: resolve as (typeof RESOLVE)[number] | undefined };
}
