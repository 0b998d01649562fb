/*
 * `npm run bench`: the synthesis benchmark (issue 8). Not a test: it prints
 * a report and exits 0 whether or not the targets are met (they are marked
 * MISS in the report); `--strict` makes it exit 1 on a miss.
 *
 * Every configuration runs in a fresh child process (bench/child.ts), so
 * each peak RSS is that configuration's own; times are the median of
 * `--repeat` runs, peak RSS the highest.
 *
 *   Conductor: N workloads (bench/shape.ts) in N stacks / in one stack,
 *              both targets rendered and written to a temp directory.
 *   raw:       the same Kubernetes objects with cdk8s-plus-27 and cdk8s
 *              App.synth(), one chart per app (N charts in one App) / one
 *              chart for all. Kubernetes only.
 *   cold start: `npx conductor synth` of the example apps (apps/main.ts) in
 *              a fresh process, beside `cdk8s synth` of the same app.
 *
 * Options:
 *   --n 100,300,1000,3000   workload counts
 *   --repeat 3              runs per configuration (median time, max RSS)
 *   --raw-charts-max 1000   largest N for raw cdk8s with one chart per app
 *                           (quadratic: ~80 s at 3000); above it the time is
 *                           extrapolated and printed as such. 0: never cap.
 *   --no-raw                skip raw cdk8s-plus-27
 *   --no-cold               skip the cold-start comparison
 *   --no-cdk8s-cli          cold start without `cdk8s synth` (no install)
 *   --cpu-prof DIR          write a CPU profile of every Conductor child to DIR
 *   --json FILE             also write the results as JSON
 *   --strict                exit 1 when a target is missed
 *   --keep-output           leave the runs' output directories (printed) in
 *                           place; deleting them slows file creation on this
 *                           kind of file system for minutes (see runDir)
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { ChildResult } from './child';
import type { Layout } from './shape';
import { median, quadraticFit } from './stats';

const REPO = path.resolve(__dirname, '..');
const TOOLS = path.join(__dirname, 'tools');
const MB = 1024 * 1024;

interface Options {
  ns: number[];
  repeat: number;
  rawChartsMax: number;
  raw: boolean;
  cold: boolean;
  cdk8sCli: boolean;
  cpuProf?: string;
  json?: string;
  strict: boolean;
  keepOutput: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    ns: [100, 300, 1000, 3000],
    repeat: 3,
    rawChartsMax: 1000,
    raw: true,
    cold: true,
    cdk8sCli: true,
    strict: false,
    keepOutput: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--n') o.ns = value().split(',').map(Number);
    else if (a === '--repeat') o.repeat = Number(value());
    else if (a === '--raw-charts-max') o.rawChartsMax = Number(value());
    else if (a === '--no-raw') o.raw = false;
    else if (a === '--no-cold') o.cold = false;
    else if (a === '--no-cdk8s-cli') o.cdk8sCli = false;
    else if (a === '--cpu-prof') o.cpuProf = path.resolve(value());
    else if (a === '--json') o.json = path.resolve(value());
    else if (a === '--strict') o.strict = true;
    else if (a === '--keep-output') o.keepOutput = true;
    else throw new Error(`unknown option ${a} (see the comment at the top of bench/run.ts)`);
  }
  if (o.ns.some((n) => !(n > 0)) || !(o.repeat >= 1) || !(o.rawChartsMax >= 0)) throw new Error('bad --n, --repeat or --raw-charts-max');
  return o;
}

/** One configuration measured `repeat` times, each in a fresh process. */
interface Measured extends ChildResult {
  /** Wall time of the child process, start-up (node, tsx, module loading) included. */
  readonly processMs: number;
  /** The fastest run's totalMs: the least disturbed by other processes. */
  readonly minTotalMs: number;
  readonly runs: number;
}

/**
 * Output directories of the runs. Nothing is deleted until the benchmark
 * ends: on this kind of machine the root file system is ext4 without a
 * journal, where creating a file is up to ~10x slower for a minute or more
 * after many deletions (the kernel skips recently freed inodes one by one:
 * fs/ext4/ialloc.c recently_deleted). Deleting one run's output would slow
 * the next run's writes.
 */
