import { formatDuration } from '../../model/duration';
import { parseGoDuration } from '../syntax';
import { Context, Keys } from './context';

/*
 * Compose's units (Go durations, byte sizes, CPUs as strings) -> the
 * model's (duration text, Kubernetes quantities, cores), with a note
 * wherever a value had to be rounded.
 */

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/** Go duration text -> model duration text; undefined (and a problem) when invalid. */
export function duration(
  ctx: Context, keys: Keys, value: unknown, opts: { wholeSeconds?: boolean; minMs?: number; why?: string } = {},
): string | undefined {
  const ns = parseGoDuration(value);
  if (ns === undefined || ns < 0) {
    ctx.problem(keys, 'must be a duration such as "10s", "1m30s" or "500ms"');
    return undefined;
  }
  let ms = ns / 1e6;
  const changes: string[] = [];
  if (!Number.isInteger(ms)) {
    ms = Math.ceil(ms);
    changes.push('to whole milliseconds');
  }
  if (opts.wholeSeconds && ms % 1000 !== 0) {
    ms = Math.ceil(ms / 1000) * 1000;
    changes.push(`to whole seconds (${opts.why ?? 'Kubernetes counts it in seconds'})`);
  }
  if (opts.minMs !== undefined && ms < opts.minMs) {
    ms = opts.minMs;
    changes.push(`to the least allowed, ${formatDuration(opts.minMs)}`);
  }
  if (changes.length) ctx.note(keys, 'changed', `${String(value)} rounded up ${changes.join(', ')}: ${formatDuration(ms)}`);
  return formatDuration(ms);
}

/** Bytes -> a Kubernetes quantity in whole mebibytes (the model's unit). */
export function quantity(ctx: Context, keys: Keys, bytes: number, given: unknown): string {
  if (bytes % GIB === 0) return `${bytes / GIB}Gi`;
  if (bytes % MIB === 0) return `${bytes / MIB}Mi`;
  const mib = Math.ceil(bytes / MIB);
  ctx.note(keys, 'changed', `${String(given)} (${bytes} bytes) rounded up to ${mib}Mi: Conductor sizes memory in whole mebibytes`);
  return `${mib}Mi`;
}

/** Compose CPUs (a string such as "0.5") -> cores, rounded to millicores; undefined for 0 or invalid (a problem). */
export function cpu(ctx: Context, keys: Keys, value: unknown): string | undefined {
  const cores = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(cores) || cores < 0) {
    ctx.problem(keys, 'must be a number of CPUs as a string, e.g. "0.5"');
    return undefined;
  }
  if (cores === 0) return undefined;
  let millicores = cores * 1000;
  if (Math.abs(millicores - Math.round(millicores)) > 1e-6) {
    const rounded = Math.max(1, Math.round(millicores));
    ctx.note(keys, 'changed', `${value} rounded to ${rounded}m: Conductor counts CPU in millicores`);
    millicores = rounded;
  }
  return String(Math.round(millicores) / 1000);
}

/** Swarm's defaults where the stack file sets nothing (swarmkit api/defaults, engine health defaults). */
export const SWARM_DEFAULTS = {
  update: { parallelism: 1, delayMs: 0, failureAction: 'pause', monitorMs: 5000, order: 'stop-first', maxFailureRatio: 0 },
  health: { intervalMs: 30_000, timeoutMs: 30_000, retries: 3, startPeriodMs: 0 },
  restart: { condition: 'any', delayMs: 5000, maxAttempts: 0, windowMs: 0 },
} as const;
