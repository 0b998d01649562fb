import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { formatGap, formatRisk, formatWarning, SecurityRisk, Target, TargetGap, ValidationError, Warning } from '../model/problems';
import { writtenPath } from '../model/resource';
import { _whileModelFrozen, Stack } from '../model/stack';
import { environmentOf } from './environment';
import { renderOutput } from './layout';
import { appIdentity } from './output-marker';
import { FileSet } from './render';
import { validateTree } from './validate';
import { examples } from './output-plan';
import { writeOutput } from './writer';
import { targetNames } from '../targets';

export interface AppProps {
  /**
   * Output directory.
   * @default 'dist'
   */
  readonly outdir?: string;

  /**
   * Turn every target gap (a concept one target cannot express exactly) and
   * every run-time warning (docs/runtime-checks.md: an image without a tag, a
   * client naming a port its server does not declare, ...) into an error.
   * Use it in CI. Security risks stay reports.
   * @default false
   */
  readonly strict?: boolean;
}

export interface SynthOptions {
  /**
   * Directory the output is written to.
   * @default - the App's outdir
   */
  readonly outdir?: string;
  /**
   * Only these targets.
   * @default - every target
   */
  readonly targets?: readonly Target[];
  /** Only these stacks. @default - all */
  readonly stacks?: readonly string[];
  /**
   * Only the stacks of these environments (see `Environment`).
   * @default - all
   */
  readonly environments?: readonly string[];
  /**
   * Strict for this synth (`conductor synth --strict`): target gaps and
   * run-time warnings are errors.
   * @default - the App's `strict`
   */
  readonly strict?: boolean;
  /**
   * Write into an output directory that another app wrote (its marker
   * names another app file) or that no app wrote: this app becomes its
   * owner, the other app's files that this app does not write are removed,
   * and files nobody recorded are kept.
   * @default false - such a directory is refused with an OutputError
   */
  readonly takeOver?: boolean;
  /**
   * The app file, as the marker of the output directory names the app that
   * owns it.
   * @default - the main module of the process (`conductor synth --app FILE` passes FILE)
   */
  readonly appFile?: string;
}

/** What a synth produced, in memory. */
export interface SynthOutput {
  /** Every output file: path relative to the output directory, and content. */
  readonly files: FileSet;
  /** What each target cannot express as given (warnings and errors). */
  readonly gaps: readonly TargetGap[];
  /**
   * Run-time warnings of the rendered targets (docs/runtime-checks.md):
   * printed by synth; errors when strict.
   */
  readonly warnings: readonly Warning[];
  /**
   * Security risks of the rendered stacks that the app opted in to (e.g. a
   * host path mount), and the relaxations the escape hatches made in the
   * rendered output (e.g. `Swarm.override(w, { privileged: true })`):
   * printed by synth, never errors, not even when strict.
   */
  readonly risks: readonly SecurityRisk[];
  /** Output files that hold secret values (the plaintext opt-in). */
  readonly secretFiles: readonly string[];
  /** The rendered stacks. */
  readonly stacks: readonly Stack[];
}

const APPS = Symbol.for('cdk8s-conductor.apps');
const CLI_MODE = Symbol.for('cdk8s-conductor.cli-mode');
type Registry = { [APPS]?: App[]; [CLI_MODE]?: boolean };

/**
 * The root of a Conductor application. `synth()` validates every stack,
 * renders both targets and writes `outdir` atomically; on any problem it
 * throws a ValidationError listing all of them and writes nothing.
 */
export class App extends Construct {
  /** Apps constructed in this process (the CLI synthesizes these). */
  public static get instances(): readonly App[] {
    return (globalThis as Registry)[APPS] ?? [];
  }

  /** @internal Set by the CLI: `synth()` then leaves writing to the CLI. */
  public static _enterCliMode(): void {
    (globalThis as Registry)[CLI_MODE] = true;
  }

  public readonly outdir: string;
  public readonly strict: boolean;

  constructor(props: AppProps = {}) {
    super(undefined as unknown as Construct, '');
    this.outdir = props.outdir ?? 'dist';
    this.strict = props.strict ?? false;
    const registry = globalThis as Registry;
    registry[APPS] = [...(registry[APPS] ?? []), this];
  }

  /** Stacks of this app, sorted by name. */
  public get stacks(): Stack[] {
    return this.node.findAll().filter((x): x is Stack => Stack.isStack(x)).sort((a, b) => (a.stackName < b.stackName ? -1 : 1));
  }

  /**
   * Validates and renders, without writing. Throws ValidationError when
   * the model has problems.
   */
  public render(options: SynthOptions = {}): SynthOutput {
    return _whileModelFrozen(() => this.renderFrozen(options));
  }