let benchRoot: string | undefined;
function runDir(prefix: string): string {
  benchRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-bench-'));
  return fs.mkdtempSync(path.join(benchRoot, prefix));
}

function runChild(tool: 'conductor' | 'raw', layout: Layout, n: number, o: Options): ChildResult & { processMs: number } {
  const outdir = runDir(`${tool}-${layout}-${n}-`);
  const prof = o.cpuProf && tool === 'conductor' ? [
    '--cpu-prof',
    '--cpu-prof-dir',
    o.cpuProf,
    '--cpu-prof-name',
    `${tool}-${layout}-${n}-${Date.now()}.cpuprofile`,
  ] : [];
  const t0 = performance.now();
  // A fresh directory inside the run directory: the writer creates it.
  const r = spawnSync(process.execPath, [
    ...prof,
    '-r',
    'tsx/cjs',
    path.join(__dirname, 'child.ts'),
    tool,
    layout,
    String(n),
    path.join(outdir, 'out'),
  ], {
    cwd: REPO, encoding: 'utf8', maxBuffer: 64 * MB,
  });
  const processMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`child ${tool} ${layout} ${n} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return { ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult), processMs };
}

/** Microseconds to create one small file in a fresh directory, now (the state of the file system). */
function fileCreationProbe(): number {
  const dir = runDir('probe-');
  const count = 2000;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `f${i}`), 'x');
  return ((performance.now() - t0) * 1000) / count;
}

function measure(tool: 'conductor' | 'raw', layout: Layout, n: number, o: Options, repeat = o.repeat): Measured {
  const runs = Array.from({ length: repeat }, () => runChild(tool, layout, n, o));
  const mid = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f));
  return {
    ...runs[0],
    buildMs: mid((r) => r.buildMs),
    renderMs: mid((r) => r.renderMs),
    writeMs: mid((r) => r.writeMs),
    totalMs: mid((r) => r.totalMs),
    totalCpuMs: mid((r) => r.totalCpuMs),
    renderCpuMs: mid((r) => r.renderCpuMs),
    minTotalMs: Math.min(...runs.map((r) => r.totalMs)),
    processMs: mid((r) => r.processMs),
    maxRssBytes: Math.max(...runs.map((r) => r.maxRssBytes)),
    runs: repeat,
  };
}

interface Row {
  readonly n: number;
  readonly layout: Layout;
  readonly conductor: Measured;
  readonly raw?: Measured;
  /** Raw time extrapolated from smaller N (not measured). */
  readonly rawExtrapolatedMs?: number;
}

const fmtMs = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const fmtBytes = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`);

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function rawTimeText(r: Row): string {
  if (r.raw) return fmtMs(r.raw.totalMs);
  if (r.rawExtrapolatedMs !== undefined) return `~${fmtMs(r.rawExtrapolatedMs)} (extrapolated)`;
  return 'n/a';
}

function rawTime(r: Row): number | undefined {
  return r.raw?.totalMs ?? r.rawExtrapolatedMs;
}

function report(rows: Row[]): string {
  const out: string[] = [];
  out.push('Times: build + validate + render + write, in the child process, start-up excluded (median of runs; min: the fastest run).');
  out.push('CPU: user + system CPU time of the same steps (all threads), less disturbed by other processes than wall time.');
  out.push('"process" is the child\'s whole wall time: node, tsx and module loading included.');
  out.push('raw = cdk8s-plus-27 + cdk8s App.synth(), Kubernetes only; layout "stacks" = one chart per app in one cdk8s App, "one" = one chart.\n');
  out.push(table(
    [
      'N',
      'layout',
      'Conductor',
      'per workload',
      'CPU',
      'process',
      'build / render / write',
      'peak RSS',
      'written',
      'raw cdk8s',
      'raw per workload',
      'raw CPU',
      'raw peak RSS',
      'raw written',
      'Conductor / raw',
    ],
    rows.map((r) => {
      const c = r.conductor;
      const raw = rawTime(r);
      return [
        String(r.n), r.layout === 'stacks' ? `${r.n} stacks` : '1 stack',
        c.runs > 1 ? `${fmtMs(c.totalMs)} (min ${fmtMs(c.minTotalMs)})` : fmtMs(c.totalMs), `${(c.totalMs / r.n).toFixed(
          3,
        )} ms`, fmtMs(c.totalCpuMs), fmtMs(c.processMs),
        `${fmtMs(c.buildMs)} / ${fmtMs(c.renderMs)} / ${fmtMs(c.writeMs)}`,
        fmtMb(c.maxRssBytes), `${fmtBytes(c.bytes)} in ${c.files} files`,
        rawTimeText(r), raw !== undefined ? `${(raw / r.n).toFixed(3)} ms` : 'n/a', r.raw ? fmtMs(r.raw.totalCpuMs) : 'n/a',
        r.raw ? fmtMb(r.raw.maxRssBytes) : 'n/a', r.raw ? `${fmtBytes(r.raw.bytes)} in ${r.raw.files} files` : 'n/a',
        raw !== undefined ? `${(c.totalMs / raw).toFixed(2)}${r.raw ? '' : ' (vs extrapolated)'}` : 'n/a',
      ];
    }),
  ));
  return out.join('\n');
}

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

