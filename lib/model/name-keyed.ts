import { Construct } from 'constructs';

/*
 * Performance: objects keyed by names (stack, workload, volume names...)
 * are kept in V8's "dictionary mode".
 *
 * V8 gives every object a hidden class (a map). Every object created as
 * `{}` starts from one shared empty map, and adding a first property
 * follows (or records) a transition from that map keyed by the property's
 * name. That map can record at most 1,536 transitions (V8's
 * kMaxNumberOfTransitions); while it holds 1,536 live ones, an object whose
 * first property is not among them gets a hidden class of its own, and so
 * does every property added after it: nothing is shared, every property
 * access in code that sees such objects misses its inline cache.
 *
 * An object keyed by names records one transition per distinct first name:
 * a Stack's children (first child `<stack>-config`, `<stack>`...), a
 * per-stack cdk8s App's children (the chart, named after the stack), a
 * Compose file's `services:`, `volumes:`... With a few thousand stacks
 * they filled the 1,536 slots, and every object cdk8s builds while
 * rendering (`resolve`, `sanitizeValue`, the `toJson_*` converters) got
 * hidden classes of its own: rendering Kubernetes took twice as long per
 * workload with 3,000 stacks as with one stack of 3,000 workloads
 * (bench/RESULTS.md). A dictionary-mode object records no transition.
 *
 * Not covered yet: name maps nested in the output (a service's
 * `environment` and `labels`, which escapeInterpolation copies, a
 * ConfigMap's `data`, built by cdk8s) are plain objects, so stacks whose
 * env or config file names differ per stack still record transitions.
 *
 * Deleting a property that is not the last one added turns an object into
 * a dictionary (V8 "normalizes" it), and it stays one. Nothing observable
 * changes: same prototype, same keys in the same order.
 */

/** An empty plain object in dictionary mode, for keys that are names. */
export function nameKeyedRecord<T>(): Record<string, T> {
  const r: Record<string, unknown> = { a: undefined, b: undefined };
  delete r.a; // not the last property: V8 turns `r` into a dictionary
  delete r.b;
  return r as Record<string, T>;
}

/**
 * A copy of `r` in dictionary mode (see above) with the keys sorted; with
 * `map`, of its values mapped. An own `__proto__` key stays an own
 * property, as with Object.fromEntries.
 */
export function sortedNameKeyedRecord<T, U = T>(r: Readonly<Record<string, T>>, map?: (value: T) => U): Record<string, U> {
  const out = nameKeyedRecord<U>();
  for (const k of Object.keys(r).sort()) {
    const v = map ? map(r[k]) : (r[k] as unknown as U);
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/**
 * Turns the children table of `scope` (constructs keeps it in a plain
 * object keyed by construct id) into a dictionary (see above) while it is
 * still empty, through public API only: two children added and removed
 * again. Call it in the constructor of a construct whose children are
 * named by the user, before any child is added.
 */
export function nameKeyedChildren(scope: Construct): void {
  if (scope.node.children.length > 0) return;
  const a = '\u0000a';
  const b = '\u0000b';
  new Construct(scope, a);
  new Construct(scope, b);
  scope.node.tryRemoveChild(a); // not the last one added: the table becomes a dictionary
  scope.node.tryRemoveChild(b);
}
