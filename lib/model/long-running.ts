import { Construct } from 'constructs';
import { Autoscaling, AutoscalingProps, MAX_INT32, resolveAutoscaling, validateAutoscaling } from './autoscaling';
import { DisruptionBudgetProps, validateDisruptionBudget } from './disruption-budget';
import { resolveRestartPolicy, RestartPolicy, RestartPolicyProps, validateRestartPolicy } from './lifecycle';
import { ProblemCollector } from './problems';
import { resolveRollout, Rollout, RolloutProps, validateRollout } from './rollout';
import { WorkloadBase, WorkloadBaseProps } from './workload-base';

export interface LongRunningProps extends WorkloadBaseProps {
  /**
   * How an update replaces replicas: order, batch size, delay, failure action.
   * @default - start-first (stop-first for stateful), one at a time, no delay, pause on failure
   */
  readonly rollout?: RolloutProps;

  /**
   * When Swarm restarts a task. Kubernetes restarts long-running pods always,
   * with its own back-off: anything else is a target gap.
   * @default - restart always
   */
  readonly restartPolicy?: RestartPolicyProps;
}

/** A workload that runs until it is updated or removed, and rolls out updates. */
export abstract class LongRunningWorkload extends WorkloadBase {
  private readonly rolloutProps?: RolloutProps;
  private readonly restartProps?: RestartPolicyProps;

  constructor(scope: Construct, id: string, props: LongRunningProps) {
    super(scope, id, props);
    this.rolloutProps = props.rollout;
    this.restartProps = props.restartPolicy;
  }

  public get rollout(): Rollout {
    return resolveRollout(this.rolloutProps, this.defaultRollout);
  }

  public get givenRollout(): RolloutProps | undefined {
    return this.rolloutProps;
  }

  public get restartPolicy(): RestartPolicy {
    return resolveRestartPolicy(this.restartProps);
  }

  /** @internal Restart props as given (a target's check tells which settings it cannot honour). */
  public get givenRestartPolicy(): RestartPolicyProps | undefined {
    return this.restartProps;
  }

  /** Rollout defaults of this kind. */
  protected get defaultRollout(): RolloutProps {
    return {};
  }

  protected validateProps(c: ProblemCollector): void {
    super.validateProps(c);
    const path = this.node.path;
    validateRollout(this.rolloutProps, c, path);
    validateRestartPolicy(this.restartProps, c, path);
  }
}

export interface ReplicatedProps extends LongRunningProps {
  /**
   * Number of identical replicas.
   * @default 1
   */
  readonly replicas?: number;

  /**
   * Scale between minReplicas and maxReplicas on CPU / memory utilization
   * (Kubernetes HorizontalPodAutoscaler; Swarm runs minReplicas, a target
   * gap). Replaces `replicas`.
   * @default - a fixed replica count
   */
  readonly autoscaling?: AutoscalingProps;

  /**
   * How many replicas node drains and other voluntary disruptions may take
   * down at once (Kubernetes PodDisruptionBudget; Swarm has none, a target gap).
   * @default - no budget
   */
  readonly disruptionBudget?: DisruptionBudgetProps;
}

/** A long-running workload with a replica count. */
export abstract class ReplicatedWorkload extends LongRunningWorkload {
  private _replicas: number;
  private replicasGiven: boolean;
  private readonly autoscalingProps?: AutoscalingProps;
  private readonly budgetProps?: DisruptionBudgetProps;

  constructor(scope: Construct, id: string, props: ReplicatedProps) {
    super(scope, id, props);
    this._replicas = props.replicas ?? 1;
    this.replicasGiven = props.replicas !== undefined;
    this.autoscalingProps = props.autoscaling;
    this.budgetProps = props.disruptionBudget;
  }

  /** The replica count; with autoscaling, its minReplicas (what Swarm runs). */
  public get replicas(): number {
    return this.autoscalingProps ? this.autoscalingProps.minReplicas : this._replicas;
  }

  /** Sets the number of replicas. */
  public scale(replicas: number): this {
    this._replicas = replicas;
    this.replicasGiven = true;
    return this;
  }

  /** Autoscaling with defaults applied, or undefined for a fixed replica count. */
  public get autoscaling(): Autoscaling | undefined {
    return this.autoscalingProps ? resolveAutoscaling(this.autoscalingProps) : undefined;
  }

  public get disruptionBudget(): DisruptionBudgetProps | undefined {
    return this.budgetProps;
  }

  protected validateProps(c: ProblemCollector): void {
    super.validateProps(c);
    const path = this.node.path;
    if (!Number.isInteger(this._replicas) || this._replicas < 0) c.error(path, 'replicas', 'must be a non-negative integer', this._replicas);
    // Kubernetes: spec.replicas is an int32.
    else if (this._replicas > MAX_INT32) {
      c.error(path, 'replicas', `must be at most ${MAX_INT32} (Kubernetes replicas is a 32-bit integer)`, this._replicas);
    }
    if (this.autoscalingProps) {
      if (this.replicasGiven) c.error(
        path,
        'replicas',
        'must not be set with autoscaling (the autoscaler owns the replica count; set autoscaling.minReplicas)',
        this._replicas,
      );
      validateAutoscaling(this, this.autoscalingProps, c);
    }
    if (this.budgetProps !== undefined) validateDisruptionBudget(this.budgetProps, c, path);
  }
}
