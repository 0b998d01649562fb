import { Construct } from 'constructs';
import { DURATION_RULE, parseDuration } from './duration';
import { ProblemCollector } from './problems';
import { WorkloadBase, WorkloadBaseProps } from './workload-base';

export interface JobProps extends WorkloadBaseProps {
  /**
   * Successful runs needed. Kubernetes: `completions`. Swarm:
   * `deploy.replicas` of a `replicated-job`.
   * @default 1
   */
  readonly completions?: number;
  /**
   * Runs at the same time. Kubernetes: `parallelism`. A Swarm stack file
   * runs all completions at once (a target gap when they differ).
   * @default - same as completions
   */
  readonly parallelism?: number;
  /**
   * Failed runs retried before the job fails. Kubernetes: `backoffLimit`.
   * Swarm: `restart_policy: {condition: on-failure, max_attempts}`
   * (`condition: none` for 0: Swarm reads `max_attempts: 0` as no limit).
   * @default 3
   */
  readonly retries?: number;
  /** Kubernetes `activeDeadlineSeconds`; Swarm has none (a gap). @default - none */
  readonly activeDeadline?: string;
  /** Kubernetes `ttlSecondsAfterFinished`; Swarm has none (a gap). @default - none */
  readonly ttlAfterFinished?: string;
}

/** What Job and CronJob share: a run to completion. */
export abstract class RunToCompletion extends WorkloadBase {
  public readonly completions: number;
  public readonly parallelism: number;
  public readonly retries: number;
  public readonly activeDeadlineMs?: number;
  public readonly ttlAfterFinishedMs?: number;
  private readonly jobProps: JobProps;

  constructor(scope: Construct, id: string, props: JobProps) {
    super(scope, id, props);
    this.jobProps = props;
    this.completions = props.completions ?? 1;
    this.parallelism = props.parallelism ?? this.completions;
    this.retries = props.retries ?? 3;
    this.activeDeadlineMs = props.activeDeadline !== undefined ? parseDuration(props.activeDeadline) : undefined;
    this.ttlAfterFinishedMs = props.ttlAfterFinished !== undefined ? parseDuration(props.ttlAfterFinished) : undefined;
  }

  protected validateProps(c: ProblemCollector): void {
    super.validateProps(c);
    const path = this.node.path;
    const p = this.jobProps;
    // Not a target's bound: Kubernetes accepts completions 0 (a Job that runs nothing and completes at once). Kept at 1
    // because parallelism defaults to completions, and parallelism 0 suspends a Kubernetes Job.
    if (!Number.isInteger(this.completions) || this.completions < 1) c.error(path, 'completions', 'must be an integer of at least 1', p.completions);
    // An absent parallelism is the completions, reported above. Above completions is valid: Kubernetes runs at most the
    // completions left, and Swarm's MaxConcurrent may exceed TotalCompletions. 0 would suspend the Job on Kubernetes.
    if (p.parallelism !== undefined && (!Number.isInteger(this.parallelism) || this.parallelism < 1)) c.error(
      path,
      'parallelism',
      'must be an integer of at least 1',
      p.parallelism,
    );
    if (!Number.isInteger(this.retries) || this.retries < 0) c.error(path, 'retries', 'must be a non-negative integer', p.retries);
    // Kubernetes: activeDeadlineSeconds is a positive integer, ttlSecondsAfterFinished a non-negative one (0: deleted at once).
    const limits = [
      ['activeDeadline', p.activeDeadline, this.activeDeadlineMs, 1],
      ['ttlAfterFinished', p.ttlAfterFinished, this.ttlAfterFinishedMs, 0],
    ] as const;
    for (const [f, text, ms, min] of limits) {
      if (text === undefined) continue;
      if (ms === undefined) c.error(path, f, DURATION_RULE, text);
      else if (ms % 1000 !== 0 || ms < min * 1000) c.error(path, f, `must be whole seconds, at least ${min}s`, text);
    }
    if (this.exposedPorts.length > 0) c.error(
      path,
      'ports',
      'a job cannot expose ports (it runs to completion)',
      this.exposedPorts.map((x) => x.port),
    );
  }
}

/**
 * Runs to completion once per deployment (migrations, batch work).
 * Kubernetes: a Job. Swarm: `deploy.mode: replicated-job`.
 */
export class Job extends RunToCompletion {
  public readonly kind = 'job' as const;

  constructor(scope: Construct, id: string, props: JobProps) {
    super(scope, id, props);
  }
}