function checks(rows: Row[]): Check[] {
  const find = (n: number, layout: Layout) => rows.find((r) => r.n === n && r.layout === layout);
  const list: Check[] = [];
  const big = find(3000, 'stacks');
  if (big) {
    const ms = big.conductor.totalMs;
    list.push({
      name: '3,000 workloads in 3,000 stacks, both targets written, < 3 s',
      ok: ms < 3000,
      detail: `${fmtMs(ms)} (process wall, start-up included: ${fmtMs(big.conductor.processMs)})`,
    });
  }
  for (const layout of ['stacks', 'one'] as const) {
    const a = find(300, layout);
    const b = find(3000, layout);
    if (a && b) {
      const ratio = (b.conductor.totalMs / 3000) / (a.conductor.totalMs / 300);
      list.push({
        name: `linear (${layout === 'stacks' ? 'N stacks' : 'one stack'}): time per workload at 3,000 <= 1.3x that at 300`,
        ok: ratio <= 1.3,
        detail: `${ratio.toFixed(2)}x (${(b.conductor.totalMs / 3000).toFixed(3)} vs ${(a.conductor.totalMs / 300).toFixed(3)} ms)`,
      });
    }
  }
  const peak = Math.max(...rows.map((r) => r.conductor.maxRssBytes));
  list.push({ name: 'peak RSS < 600 MB (every Conductor configuration)', ok: peak < 600 * MB, detail: `highest ${fmtMb(peak)}` });
  const rawOne = find(3000, 'one')?.raw;
  if (big && rawOne) {
    const ratio = big.conductor.totalMs / rawOne.totalMs;
    list.push({
      name: 'Conductor (3,000 stacks, both targets) no slower than raw cdk8s-plus-27 (one chart, Kubernetes only)',
      ok: ratio <= 1,
      detail: `${fmtMs(big.conductor.totalMs)} vs ${fmtMs(rawOne.totalMs)}: ${ratio.toFixed(2)}x`,
    });
    const one = find(3000, 'one')!;
    const r1 = one.conductor.totalMs / rawOne.totalMs;
    list.push({
      name: 'Conductor (one stack of 3,000, both targets) no slower than raw cdk8s-plus-27 (one chart)',
      ok: r1 <= 1,
      detail: `${fmtMs(one.conductor.totalMs)} vs ${fmtMs(rawOne.totalMs)}: ${r1.toFixed(2)}x`,
    });
  }
  return list;
}

// ---------------------------------------------------------------- cold start

interface ColdResult {
  readonly name: string;
  readonly command: string;
  readonly runsMs?: number[];
  readonly note?: string;
}

function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv, runs: number, before?: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: REPO, env, encoding: 'utf8', maxBuffer: 64 * MB });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    times.push(ms);
  }
  return times;
}

