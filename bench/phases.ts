/*
 * Where the time of one synth goes, phase by phase, in one process:
 *   node -r tsx/cjs bench/phases.ts [N=1000] [stacks|one] [outdir]
 * Calls the same functions App.render() and writeOutput() call, one phase
 * at a time (so the sum is close to, not exactly, a real synth). With an
 * outdir the files are written there (on disk), else nothing is written.
 * For a CPU profile: node --cpu-prof -r tsx/cjs bench/phases.ts ...
 */
import { performance } from 'perf_hooks';
import { renderKubernetesStack, KubeObject } from '../lib/kubernetes/chart';
import { renderSwarmStack, SwarmStackOutput } from '../lib/swarm/stack';
import { stackMarkdown } from '../lib/synth/graph';
import { validateTree } from '../lib/synth/validate';
import { writeOutput } from '../lib/synth/writer';
import { toYaml, toYamlDocuments } from '../lib/synth/yaml';
import { conductorApp, Layout } from './shape';

const n = Number(process.argv[2] ?? 1000);
const layout = (process.argv[3] ?? 'stacks') as Layout;
const outdir = process.argv[4];

// Wall time, and CPU time (user + system, all threads) which a busy machine disturbs less.
const times = new Map<string, number>();
const cpu = new Map<string, number>();
function time<T>(phase: string, f: () => T): T {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  times.set(phase, (times.get(phase) ?? 0) + performance.now() - t0);
  cpu.set(phase, (cpu.get(phase) ?? 0) + (c.user + c.system) / 1000);
  return r;
}

const app = time('build the model', () => conductorApp(n, layout, 'unused'));
time('validate (validateTree)', () => validateTree(app, ['kubernetes', 'swarm'], false));
const stacks = time('App.stacks', () => app.stacks);
// Each phase over all stacks at once (timing each stack would cost more than some phases).
const kube: KubeObject[][] = time('Kubernetes: cdk8s-plus constructs + toJson', () => stacks.map((s) => renderKubernetesStack(s)));
time('Kubernetes: YAML', () => kube.map((objects) => toYamlDocuments(objects)));
const swarm: SwarmStackOutput[] = time('Swarm: compose object', () => stacks.map((s) => renderSwarmStack(s)));
time('Swarm: YAML', () => swarm.map((out) => toYaml(out.compose)));
time('Markdown summary', () => stacks.map((s) => stackMarkdown(s)));
if (outdir) {
  const files = time('App.render (all of the above, again)', () => app.render().files);
  time('write (writeOutput)', () => writeOutput(outdir, files, { app: 'bench/phases.ts' }));
}
let total = 0;
let totalCpu = 0;
const row = (ms: number, cpuMs: number, what: string) => console.log(
  `${ms.toFixed(0).padStart(7)} ms  ${(ms / n * 1000).toFixed(0).padStart(6)} µs/workload  (CPU ${cpuMs.toFixed(0).padStart(6)} ms)  ${what}`);
for (const [phase, ms] of times) {
  if (!phase.startsWith('App.render')) {
    total += ms;
    totalCpu += cpu.get(phase)!;
  }
  row(ms, cpu.get(phase)!, phase);
}
row(total, totalCpu, 'total (without the second render)');
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
