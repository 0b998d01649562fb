import * as path from 'path';
import { Target } from '../model/problems';
import { reportWarnings, SynthOutput } from '../synth/app';
import { compareFiles, readOutputDir, unifiedDiff } from '../synth/compare';
import { writeOutput } from '../synth/writer';
import { loadApps } from './load-app';
import { summarize } from './summary';

export interface SynthCommandOptions {
  readonly app: string;
  readonly out?: string;
  readonly targets?: Target[];
  readonly stacks?: string[];
  readonly check: boolean;
}

type Io = { out: (s: string) => void; err: (s: string) => void };

/** `conductor synth` and `conductor check`. */
export function synthCommand(o: SynthCommandOptions, io: Io): number {
  const apps = loadApps(o.app);
  // Render every app before writing any: a problem anywhere writes nothing.
  const rendered = apps.map((app) => ({ app, outdir: o.out ?? app.outdir, output: app.render({ targets: o.targets, stacks: o.stacks }) }));
  let stale = false;
  for (const { outdir, output } of rendered) {
    reportWarnings(output, io.err);
    if (o.check) stale = check(outdir, output, io) || stale;
    else {
      writeOutput(outdir, output.files);
      io.out(summarize(output, outdir));
    }
  }
  return stale ? 1 : 0;
}

function check(outdir: string, output: SynthOutput, io: Io): boolean {
  const current = readOutputDir(outdir);
  const changes = compareFiles(current, output.files);
  if (changes.length === 0) {
    io.out(`${outdir} is up to date (${output.files.size} files)`);
    return false;
  }
  io.err(`${outdir} is stale: ${changes.length} file${changes.length === 1 ? '' : 's'} differ from what the app synthesizes. Run \`conductor synth\` and commit the result.`);
  for (const c of changes) io.err(`  ${c.change.padEnd(8)} ${path.join(outdir, c.path)}`);
  io.err(unifiedDiff(current, output.files, changes));
  return true;
}