/** Installs bench/tools (cdk8s-cli, ts-node, pinned in its package-lock.json) when missing. */
function ensureTools(): string | undefined {
  const bin = path.join(TOOLS, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  if (fs.existsSync(bin) && fs.existsSync(path.join(TOOLS, 'node_modules', '.bin', 'ts-node'))) return undefined;
  process.stderr.write('bench: installing cdk8s-cli and ts-node into bench/tools (npm ci, pinned by bench/tools/package-lock.json)...\n');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLS, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) return `cannot install cdk8s-cli and ts-node (npm ci in bench/tools failed: ${(r.stderr || String(
    r.error ?? r.signal,
  )).trim().split(
    '\n',
  ).pop()})`;
  return undefined;
}

function coldStart(o: Options): ColdResult[] {
  const runs = 5;
  const results: ColdResult[] = [];
  const out = runDir('cold-');
  const dist = path.join(out, 'dist');
  const env = { ...process.env };
  results.push({
    name: 'npx conductor synth (apps/main.ts, both targets)',
    command: `npx conductor synth --out ${dist}`,
    runsMs: timeCommand('npx', ['conductor', 'synth', '--out', dist], env, runs),
  });
  results.push({
    name: 'the same without npx: node bin/conductor.js synth',
    command: `node bin/conductor.js synth --out ${dist}`,
    runsMs: timeCommand(process.execPath, ['bin/conductor.js', 'synth', '--out', dist], env, runs),
  });
  results.push({
    name: 'npx itself: npx conductor --help (loads no cdk8s)',
    command: 'npx conductor --help',
    runsMs: timeCommand('npx', ['conductor', '--help'], env, runs),
  });
  if (!o.cdk8sCli) {
    results.push({ name: 'cdk8s synth', command: '', note: 'skipped (--no-cdk8s-cli)' });
    return results;
  }
  const problem = ensureTools();
  if (problem) {
    results.push({
      name: 'cdk8s synth (cdk8s-cli, default ts-node set-up)',
      command: '',
      note: `not measured: ${problem}; this comparison needs the npm registry once`,
    });
    return results;
  }
  const cdk8s = path.join(TOOLS, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  const cdk8sOut = path.join(out, 'cdk8s.out');
  const clean = () => fs.rmSync(cdk8sOut, { recursive: true, force: true });
  // What `cdk8s init typescript-app` writes in cdk8s.yaml: `app: npx ts-node main.ts` (ts-node type-checks).
  // `npx --prefix bench/tools` finds the pinned ts-node there; it runs in the repository with its tsconfig.json.
  const tsNodeApp = 'npx --prefix bench/tools ts-node apps/main.ts';
  // cdk8s-cli checks npm for a newer version at every run; offline it prints a stack trace and goes on.
  // --no-check-upgrade skips that, as anyone synthesizing in CI would.
  results.push({
    name: 'cdk8s synth, default ts-node set-up (app: npx ts-node apps/main.ts; Kubernetes only)',
    command: `cdk8s synth --no-check-upgrade --app "${tsNodeApp}" --output ${cdk8sOut}`,
    runsMs: timeCommand(process.execPath, [cdk8s, 'synth', '--no-check-upgrade', '--app', tsNodeApp, '--output', cdk8sOut], env, runs, clean),
  });
  const tsxApp = 'node -r tsx/cjs apps/main.ts';
  results.push({
    name: 'cdk8s synth with this repository\'s cdk8s.yaml (app: node -r tsx/cjs apps/main.ts; Kubernetes only)',
    command: `cdk8s synth --no-check-upgrade --app "${tsxApp}" --output ${cdk8sOut}`,
    runsMs: timeCommand(process.execPath, [cdk8s, 'synth', '--no-check-upgrade', '--app', tsxApp, '--output', cdk8sOut], env, runs, clean),
  });
  // Once with the upgrade check on (cdk8s-cli's default), to show what it does here.
  clean();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cdk8s, 'synth', '--app', tsxApp, '--output', cdk8sOut], {
    cwd: REPO,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const ms = performance.now() - t0;
  const errorLine = r.stderr.split('\n').find((l) => /Error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(l));
  const upgradeCheck = r.status !== 0
    ? `cdk8s synth failed (${r.status ?? r.signal})`
    : `${fmtMs(ms)}; ${errorLine ? `prints an error and goes on: ${errorLine.trim().slice(0, 100)}` : 'no error printed'}`;
  results.push({
    name: 'cdk8s synth (tsx app) with the upgrade check on (its default), one run',
    command: `cdk8s synth --app "${tsxApp}"`,
    note: upgradeCheck,
  });
  return results;
}

function coldReport(results: ColdResult[]): string {
  return table(['cold start, fresh process', 'median', 'min', 'runs'], results.map((r) => r.runsMs
    ? [r.name, fmtMs(median(r.runsMs)), fmtMs(Math.min(...r.runsMs)), String(r.runsMs.length)]
    : [r.name, r.note ?? '', '', '']));
}

// ---------------------------------------------------------------- main

function versionOf(pkg: string): string {
  return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [REPO] }), 'utf8')) as { version: string }).version;
}