  private renderFrozen(options: SynthOptions): SynthOutput {
    const targets = options.targets ?? targetNames();
    const { problems, gaps, risks, warnings } = validateTree(this, targets, options.strict ?? this.strict);
    let stacks = this.stacks;
    if (options.environments) {
      const known = [...new Set(stacks.map((s) => environmentOf(s)).filter((e): e is string => e !== undefined))].sort();
      for (const e of options.environments) {
        const rule = `no environment named "${e}" (environments: ${known.join(', ') || 'none'})`;
        if (!known.includes(e)) problems.push({ path: '(app)', field: 'environments', rule, value: e });
      }
      stacks = stacks.filter((s) => options.environments!.includes(environmentOf(s) ?? ''));
    }
    if (options.stacks) {
      for (const s of options.stacks) {
        const rule = `no stack named "${s}" (stacks: ${[...new Set(stacks.map((x) => x.stackName))].join(', ')})`;
        if (!stacks.some((x) => x.stackName === s)) problems.push({ path: '(app)', field: 'stacks', rule, value: s });
      }
      stacks = stacks.filter((s) => options.stacks!.includes(s.stackName));
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const rendered = renderOutput(stacks, targets);
    const inRendered = (r: SecurityRisk) => stacks.some((s) => r.path === s.node.path || r.path.startsWith(`${s.node.path}/`));
    // The model's risks, then what each target found in the escape hatches' changes (lib/targets.ts RenderedRisk).
    const hatchRisks = stacks.flatMap((s) => (rendered.risks.get(s) ?? [])
      .map((r): SecurityRisk => ({ path: writtenPath(r.workload ?? s), field: r.field, message: r.message })));
    return {
      files: rendered.files, gaps, warnings: warnings.filter(inRendered), risks: [...risks.filter(inRendered), ...hatchRisks],
      secretFiles: rendered.secretFiles, stacks,
    };
  }

  /**
   * Validates, renders and writes the output directory. Under `cdk8s synth`
   * (CDK8S_OUTDIR set) writes Kubernetes manifests the way cdk8s-cli expects.
   * Under the `conductor` CLI, does nothing: the CLI synthesizes.
   */
  public synth(options: SynthOptions = {}): SynthOutput | undefined {
    if ((globalThis as Registry)[CLI_MODE]) return undefined;
    const cdk8sOutdir = process.env.CDK8S_OUTDIR;
    if (cdk8sOutdir && !options.outdir) return this.synthForCdk8sCli(cdk8sOutdir);
    const out = this.render(options);
    const outdir = options.outdir ?? this.outdir;
    // A synth of some stacks, targets or environments keeps the other files.
    const scope = { stacks: options.stacks, targets: options.targets, environments: options.environments };
    const app = appIdentity(options.appFile ?? require.main?.filename ?? process.argv[1] ?? 'app');
    const { dir, plan } = writeOutput(outdir, out.files, { app, scope, takeOver: options.takeOver });
    reportWarnings(out);
    for (const note of dir.notes) process.stderr.write(`note: ${note}\n`);
    if (plan.unknown.length > 0) process.stderr.write(`note: ${keptText(outdir, plan.unknown)}\n`);
    return out;
  }

  /** `cdk8s synth` runs the app with CDK8S_OUTDIR and reads `*.k8s.yaml` from it. */
  private synthForCdk8sCli(outdir: string): SynthOutput {
    const out = this.render({ targets: ['kubernetes'] });
    fs.mkdirSync(outdir, { recursive: true });
    // `<stack>.k8s.yaml`, under `<environment>/` for stacks of an Environment (cdk8s-cli reads subdirectories too).
    for (const [file, text] of out.files) {
      const m = /^(?:([^/]+)\/)?kubernetes\/([^/]+)\/\2\.k8s\.yaml$/.exec(file);
      if (!m) continue;
      const dest = path.join(outdir, ...(m[1] ? [m[1]] : []), `${m[2]}.k8s.yaml`);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, text);
    }
    reportWarnings(out);
    return out;
  }
}

/** `kept 2 files not written by conductor in dist: a, b` */
export function keptText(outdir: string, unknown: readonly string[]): string {
  return `kept ${unknown.length} file${unknown.length === 1 ? '' : 's'} not written by conductor in ${outdir}: ${examples(unknown, 10)}`;
}

/** Prints target gaps, run-time warnings, security risks and plaintext-secret files to stderr. */
export function reportWarnings(out: SynthOutput, log: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  for (const g of out.gaps) log(`warning: ${formatGap(g)}`);
  for (const w of out.warnings ?? []) log(`warning: ${formatWarning(w)}`);
  for (const r of out.risks ?? []) log(`SECURITY RISK: ${formatRisk(r)}`);
  for (const f of out.secretFiles) log(`WARNING: ${f} holds a secret value in plain text (Secret.unsafePlaintext); do not commit it`);
}
