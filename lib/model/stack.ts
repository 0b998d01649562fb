import { Construct, IConstruct } from 'constructs';
import { Config } from './config';
import { Ingress } from './ingress';
import { Network, stackHasNetworks } from './network';
import { checkLabelKey, checkLabelValue, checkName, checkOutputFileName } from './names';
import { nameKeyedChildren } from './name-keyed';
import { IValidatable, ProblemCollector } from './problems';
import { constructId, findStack, isStack, markStack, rememberWrittenId } from './resource';
import { validateStackNames } from './stack-names';
import { Secret } from './secret';
import { Volume } from './volume';
import { WorkloadBase } from './workload-base';
import type { AnyWorkload } from './workload-kinds';

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
    super(scope, constructId(scope, id));
    rememberWrittenId(this, id);
    // Its children are named by the user: see lib/model/name-keyed.ts.
    nameKeyedChildren(this);
    markStack(this);
    this.stackName = id;
    this.namespace = props.namespace ?? id;
    this.labels = { ...(props.labels ?? {}) };
  }

  /** Workloads of this stack, sorted by name (declaration order is not meaningful); `switch (w.kind)` narrows each to its class. */
  public get workloads(): AnyWorkload[] {
    return this.childrenOf(isAnyWorkload);
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

  /** Declared networks (the implicit `default` network is not one of them). */
  public get networks(): Network[] {
    return stackHasNetworks(this) ? this.childrenOf((x): x is Network => x instanceof Network) : [];
  }

  public get ingresses(): Ingress[] {
    return this.childrenOf((x): x is Ingress => x instanceof Ingress);
  }

  public validate(c: ProblemCollector): void {
    const path = this.node.path;
    const nameRule = checkName(this.stackName);
    if (nameRule) c.error(path, 'name', nameRule, this.stackName);
    else if (checkOutputFileName(this.stackName)) c.error(path, 'name', checkOutputFileName(this.stackName)!, this.stackName);
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
    const outer = this.node.scope ? findStack(this.node.scope) : undefined;
    if (outer) c.error(path, 'scope', `a Stack must not be inside another Stack (${outer.node.path})`);
    validateStackNames(this, c);
  }

  /** Constructs of this stack (not of a Stack inside it, which is an error), sorted by id. */
  private childrenOf<T extends IConstruct>(test: (x: IConstruct) => x is T): T[] {
    // Filtering the sorted list gives what sorting the filtered one gave: the sort is stable.
    return this.members().filter(test);
  }

  /** Every construct of this stack, sorted by id; listed once per synth while the model is frozen. */
  private members(): IConstruct[] {
    if (frozen.depth > 0 && this.frozenMembers?.generation === frozen.generation) return this.frozenMembers.list;
    const list = this.node
      .findAll()
      .filter((x) => findStack(x) === this)
      .sort((a, b) => (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
    if (frozen.depth > 0) this.frozenMembers = { generation: frozen.generation, list };
    return list;
  }

  private frozenMembers?: { readonly generation: number; readonly list: IConstruct[] };
}

/**
 * A workload of any kind: the one place the class tree is read as the kind union. The model's concrete
 * WorkloadBase classes are exactly AnyWorkload's; a JavaScript subclass with another kind reaches a
 * renderer's exhaustive check (unknownWorkloadKind), an error naming it.
 */
function isAnyWorkload(x: IConstruct): x is AnyWorkload {
  return x instanceof WorkloadBase;
}

const frozen = { depth: 0, generation: 0 };

/** @internal The current synth's generation while the model is frozen (see _whileModelFrozen), else undefined. */
export function _frozenGeneration(): number | undefined {
  return frozen.depth > 0 ? frozen.generation : undefined;
}

/**
 * @internal Runs `f` (a synth: validation and rendering, which read the
 * model and never change it) with the model taken as fixed. Meanwhile each
 * Stack lists its constructs once instead of at every call of `workloads`,
 * `configs`, `secrets`, ... (each a walk of the stack's whole construct tree:
 * performance, with thousands of workloads in one stack). Outside `f`
 * nothing is cached, so a model changed between synths is read afresh.
 */
export function _whileModelFrozen<T>(f: () => T): T {
  frozen.depth++;
  try {
    return f();
  } finally {
    if (--frozen.depth === 0) frozen.generation++;
  }
}
