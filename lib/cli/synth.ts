import * as path from 'path';
import type { Target } from '../model/problems';
import { keptText, reportWarnings, SynthOutput } from '../synth/app';
import { changeStats, compareFiles, FileChange, secretPaths, unifiedDiff } from '../synth/compare';
import type { OutputScope } from '../synth/layout';
import { OutputDir, openOutputDir } from '../synth/output-dir';
import { appIdentity, MARKER_FILE } from '../synth/output-marker';
import { OutputPlan, planOutput } from '../synth/output-plan';
import { commitPlan } from '../synth/writer';
import { UsageError } from './args';
import type { Io } from './io';
import { loadApps } from './load-app';
import { changeText, summarize } from './summary';

export interface OutputCommandOptions {
  readonly app: string;
  readonly out?: string;
  readonly targets?: Target[];
  readonly stacks?: string[];
  readonly environments?: string[];
  /** synth writes; check compares (exit 1 when stale); diff shows what would change. */
  readonly mode: 'synth' | 'check' | 'diff';
  /** diff: the list of files only. */
  readonly stat?: boolean;
  /** Target gaps and run-time warnings are errors (`--strict`). @default - the App's `strict` */
  readonly strict?: boolean;
  /** Write into a directory another app (or no app) wrote. @default false */
  readonly takeOver?: boolean;
}

/** One App's planned output: what is there, and what synth would leave there. */
interface Plan {
  readonly outdir: string;
  readonly output: SynthOutput;
  readonly dir: OutputDir;
  readonly plan: OutputPlan;
}

/** Lines of each file's patch that `check` prints (`diff` prints all). */
const CHECK_DIFF_LINES = 60;

/** `conductor synth`, `conductor check` (`synth --check`) and `conductor diff`. */
export function outputCommand(o: OutputCommandOptions, io: Io): number {
  const plans = planOutputs(o);
  let stale = false;
  for (const p of plans) {
    // Warnings of the stacks rendered (the whole app is validated, but --stack/--env narrow what is reported).
    const paths = p.output.stacks.map((st) => st.node.path);
    const inStacks = (x: { path: string }) => paths.some((sp) => x.path === sp || x.path.startsWith(`${sp}/`));
    reportWarnings({ ...p.output, gaps: p.output.gaps.filter(inStacks), warnings: p.output.warnings.filter(inStacks) }, io.err);
    for (const note of p.dir.notes) io.err(`note: ${note}`);
    const changes = compareFiles(p.plan.current, p.plan.next);
    if (o.mode === 'synth') {
      commitPlan(p.dir, p.plan);
      io.out(summarize(p.output, p.outdir, changes.filter((c) => c.path !== MARKER_FILE), p.plan.owned.length));
      if (p.plan.unknown.length > 0) io.out(keptText(p.outdir, p.plan.unknown));
    } else if (o.mode === 'check') {
      stale = reportCheck(p, changes, o, io) || stale;
    } else {
      reportDiff(p, changes, o, io);
    }
  }
  return stale ? 1 : 0;
}

/**
 * Loads the app and renders every App, then checks each output directory
 * before reading it (a directory this app may write: see openOutputDir),
 * before anything is written: a problem anywhere writes nothing.
 */
function planOutputs(o: OutputCommandOptions): Plan[] {
  const apps = loadApps(o.app);
  if (o.out !== undefined && apps.length > 1) {
    throw new UsageError(`--out: ${o.app} creates ${apps.length} Apps, each with its own outdir; --out would write them all to one directory`);
  }
  const seen = new Map<string, number>();
  for (const app of apps) {
    const dir = path.resolve(o.out ?? app.outdir);
    seen.set(dir, (seen.get(dir) ?? 0) + 1);
    if (seen.get(dir)! > 1) throw new UsageError(`${o.app} creates several Apps with the same outdir ${o.out ?? app.outdir}`);
  }
  const scope: OutputScope = { targets: o.targets, stacks: o.stacks, environments: o.environments };
  const owner = appIdentity(o.app);
  // Bad input is reported first, whatever the output directory.
  const outputs = apps.map((app) => app.render(o.strict ? { ...scope, strict: true } : scope));
  return apps.map((app, i) => {
    const dir = openOutputDir(o.out ?? app.outdir, { app: owner, takeOver: o.takeOver });
    return { outdir: dir.outdir, output: outputs[i], dir, plan: planOutput(dir, outputs[i].files, scope, owner, o.takeOver) };
  });
}