function machine(): string {
  const cpus = os.cpus();
  const date = execFileSync('date', { encoding: 'utf8' }).trim();
  return [
    `date: ${date}`,
    `machine: ${os.availableParallelism?.() ?? cpus.length} CPUs (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 1024 ** 3).toFixed(
      1,
    )} GiB memory, ${os.platform()} ${os.release()}`,
    `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes on the machine disturb the times)`,
    `node ${process.version}; cdk8s ${versionOf('cdk8s')}, cdk8s-plus-27 ${versionOf(
      'cdk8s-plus-27',
    )}, constructs ${versionOf('constructs')}, yaml ${versionOf('yaml')}, tsx ${versionOf('tsx')}`,
  ].join('\n');
}

function main(): number {
  const o = parseOptions(process.argv.slice(2));
  if (o.cpuProf) fs.mkdirSync(o.cpuProf, { recursive: true });
  console.log(machine());
  console.log(`file system: creating a small file takes ${fileCreationProbe().toFixed(0)} µs now (${os.tmpdir()})`);
  const rows: Row[] = [];
  const rawStacks: [number, number][] = [];
  for (const n of [...o.ns].sort((a, b) => a - b)) {
    for (const layout of ['stacks', 'one'] as const) {
      process.stderr.write(`bench: N=${n} ${layout}...\n`);
      const conductor = measure('conductor', layout, n, o);
      let raw: Measured | undefined;
      let rawExtrapolatedMs: number | undefined;
      if (o.raw) {
        const capped = layout === 'stacks' && o.rawChartsMax > 0 && n > o.rawChartsMax;
        if (!capped) {
          // Raw one-chart-per-app runs are slow (quadratic): one run above 300.
          raw = measure('raw', layout, n, o, layout === 'stacks' && n > 300 ? 1 : o.repeat);
          if (layout === 'stacks') rawStacks.push([n, raw.totalMs]);
        } else if (rawStacks.length >= 3) {
          rawExtrapolatedMs = quadraticFit(rawStacks)(n);
        }
      }
      rows.push({ n, layout, conductor, raw, rawExtrapolatedMs });
    }
  }
  console.log();
  console.log(report(rows));
  console.log();
  const results = checks(rows);
  for (const c of results) console.log(`${c.ok ? 'PASS' : 'MISS'}  ${c.name}: ${c.detail}`);
  let cold: ColdResult[] = [];
  if (o.cold) {
    process.stderr.write('bench: cold start...\n');
    cold = coldStart(o);
    console.log();
    console.log(coldReport(cold));
    const npx = cold[0]?.runsMs;
    if (npx) {
      const ms = median(npx);
      const ok = ms < 1000;
      results.push({ name: 'cold start: npx conductor synth of the example apps < 1 s', ok, detail: fmtMs(ms) });
      console.log(`\n${ok ? 'PASS' : 'MISS'}  cold start: npx conductor synth of the example apps < 1 s: ${fmtMs(ms)}`);
    }
  }
  if (o.json) fs.writeFileSync(o.json, JSON.stringify({ machine: machine(), rows, checks: results, cold }, null, 2) + '\n');
  if (benchRoot && o.keepOutput) console.log(`\noutput kept in ${benchRoot}`);
  else if (benchRoot) fs.rmSync(benchRoot, { recursive: true, force: true });
  return o.strict && results.some((c) => !c.ok) ? 1 : 0;
}

process.exitCode = main();
