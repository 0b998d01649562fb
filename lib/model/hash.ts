import { createHash } from 'crypto';

/** First 10 hex digits of the SHA-256 of the text: short, stable, collision-safe enough for names. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}
