import * as fs from 'fs';
import * as path from 'path';
import type { App } from '../synth/app';
import { AppLoadError, oneLine, throwSite } from './errors';

export { AppLoadError } from './errors';

const APPS = Symbol.for('cdk8s-conductor.apps');
const CLI_MODE = Symbol.for('cdk8s-conductor.cli-mode');
type Registry = { [APPS]?: App[]; [CLI_MODE]?: boolean };

/**
 * Runs the user's app file (TypeScript, through tsx) with `App.synth()`
 * turned into a no-op, and returns the Apps it constructed, each with at
 * least one stack. The registry lives on globalThis (see App), so this
 * works whichever copy of the library the app imports.
 */
export function loadApps(file: string): readonly App[] {
  const abs = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new AppLoadError(`app file not found: ${file} (choose one with --app FILE)`);
  }
  if (!stat.isFile()) throw new AppLoadError(`app file is not a file: ${file}`);
  const registry = globalThis as Registry;
  registry[CLI_MODE] = true;
  const before = registry[APPS]?.length ?? 0;
  try {
    require(abs);
  } catch (e) {
    const where = throwSite(e);
    throw new AppLoadError(`the app ${file} threw${where ? ` at ${where}` : ''}: ${oneLine((e as Error)?.message ?? String(e))}`, e);
  }
  const apps = (registry[APPS] ?? []).slice(before);
  if (apps.length === 0) throw new AppLoadError(`the app ${file} created no App: call new App() and add stacks to it`);
  for (const app of apps) {
    if (app.stacks.length === 0) throw new AppLoadError(`the app ${file} defines no stacks: add a Stack to the App (new Stack(app, 'name'))`);
  }
  return apps;
}
