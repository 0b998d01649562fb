import * as fs from 'fs';
import * as path from 'path';
import { App } from '../synth/app';

/** Thrown when the app file cannot be loaded: exit code 1. */
export class AppLoadError extends Error {
  constructor(message: string, public readonly cause?: unknown) {
    super(message);
    this.name = 'AppLoadError';
  }
}

/**
 * Runs the user's app file (TypeScript, through tsx) with `App.synth()`
 * turned into a no-op, and returns the Apps it constructed.
 */
export function loadApps(file: string): readonly App[] {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new AppLoadError(`app file not found: ${file}`);
  App._enterCliMode();
  const before = App.instances.length;
  try {
    require(abs);
  } catch (e) {
    throw new AppLoadError(`the app ${file} threw: ${(e as Error)?.message ?? String(e)}`, e);
  }
  const apps = App.instances.slice(before);
  if (apps.length === 0) throw new AppLoadError(`the app ${file} created no App (call new App() and add stacks to it)`);
  return apps;
}
