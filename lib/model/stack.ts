import { Construct, IConstruct } from 'constructs';
import { Config } from './config';
import { checkLabelKey, checkLabelValue, checkName } from './names';
import { IValidatable, ProblemCollector } from './problems';
import { isStack, markStack } from './resource';
import { Secret } from './secret';
import { Volume } from './volume';
import { WorkloadBase } from './workload-base';

export interface StackProps {
  /**
   * Kubernetes namespace of every object of the stack.
   * @default - the stack name
   */
  readonly namespace?: string;

  /**
   * Labels added to every object (Kubernetes) and service (Swarm).
   * @default - none besides the `app.kubernetes.io/*` ones
   */
  readonly labels?: { readonly [key: string]: string };
}

/**
 * One application: a Kubernetes namespace with common
 * `app.kubernetes.io/*` labels, and a Swarm stack. Its construct id is the
 * stack name.
 */
export class Stack extends Construct implements IValidatable {
  /** The stack enclosing `c`. */
  public static of(c: IConstruct): Stack {
    for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
      if (isStack(s)) return s as Stack;
    }
    throw new Error(`${c.node.path}: not inside a Stack`);
  }

  public static isStack(x: unknown): x is Stack {
    return isStack(x);
  }

  public readonly stackName: string;
  public readonly namespace: string;
  public readonly labels: { readonly [key: string]: string };

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id);
    markStack(this);
    this.stackName = id;
    this.namespace = props.namespace ?? id;
    this.labels = { ...(props.labels ?? {}) };
  }

  /** Workloads of this stack, sorted by name (declaration order is not meaningful). */
  public get workloads(): WorkloadBase[] {
    return this.childrenOf((x): x is WorkloadBase => x instanceof WorkloadBase);
  }

  public get configs(): Config[] {
    return this.childrenOf((x): x is Config => x instanceof Config);
  }

  public get secrets(): Secret[] {
    return this.childrenOf((x): x is Secret => x instanceof Secret);
  }

  public get volumes(): Volume[] {
    return this.childrenOf((x): x is Volume => x instanceof Volume);
  }

  public validate(c: ProblemCollector): void {
    const path = this.node.path;
    const nameRule = checkName(this.stackName);
    if (nameRule) c.error(path, 'name', nameRule, this.stackName);
    if (this.namespace !== this.stackName) {
      const nsRule = checkName(this.namespace);
      if (nsRule) c.error(path, 'namespace', nsRule, this.namespace);
    }
    for (const [k, v] of Object.entries(this.labels)) {
      const keyRule = checkLabelKey(k);
      if (keyRule) c.error(path, `labels[${JSON.stringify(k)}]`, `key ${keyRule}`, k);
      const valueRule = checkLabelValue(v);
      if (valueRule) c.error(path, `labels[${JSON.stringify(k)}]`, `value ${valueRule}`, v);
    }
    if (this.workloads.length === 0) c.error(path, 'workloads', 'a stack needs at least one workload');
  }

  private childrenOf<T extends IConstruct>(test: (x: IConstruct) => x is T): T[] {
    return this.node
      .findAll()
      .filter(test)
      .sort((a, b) => (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
  }
}
