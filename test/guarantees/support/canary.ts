import { files } from './tree';

/**
 * The ways a secret value could sit in a file: as is, in base64 (standard
 * and URL-safe, at each of the three byte alignments it can have inside a
 * longer encoded value, so a value embedded in a bigger blob is found too),
 * and in hex. A central piece of the value is searched in each encoding as
 * well, so that a value cut or wrapped is found.
 */
export function encodings(secret: string): { name: string; needle: string }[] {
  const out: { name: string; needle: string }[] = [];
  const add = (name: string, needle: string) => {
    if (needle.length >= 8 && !out.some((o) => o.needle === needle)) out.push({ name, needle });
  };
  const pieces = [['value', secret], ['piece', secret.slice(3, -3)]] as const;
  for (const [what, text] of pieces) {
    const bytes = Buffer.from(text, 'utf8');
    add(`${what}`, text);
    add(`${what} hex`, bytes.toString('hex'));
    add(`${what} HEX`, bytes.toString('hex').toUpperCase());
    for (let offset = 0; offset < 3; offset++) {
      const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
      // Leave out the characters that also encode the bytes before and after the value.
      const start = offset === 0 ? 0 : 4;
      const end = Math.floor((offset + bytes.length) / 3) * 4;
      const stable = encoded.slice(start, end);
      add(`${what} base64@${offset}`, stable);
      add(`${what} base64url@${offset}`, stable.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    add(`${what} base64 padded`, bytes.toString('base64'));
  }
  return out;
}

export interface Sighting {
  readonly file: string;
  readonly canary: string;
  readonly encoding: string;
}

/** Every place under `root` (any file, read as bytes) where a canary shows in any encoding. */
export function findCanaries(root: string, canaries: readonly string[]): Sighting[] {
  const found: Sighting[] = [];
  for (const [file, bytes] of files(root)) found.push(...findInText(file, bytes.toString('latin1'), canaries));
  return found;
}

/** The same search in one text (CLI output, an error message). */
export function findInText(where: string, text: string, canaries: readonly string[]): Sighting[] {
  const found: Sighting[] = [];
  const latin1 = Buffer.from(text, 'utf8').toString('latin1');
  for (const canary of canaries) {
    for (const { name, needle } of encodings(canary)) {
      if (latin1.includes(Buffer.from(needle, 'utf8').toString('latin1'))) found.push({ file: where, canary, encoding: name });
    }
  }
  return found;
}
