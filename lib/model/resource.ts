import { Construct, IConstruct } from 'constructs';
import { checkName } from './names';
import { IValidatable, ProblemCollector } from './problems';

const STACK_SYMBOL = Symbol.for('cdk8s-conductor.Stack');

/** True for the Stack construct (attribute test, so it works across copies of the library). */
export function isStack(x: unknown): boolean {
  return typeof x === 'object' && x !== null && STACK_SYMBOL in x;
}

export function markStack(x: object): void {
  Object.defineProperty(x, STACK_SYMBOL, { value: true });
}

/**
 * The construct id of a named construct, checked before the construct tree
 * sees it: the tree crashes on an id that is not a string ("id.replace is
 * not a function") and refuses "" without saying where. Thrown while the
 * app is defined, like the tree's own "already a Construct with name".
 */
export function constructId(scope: IConstruct, id: unknown): string {
  if (typeof id !== 'string' || id === '') {
    throw new Error(
      `${scope.node.path || '(app)'}: id: must be a non-empty string, the name of the new construct (got ${JSON.stringify(id) ?? String(id)})`,
    );
  }
  return id;
}

/** The ids as the app wrote them, of constructs whose id the construct tree rewrote. */
const writtenIds = new WeakMap<IConstruct, string>();

/**
 * Remembers the id the app wrote: the construct tree turns "/" into "--"
 * in `node.id` and `node.path`, and an error must show what the user typed.
 */
export function rememberWrittenId(c: IConstruct, id: string): void {
  if (id !== c.node.id) writtenIds.set(c, id);
}

/** The construct path with every id as the app wrote it (`a/b/w`, not `a--b/w`). */
export function writtenPath(c: IConstruct): string {
  if (!c.node.scopes.some((s) => writtenIds.has(s))) return c.node.path;
  return c.node.scopes.filter((s) => s.node.scope !== undefined).map((s) => writtenIds.get(s) ?? s.node.id).join('/');
}

/** Finds the nearest enclosing Stack, or undefined. */
export function findStack(c: IConstruct): Construct | undefined {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    if (isStack(s)) return s as Construct;
  }
  return undefined;
}

/**
 * Base of every named thing in a stack (workloads, configs, secrets,
 * volumes, networks). Its construct id is its name in the output on both
 * targets, so ids must be DNS-1035 labels.
 */
export abstract class Resource extends Construct implements IValidatable {
  /** The name used in the output on both targets. */
  public readonly name: string;

  constructor(scope: Construct, id: string) {
    super(scope, constructId(scope, id));
    rememberWrittenId(this, id);
    this.name = id;
    if (!findStack(this)) {
      throw new Error(`${this.node.path}: scope: must be inside a Stack (create it with new ${this.constructor.name}(stack, '${id}', ...))`);
    }
  }

  /** The stack this resource belongs to. */
  public get stackName(): string {
    return findStack(this)!.node.id;
  }

  public validate(collector: ProblemCollector): void {
    const rule = checkName(this.name);
    if (rule) collector.error(this.node.path, 'name', rule, this.name);
    this.validateProps(collector);
  }

  /** Checks the props of this resource. */
  protected abstract validateProps(collector: ProblemCollector): void;
}
