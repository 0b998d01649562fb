import * as path from 'path';
import { readOutputDir } from '../synth/compare';
import { environmentOf } from '../synth/environment';
import { classifyPath } from '../synth/layout';
import { readStackFiles, StackFiles } from '../delivery/stack-files';
import { UsageError } from './args';
import { CliError } from './errors';
import { loadApps } from './load-app';

export interface SwarmOutputOptions {
  readonly app: string;
  readonly out?: string;
  readonly stacks?: string[];
  readonly environments?: string[];
}

/**
 * The Swarm stack files of the app as they are in the output directory, in
 * a stable order (environment, then stack). Deploy and status read the
 * committed files, never a fresh render: what is deployed is what was
 * reviewed. So they refuse when those files are stale (what `conductor
 * check` reports), naming the files and the command that fixes it.
 */
export function swarmOutput(o: SwarmOutputOptions): StackFiles[] {
  const apps = loadApps(o.app);
  if (o.out !== undefined && apps.length > 1) {
    throw new UsageError(`--out: ${o.app} creates ${apps.length} Apps; --out would read them all from one directory`);
  }
  const result: { env: string; stack: StackFiles }[] = [];
  for (const app of apps) {
    const outdir = o.out ?? app.outdir;
    const output = app.render({ targets: ['swarm'], stacks: o.stacks, environments: o.environments });
    const rendered = [...output.files].filter(([p]) => isSwarmFile(p));
    const stackDirs = new Set(rendered.map(([p]) => p.split('/').slice(0, -1).join('/').replace(/\/(configs|secrets)$/, '')));
    const disk = readOutputDir(outdir, { includeMarker: false });
    const stale = rendered.filter(([p, text]) => disk.get(p) !== text).map(([p]) => p);
    for (const p of disk.keys()) if (isSwarmFile(p) && [...stackDirs].some((d) => p.startsWith(`${d}/`)) && !output.files.has(p)) stale.push(p);
    if (stale.length) {
      const shown = stale.sort().slice(0, 5).map((p) => path.join(outdir, p)).join(', ');
      const count = `${stale.length} Swarm file${stale.length === 1 ? ' differs' : 's differ'}`;
      const fix = 'run `conductor synth` and commit the result, then deploy';
      throw new CliError(`${outdir} is stale: ${count} from what ${o.app} synthesizes (${shown}${stale.length > 5 ? ', ...' : ''}): ${fix}`);
    }
    for (const s of output.stacks) {
      const env = environmentOf(s) ?? '';
      result.push({ env, stack: readStackFiles(s.stackName, path.join(outdir, env, 'swarm', s.stackName)) });
    }
  }
  result.sort((a, b) => (a.env === b.env ? cmp(a.stack.name, b.stack.name) : cmp(a.env, b.env)));
  const seen = new Map<string, string>();
  for (const { env, stack } of result) {
    if (seen.has(stack.name)) {
      const envs = `"${seen.get(stack.name) || '(none)'}" and "${env || '(none)'}"`;
      throw new UsageError(`stack "${stack.name}" is in environments ${envs}, one name on one engine: choose one with --env`);
    }
    seen.set(stack.name, env);
  }
  return result.map((r) => r.stack);
}

function isSwarmFile(p: string): boolean {
  const role = classifyPath(p);
  return role.role === 'stack' && role.target === 'swarm';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
