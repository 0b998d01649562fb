/*
 * One benchmark configuration, in a process of its own (so that its peak
 * RSS is its own): `node -r tsx/cjs bench/child.ts <conductor|raw> <stacks|one> <N> <outdir>`.
 * Prints one line of JSON (a ChildResult) on stdout.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { writeOutput } from '../lib/synth/writer';
import { conductorApp, Layout, rawApp } from './shape';

export interface ChildResult {
  readonly tool: 'conductor' | 'raw';
  readonly layout: Layout;
  readonly n: number;
  /** Milliseconds: building the constructs. */
  readonly buildMs: number;
  /** Milliseconds: validating and rendering in memory (Conductor only; raw: 0). */
  readonly renderMs: number;
  /** Milliseconds: writing (Conductor), or App.synth() (raw: its whole synth, writing included). */
  readonly writeMs: number;
  /** Milliseconds: build + render + write, i.e. from nothing to files on disk. */
  readonly totalMs: number;
  /** CPU milliseconds (user + system, all threads) of build + render + write: less disturbed than wall time by other processes. */
  readonly totalCpuMs: number;
  /** CPU milliseconds of the render step (Conductor only). */
  readonly renderCpuMs: number;
  /** Peak resident set size of the process, bytes. */
  readonly maxRssBytes: number;
  readonly files: number;
  readonly bytes: number;
}

function du(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

function main(): void {
  const [tool, layout, nText, outdir] = process.argv.slice(2);
  const n = Number(nText);
  if ((tool !== 'conductor' && tool !== 'raw') || (layout !== 'stacks' && layout !== 'one') || !(n > 0) || !outdir) {
    throw new Error('usage: child.ts <conductor|raw> <stacks|one> <N> <outdir>');
  }
  let buildMs: number;
  let renderMs = 0;
  let writeMs: number;
  let renderCpuMs = 0;
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(since);
    return (c.user + c.system) / 1000;
  };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  if (tool === 'conductor') {
    const app = conductorApp(n, layout, outdir);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    // What App.synth() does (render, then write atomically), in two timed steps.
    const out = app.render();
    const t2 = performance.now();
    renderCpuMs = cpuMs(c1);
    writeOutput(outdir, out.files, { app: 'bench/child.ts' });
    const t3 = performance.now();
    if (out.gaps.length) throw new Error(`unexpected warnings: ${out.gaps.length}`);
    buildMs = t1 - t0;
    renderMs = t2 - t1;
    writeMs = t3 - t2;
  } else {
    const app = rawApp(n, layout, outdir);
    const t1 = performance.now();
    app.synth();
    const t2 = performance.now();
    buildMs = t1 - t0;
    writeMs = t2 - t1;
  }
  const totalMs = performance.now() - t0;
  const totalCpuMs = cpuMs(c0);
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const result: ChildResult = { tool, layout, n, buildMs, renderMs, writeMs, totalMs, totalCpuMs, renderCpuMs, maxRssBytes, ...du(outdir) };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main();
