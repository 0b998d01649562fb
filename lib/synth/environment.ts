import { Construct, IConstruct } from 'constructs';
import { checkName, checkOutputFileName } from '../model/names';
import { constructId, rememberWrittenId } from '../model/resource';
import { IValidatable, ProblemCollector } from '../model/problems';
import { isTarget } from '../targets';

const ENVIRONMENT_SYMBOL = Symbol.for('cdk8s-conductor.Environment');

/**
 * One deployment environment (`dev`, `prod`, ...) of an app: a scope
 * between the App and its Stacks. Stacks inside it render to
 * `<outdir>/<environment>/kubernetes/...`, `<outdir>/<environment>/swarm/...`
 * and `<outdir>/<environment>/<stack>.md`, with a top-level
 * `kustomization.yaml` per environment.
 *
 * What differs between environments (replicas, resources, hosts, image
 * tags) is plain data: pass it to your stack's constructor props.
 *
 * ```ts
 * for (const [name, props] of Object.entries(settings)) {
 *   new Storefront(new Environment(app, name), 'storefront', props);
 * }
 * ```
 *
 * `conductor synth --env prod` (or `app.synth({ environments: ['prod'] })`)
 * writes only that environment and leaves the others' files untouched.
 */
export class Environment extends Construct implements IValidatable {
  /** True for an Environment (attribute test, so it works across copies of the library). */
  public static isEnvironment(x: unknown): x is Environment {
    return typeof x === 'object' && x !== null && ENVIRONMENT_SYMBOL in x;
  }

  /** The environment enclosing `c`, or undefined when `c` is in none. */
  public static of(c: IConstruct): Environment | undefined {
    for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
      if (Environment.isEnvironment(s)) return s;
    }
    return undefined;
  }

  /** The environment name: the directory under the output directory. */
  public readonly environmentName: string;

  constructor(scope: Construct, id: string) {
    super(scope, constructId(scope, id));
    rememberWrittenId(this, id);
    if (scope.node.scope !== undefined) {
      throw new Error(`${this.node.path}: scope: an Environment must be created directly in the App (new Environment(app, '${id}'))`);
    }
    Object.defineProperty(this, ENVIRONMENT_SYMBOL, { value: true });
    this.environmentName = id;
  }

  public validate(c: ProblemCollector): void {
    const rule = checkName(this.environmentName);
    if (rule) c.error(this.node.path, 'name', rule, this.environmentName);
    else if (checkOutputFileName(this.environmentName)) {
      c.error(this.node.path, 'name', checkOutputFileName(this.environmentName)!, this.environmentName);
    }
    else if (isTarget(this.environmentName)) {
      // A target's directory of the output layout (`dist/kubernetes`, `dist/swarm`).
      c.error(this.node.path, 'name', `must not be "${this.environmentName}" (a directory of the output layout)`, this.environmentName);
    }
  }
}

/** The environment name of a construct, or undefined. */
export function environmentOf(c: IConstruct): string | undefined {
  return Environment.of(c)?.environmentName;
}
