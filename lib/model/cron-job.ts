import { Construct } from 'constructs';
import { JobProps, RunToCompletion } from './job';
import { ProblemCollector } from './problems';

/** What a CronJob becomes on Swarm, which has no scheduler. */
export enum CronJobOnSwarm {
  /** Rendering Swarm fails, naming the CronJob. The default: nothing is dropped silently. */
  ERROR = 'error',
  /**
   * A service with 0 replicas, `restart_policy: none` and the labels of
   * crazy-max/swarm-cronjob (`swarm.cronjob.enable`, `.schedule`,
   * `.skip-running`), which starts it on schedule. Run swarm-cronjob on a
   * manager node.
   */
  SWARM_CRONJOB = 'swarm-cronjob',
  /** Left out of the Swarm output, with a warning. */
  OMIT = 'omit',
}

/** Whether a run may start while the previous one still runs. */
export enum ConcurrencyPolicy {
  ALLOW = 'Allow',
  FORBID = 'Forbid',
  REPLACE = 'Replace',
}

export interface CronJobProps extends JobProps {
  /** Five-field cron schedule, e.g. `'*\/15 * * * *'`. */
  readonly schedule: string;
  /** IANA time zone, e.g. `Europe/Berlin`. @default - the controller's (UTC) */
  readonly timeZone?: string;
  /**
   * What happens when a run is due while the previous one still runs (Kubernetes `concurrencyPolicy`).
   * @default ConcurrencyPolicy.FORBID
   */
  readonly concurrency?: ConcurrencyPolicy;
  /**
   * What the CronJob becomes on Swarm, which has no scheduler: an error, a swarm-cronjob service, or left out
   * with a warning.
   * @default CronJobOnSwarm.ERROR
   */
  readonly onSwarm?: CronJobOnSwarm;
}

const FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;
const NAMED = /^[A-Za-z]{3}(-[A-Za-z]{3})?(,[A-Za-z]{3}(-[A-Za-z]{3})?)*$/;

/** True for a standard five-field cron expression (numbers, ranges, steps, lists, JAN/MON names). */
export function isCronSchedule(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const fields = s.trim().split(/\s+/);
  return fields.length === 5 && fields.every((f, i) => FIELD.test(f) || (i >= 3 && NAMED.test(f)));
}

/**
 * Runs to completion on a schedule. Kubernetes: a CronJob. Swarm has no
 * scheduler: see `CronJobOnSwarm`.
 */
export class CronJob extends RunToCompletion {
  public readonly kind = 'cron' as const;
  public readonly schedule: string;
  public readonly timeZone?: string;
  public readonly concurrency: ConcurrencyPolicy;
  public readonly onSwarm: CronJobOnSwarm;

  constructor(scope: Construct, id: string, props: CronJobProps) {
    super(scope, id, props);
    this.schedule = props.schedule;
    this.timeZone = props.timeZone;
    this.concurrency = props.concurrency ?? ConcurrencyPolicy.FORBID;
    this.onSwarm = props.onSwarm ?? CronJobOnSwarm.ERROR;
  }

  protected validateProps(c: ProblemCollector): void {
    super.validateProps(c);
    const path = this.node.path;
    if (!isCronSchedule(this.schedule)) c.error(path, 'schedule', 'must be a five-field cron expression such as "*/15 * * * *"', this.schedule);
    if (this.name.length > 52) c.error(
      path,
      'name',
      'must be at most 52 characters (Kubernetes adds an 11-character suffix to the Jobs of a CronJob)',
      this.name,
    );
    if (this.timeZone !== undefined && (typeof this.timeZone !== 'string' || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(this.timeZone))) c.error(
      path,
      'timeZone',
      'must be an IANA time zone such as "Europe/Berlin"',
      this.timeZone,
    );
    c.oneOf(path, 'concurrency', ConcurrencyPolicy, this.concurrency);
    c.oneOf(path, 'onSwarm', CronJobOnSwarm, this.onSwarm);
  }
}
