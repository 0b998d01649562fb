/*
 * The target registry: every orchestrator Conductor renders for, by name,
 * in output order. A target is a value (Kompose's Transformer is the model):
 * its folder (lib/kubernetes, lib/swarm) exports one TargetRenderer, and
 * this list names it once, with a lazy loader, so that reading the names
 * (CLI usage errors, the output layout) loads no renderer and no cdk8s.
 *
 * Adding a target (a plain `docker compose` file for local development,
 * say): a new folder lib/<target>/ whose index.ts exports a TargetRenderer,
 * and one line below. Nothing in the model changes: the model validates
 * what holds on every target, and each target's check() adds its own gaps,
 * target errors and limits.
 */
import type { ProblemCollector, Target } from './model/problems';
import type { Stack } from './model/stack';
import type { WorkloadBase } from './model/workload-base';

/** One output file of a stack, its path relative to `<target>/<stack>/`. */
export interface TargetFile {
  readonly path: string;
  readonly content: string;
  /** Holds a secret value (the plaintext opt-in): synth warns about it. */
  readonly secret?: boolean;
}

/**
 * A file at `<target>/` listing every stack directory of an environment
 * (Kubernetes: the kustomization that applies them all), rebuilt whenever
 * a synth writes or removes a stack of that target.
 */
export interface TargetIndex {
  /** File name under `<target>/`, e.g. `kustomization.yaml`. */
  readonly file: string;
  /** The stack file whose presence, in `<target>/<stack>/`, makes the stack part of the index. */
  readonly stackFile: string;
  /** The index content for these stack names (sorted). */
  render(stackNames: readonly string[]): string;
}

/**
 * A relaxation of a secure default that a target found in what it rendered
 * and that the model's own list (lib/model/security-risks.ts) does not
 * report: what an escape hatch (`Swarm.override`, `Kubernetes.customize`,
 * `Kubernetes.addJsonPatch`) changed. Synth prints it as `SECURITY RISK`.
 */
export interface RenderedRisk {
  /**
   * The workload whose output holds it.
   * @default - the stack (an object no workload owns)
   */
  readonly workload?: WorkloadBase;
  /** The escape hatch and the key, e.g. `Swarm.override.privileged`. */
  readonly field: string;
  /** What is exposed, in words. */
  readonly message: string;
}

/** What one target does with a stack. */
export interface TargetRenderer {
  /** Name: the `--target` value and the output directory (`dist/<target>/`). */
  readonly target: Target;
  /** Collects this target's gaps, target errors, name limits and run-time warnings for one stack. */
  check(stack: Stack, problems: ProblemCollector): void;
  /**
   * The files of one stack, paths relative to `<target>/<stack>/`. Reports
   * to `reportRisk`, when given, each relaxation of a secure default that
   * the escape hatches made in what it rendered.
   */
  render(stack: Stack, reportRisk?: (risk: RenderedRisk) => void): TargetFile[];
  /** @default - no index file */
  readonly index?: TargetIndex;
  /**
   * What a user of this target must know before deploying one stack (an
   * image must own a volume's path, say): Markdown bullets (`- ...`) that
   * the stack's summary (`<stack>.md`) lists under "Before deploying on <title>".
   * @default - nothing to say
   */
  notes?(stack: Stack): readonly string[];
}

/** A registry line: the name, how people read it, and how to load the renderer when needed. */
export interface TargetEntry {
  readonly target: Target;
  /** Name in prose, e.g. `Kubernetes`. */
  readonly title: string;
  load(): TargetRenderer;
}

const REGISTRY: TargetEntry[] = [
  { target: 'kubernetes', title: 'Kubernetes', load: () => (require('./kubernetes') as typeof import('./kubernetes')).kubernetesTarget },
  { target: 'swarm', title: 'Swarm', load: () => (require('./swarm') as typeof import('./swarm')).swarmTarget },
];

/** Every target name, in output order. */
export function targetNames(): Target[] {
  return REGISTRY.map((e) => e.target);
}

/** True when `name` is a registered target. */
export function isTarget(name: string): name is Target {
  return REGISTRY.some((e) => e.target === name);
}

/** How people read a target's name (`Kubernetes`, `Swarm`). */
export function targetTitle(name: Target): string {
  return REGISTRY.find((e) => e.target === name)?.title ?? name;
}

const loaded = new Map<Target, TargetRenderer>();

/** The renderer of one target (loaded on first use). */
export function targetRenderer(name: Target): TargetRenderer {
  let r = loaded.get(name);
  if (r === undefined) {
    const entry = REGISTRY.find((e) => e.target === name);
    if (entry === undefined) throw new Error(`no target named "${name}" (targets: ${targetNames().join(', ')})`);
    r = entry.load();
    loaded.set(name, r);
  }
  return r;
}

/** The renderers of `names` (default: all), in registry order. */
export function targetRenderers(names: readonly Target[] = targetNames()): TargetRenderer[] {
  return targetNames().filter((t) => names.includes(t)).map(targetRenderer);
}

/**
 * Registers one more target, after the built-in ones; returns a function
 * that removes it again (tests register a target for their own run only).
 */
export function registerTarget(entry: TargetEntry): () => void {
  if (isTarget(entry.target)) throw new Error(`a target named "${entry.target}" is already registered`);
  REGISTRY.push(entry);
  return () => {
    const i = REGISTRY.indexOf(entry);
    if (i >= 0) REGISTRY.splice(i, 1);
    loaded.delete(entry.target);
  };
}
