/**
 * Durations as Go and Compose write them ("10s", "1m30s", "500ms"), parsed
 * into milliseconds once.
 */

const PART = /(\d+)(ms|s|m|h)/g;
const WHOLE = /^(\d+(ms|s|m|h))+$/;
const FACTOR: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export const DURATION_RULE = 'must be a duration such as "500ms", "10s", "1m30s" or "1h"';

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string' || !WHOLE.test(value)) return undefined;
  let total = 0;
  for (const m of value.matchAll(PART)) total += Number(m[1]) * FACTOR[m[2]];
  return total;
}

/** Go-style text for Compose, e.g. 90000 -> "1m30s", 1500 -> "1500ms". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
