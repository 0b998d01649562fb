import { Construct, IConstruct } from 'constructs';
import { ProblemCollector } from './problems';
import { findStack, Resource } from './resource';
import type { WorkloadBase } from './workload-base';

/**
 * The network of the workloads that join none, in a stack that declares
 * networks (Swarm's own name for a stack's implicit network).
 */
export const DEFAULT_NETWORK = 'default';

/** Marks a stack that declares at least one Network (attribute, so it works across copies of the library). */
const HAS_NETWORKS = Symbol.for('cdk8s-conductor.Stack.hasNetworks');

export interface NetworkProps {
  /**
   * Members reach only the members of their networks (and DNS), nothing
   * outside the stack. Kubernetes: members whose networks are all internal
   * get an egress NetworkPolicy. Swarm: an overlay network with
   * `internal: true`.
   * @default false
   */
  readonly internal?: boolean;
}

/**
 * A named network of a stack. Only workloads that share a network may talk
 * to each other; a workload joins with the `networks` prop or
 * `joinNetwork()`. As soon as a stack declares one Network, the workloads
 * that join none are members of an implicit network `default`.
 *
 * Kubernetes: NetworkPolicies (default deny of ingress in the namespace,
 * one policy per network admitting its members, pods labelled
 * `network.conductor.dev/<network>: "true"`). Swarm: an overlay network
 * `<stack>_<network>`; each service lists exactly its networks.
 *
 * A stack without Network constructs has no NetworkPolicies, and every
 * Swarm service shares the stack's default network.
 */
export class Network extends Resource {
  public readonly internal: boolean;

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    this.internal = props.internal ?? false;
    Object.defineProperty(findStack(this)!, HAS_NETWORKS, { value: true, configurable: true });
  }

  /** The workloads of this network's stack that joined it, sorted by name. */
  public get members(): WorkloadBase[] {
    const stack = findStack(this);
    return stack!.node
      .findAll()
      // Workloads, by attribute (this module does not load the workload classes); not the Stack, which lists its networks too.
      .filter((x): x is WorkloadBase => x !== stack && findStack(x) === stack && typeof (x as Partial<WorkloadBase>).kind === 'string'
        && Array.isArray((x as Partial<WorkloadBase>).networks) && (x as WorkloadBase).networks.includes(this))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  protected validateProps(c: ProblemCollector): void {
    const path = this.node.path;
    if (this.name === DEFAULT_NETWORK) {
      c.error(path, 'name', `must not be "${DEFAULT_NETWORK}": it is the implicit network of the workloads that join none`, this.name);
    }
    if (typeof this.internal !== 'boolean') c.error(path, 'internal', 'must be true or false', this.internal);
  }
}

/** The Networks of the stack of `c`, sorted by name. */
export function stackNetworks(c: IConstruct): Network[] {
  const stack = findStack(c);
  if (!stack || !(HAS_NETWORKS in stack)) return [];
  return stack.node
    .findAll()
    .filter((x): x is Network => x instanceof Network && findStack(x) === stack)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** True when the stack of `c` declares at least one Network. */
export function stackHasNetworks(c: IConstruct): boolean {
  const stack = findStack(c);
  return stack !== undefined && HAS_NETWORKS in stack;
}

/**
 * The names of the networks a workload is a member of, sorted: the ones it
 * joined, `default` when it joined none in a stack with networks, and none
 * in a stack without networks (everything shares one network).
 */
export function networkNamesOf(w: WorkloadBase): string[] {
  if (!stackHasNetworks(w)) return [];
  const names = w.networks.map((n) => n.name);
  return names.length ? names : [DEFAULT_NETWORK];
}

/**
 * True when every network of the workload is internal: its egress is
 * restricted to its networks' members and DNS.
 */
export function isEgressRestricted(w: WorkloadBase): boolean {
  const nets = w.networks;
  return nets.length > 0 && nets.every((n) => n.internal === true);
}

/** Checks what a workload joined: Networks of its own stack, each once. */
export function validateMembership(w: WorkloadBase, given: readonly unknown[], c: ProblemCollector): void {
  const path = w.node.path;
  const seen = new Set<unknown>();
  given.forEach((n, i) => {
    const field = `networks[${i}]`;
    if (!(n instanceof Network)) {
      c.error(
        path,
        field,
        `must be a Network defined in stack ${w.stackName} (new Network(stack, ` +
          `name))${typeof n === 'string' ? '; a name alone defines nothing' : ''}`,
        n,
      );
      return;
    }
    if (findStack(n) !== findStack(w)) c.error(
      path,
      field,
      `must belong to the same stack (${w.stackName}); each stack deploys on its own`,
      n.node.path,
    );
    if (seen.has(n)) c.error(path, field, 'must not join a network twice', n.name);
    seen.add(n);
  });
  if (w.apiAccess.length && isEgressRestricted(w)) {
    c.error(
      path,
      'networks',
      'a workload with apiAccess must join a network that is not internal: egress from internal networks reaches only their members and DNS, not ' +
        'the Kubernetes API server',
      w.networks.map((n) => n.name),
    );
  }
}
