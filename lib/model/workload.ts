import { Construct } from 'constructs';
import { ProblemCollector } from './problems';
import { resolveRollout, Rollout, RolloutProps, validateRollout } from './rollout';
import { WorkloadBase, WorkloadBaseProps } from './workload-base';

export interface WorkloadProps extends WorkloadBaseProps {
  /**
   * Number of identical replicas.
   * @default 1
   */
  readonly replicas?: number;

  /** @default - start-first, one at a time, no delay, pause on failure */
  readonly rollout?: RolloutProps;
}

/**
 * A stateless, replicated workload.
 *
 * Kubernetes: a Deployment (plus a Service when it has ports). Swarm: a
 * service with `deploy.mode: replicated`.
 */
export class Workload extends WorkloadBase {
  public readonly kind = 'deployment' as const;
  private _replicas: number;
  private readonly rolloutProps?: RolloutProps;

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id, props);
    this._replicas = props.replicas ?? 1;
    this.rolloutProps = props.rollout;
  }

  public get replicas(): number {
    return this._replicas;
  }

  /** Sets the number of replicas. */
  public scale(replicas: number): this {
    this._replicas = replicas;
    return this;
  }

  public get rollout(): Rollout {
    return resolveRollout(this.rolloutProps);
  }

  /** The rollout props as given (for target-gap decisions). */
  public get givenRollout(): RolloutProps | undefined {
    return this.rolloutProps;
  }

  protected validateProps(c: ProblemCollector): void {
    super.validateProps(c);
    const path = this.node.path;
    if (!Number.isInteger(this._replicas) || this._replicas < 0) c.error(path, 'replicas', 'must be a non-negative integer', this._replicas);
    else if (this._replicas > 10000) c.error(path, 'replicas', 'must be at most 10000', this._replicas);
    validateRollout(this.rolloutProps, Number.isInteger(this._replicas) ? this._replicas : undefined, c, path);
  }
}
