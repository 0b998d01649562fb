import * as fs from 'fs';
import * as path from 'path';

/**
 * The marker file at the top of an output directory: which app owns the
 * directory and which files it wrote. Synth prunes only those files, keeps
 * every other file, and refuses a directory another app owns.
 */
export const MARKER_FILE = '.conductor-output';

/** What a marker says. */
export interface OutputRecord {
  /** The app that wrote the directory: its file, relative to its project (see appIdentity). */
  readonly app: string;
  /** Files the app wrote, relative "/" paths, sorted; the marker itself left out. */
  readonly files: readonly string[];
}

/** A marker as read from disk. */
export type MarkerState =
  | { readonly kind: 'record'; readonly record: OutputRecord }
  /** The plain-text marker of versions that replaced the directory as a whole and recorded no app. */
  | { readonly kind: 'legacy' }
  | { readonly kind: 'corrupt'; readonly reason: string };

const ABOUT = 'Written by `conductor synth`: the app that owns this directory and the files it wrote. Synth removes only these files. Do not edit.';

/** The marker's text: stable byte for byte (sorted, no time, no absolute path). */
export function markerText(record: OutputRecord): string {
  const files = [...record.files].sort();
  return `${JSON.stringify({ about: ABOUT, app: record.app, files }, null, 2)}\n`;
}

/** Reads a marker's text. */
export function parseMarker(text: string): MarkerState {
  if (text.startsWith('This directory is written by `conductor synth`')) return { kind: 'legacy' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { kind: 'corrupt', reason: `not JSON (${(e as Error).message})` };
  }
  const d = data as { app?: unknown; files?: unknown };
  if (typeof d?.app !== 'string' || d.app === '') return { kind: 'corrupt', reason: 'no "app"' };
  if (!Array.isArray(d.files) || !d.files.every((f) => typeof f === 'string' && isSafeRelative(f))) {
    return { kind: 'corrupt', reason: '"files" is not a list of relative paths' };
  }
  return { kind: 'record', record: { app: d.app, files: [...(d.files as string[])].sort() } };
}

/** A relative "/" path inside the directory: no "..", no absolute path, not the marker. */
export function isSafeRelative(p: string): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\\') || p.includes('\0') || p === MARKER_FILE) return false;
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * How an app is named in the marker: its file relative to its project (the
 * nearest directory above it with a package.json), "/"-separated, so that
 * the marker is the same in every clone, from every working directory.
 * Without a project, the file's name.
 */
export function appIdentity(appFile: string): string {
  let file = path.resolve(appFile);
  try {
    file = fs.realpathSync(file);
  } catch {
    // A file that does not exist (yet) is named by its path as given.
  }
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.relative(dir, file).split(path.sep).join('/');
    if (path.dirname(dir) === dir) return path.basename(file);
  }
}
