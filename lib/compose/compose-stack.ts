import * as path from 'path';
import { Construct } from 'constructs';
import type { Config } from '../model/config';
import { checkName } from '../model/names';
import type { Network } from '../model/network';
import type { Secret } from '../model/secret';
import type { Stack, StackProps } from '../model/stack';
import type { Volume } from '../model/volume';
import type { WorkloadBase } from '../model/workload-base';
import { buildPlan, checkImported } from './build';
import { ComposeLoadOptions, loadComposeFile, loadComposeText } from './loader';
import { ImportPlan, planImport, PlanOptions } from './plan';
import { ComposeImportError, ComposeImportNote, sortNotes } from './problems';

export interface ComposeImportOptions extends ComposeLoadOptions, PlanOptions {
  /** Namespace and labels of the Stack. @default - namespace = the stack name, no labels */
  readonly stackProps?: StackProps;
}

export interface ComposeTextOptions extends ComposeImportOptions {
  /** Directory that relative paths in the text (configs, env files, bind mounts) are relative to. @default - the current directory */
  readonly baseDir?: string;
  /** Name of the text in messages. @default 'compose.yaml' */
  readonly fileName?: string;
}

/**
 * A Compose file (format 3.x, what `docker stack deploy` reads) imported
 * into the model: a Stack with one workload per service, and the configs,
 * secrets, volumes and networks the file declares. Both targets render
 * from it, and every construct can be adjusted afterwards:
 *
 * ```ts
 * const shop = ComposeStack.fromFile(app, 'shop', 'docker-compose.yml');
 * shop.service('web').addEnv('LOG_LEVEL', 'debug');
 * for (const n of shop.notes) console.warn(formatNote(n));
 * ```
 *
 * The file is read, interpolated (`${VAR}`, `${VAR:-default}`,
 * `${VAR?error}`, `$$`) from `environment`, and validated against the
 * Compose v3.13 schema; keys the model has no form for are reported in
 * `notes`, never dropped silently; bad input throws a ComposeImportError
 * naming the file, the service and the key. `conductor import` writes the
 * same constructs as TypeScript. docs/compose-import.md has the mapping.
 */
export class ComposeStack {
  /** Imports the Compose file at `file` as the stack `name` in `scope` (an App or Environment). */
  public static fromFile(scope: Construct, name: string, file: string, options: ComposeImportOptions = {}): ComposeStack {
    checkStackName(name, file);
    const plan = planImport(loadComposeFile(file, options), name, options);
    return new ComposeStack(scope, plan, options.stackProps);
  }

  /** Imports Compose text (see fromFile). */
  public static fromString(scope: Construct, name: string, text: string, options: ComposeTextOptions = {}): ComposeStack {
    const file = options.fileName ?? 'compose.yaml';
    checkStackName(name, file);
    const loaded = loadComposeText(text, { ...options, file, dir: path.resolve(options.baseDir ?? '.') });
    return new ComposeStack(scope, planImport(loaded, name, options), options.stackProps);
  }

  public readonly stack: Stack;
  /** Workloads by Compose service name. */
  public readonly services: { readonly [composeName: string]: WorkloadBase };
  /** By their Compose names (top-level keys). */
  public readonly configs: { readonly [composeName: string]: Config };
  public readonly secrets: { readonly [composeName: string]: Secret };
  public readonly volumes: { readonly [composeName: string]: Volume };
  public readonly networks: { readonly [composeName: string]: Network };
  /** Keys mapped differently, or not at all, and why. */
  public readonly notes: readonly ComposeImportNote[];

  private constructor(scope: Construct, plan: ImportPlan, stackProps: StackProps | undefined) {
    const built = buildPlan(scope, plan, stackProps);
    let checked: ComposeImportNote[];
    try {
      checked = checkImported(built, plan);
    } catch (e) {
      // A failed import leaves nothing behind in the app.
      scope.node.tryRemoveChild(built.stack.node.id);
      throw e;
    }
    this.stack = built.stack;
    this.services = built.services;
    this.configs = built.configs;
    this.secrets = built.secrets;
    this.volumes = built.volumes;
    this.networks = built.networks;
    this.notes = sortNotes([...plan.notes, ...checked]);
  }

  /** The workload of a Compose service. */
  public service(name: string): WorkloadBase {
    const w = this.services[name];
    if (!w) throw new Error(`${this.stack.node.path}: no service "${name}" in the compose file (services: ${Object.keys(this.services).join(', ')})`);
    return w;
  }
}

function checkStackName(name: string, file: string): void {
  const rule = checkName(name);
  if (rule) throw new ComposeImportError([{ file, key: '', message: `the stack name "${name}" ${rule}` }]);
}