function reportCheck(p: Plan, changes: readonly FileChange[], o: OutputCommandOptions, io: Io): boolean {
  const files = p.plan.owned.length;
  if (changes.length === 0) {
    io.out(`${p.outdir} is up to date (${files} files${scopeText(o)})`);
    return false;
  }
  const stats = changeStats(p.plan.current, p.plan.next, changes);
  const differ = `${changes.length} file${changes.length === 1 ? ' differs' : 's differ'}`;
  io.out(`${p.outdir} is stale: ${differ} from what ${o.app} synthesizes${scopeText(o)}:`);
  io.out(fileList(p.outdir, stats));
  const hidden = secretPaths(p.plan.current, p.plan.next, p.output.secretFiles);
  io.out(unifiedDiff(p.plan.current, p.plan.next, changes, { prefix: prefixOf(p.outdir), maxLinesPerFile: CHECK_DIFF_LINES, hidden }));
  if (stats.some((s) => s.lineEndingsOnly)) {
    io.out('Some files differ only in line endings: git converted them (core.autocrlf). Add "dist/** -text" to .gitattributes.');
  }
  const fix = `run \`npx conductor synth${flagsText(o)}\` and commit the result`;
  if (process.env.GITHUB_ACTIONS === 'true') io.out(`::error title=conductor check::${p.outdir} is stale (${changeText(changes)}): ${fix}`);
  io.err(`conductor: ${p.outdir} is stale (${changeText(changes)}): ${fix}`);
  return true;
}

function reportDiff(p: Plan, changes: readonly FileChange[], o: OutputCommandOptions, io: Io): void {
  if (changes.length === 0) {
    io.out(`${p.outdir} is up to date: synth would change nothing${scopeText(o)}`);
    return;
  }
  const stats = changeStats(p.plan.current, p.plan.next, changes);
  io.out(fileList(p.outdir, stats));
  io.out(`synth would change ${changes.length} file${changes.length === 1 ? '' : 's'} in ${p.outdir}${scopeText(o)} (${changeText(changes)})`);
  const hidden = secretPaths(p.plan.current, p.plan.next, p.output.secretFiles);
  if (!o.stat) io.out(unifiedDiff(p.plan.current, p.plan.next, changes, { prefix: prefixOf(p.outdir), hidden }));
}

/** `  changed  dist/web.md  +3 -1`, aligned. */
function fileList(outdir: string, stats: ReturnType<typeof changeStats>): string {
  const rows = stats.map((s) => [s.change, path.join(outdir, s.path), s.lineEndingsOnly ? 'line endings only' : `+${s.added} -${s.removed}`]);
  const width = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([c, p, n]) => `  ${c.padEnd(8)} ${p.padEnd(width)}  ${n}`).join('\n');
}

function prefixOf(outdir: string): string {
  const rel = path.normalize(outdir).split(path.sep).join('/').replace(/^\/+|\/+$/g, '');
  return rel === '' || rel === '.' ? '' : `${rel}/`;
}

function scopeText(o: OutputCommandOptions): string {
  const parts = [
    o.environments ? `environment ${o.environments.join(', ')}` : '',
    o.stacks ? `stack ${o.stacks.join(', ')}` : '',
    o.targets ? `target ${o.targets.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? `; ${parts.join(', ')} only` : '';
}

function flagsText(o: OutputCommandOptions): string {
  return [
    o.app !== 'apps/main.ts' ? ` --app ${o.app}` : '',
    o.out !== undefined ? ` --out ${o.out}` : '',
    o.environments ? ` --env ${o.environments.join(',')}` : '',
    o.stacks ? ` --stack ${o.stacks.join(',')}` : '',
    o.targets ? ` --target ${o.targets.join(',')}` : '',
    o.strict ? ' --strict' : '',
    o.takeOver ? ' --take-over' : '',
  ].join('');
}
