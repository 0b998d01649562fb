import { Construct } from 'constructs';
import { LongRunningProps, LongRunningWorkload } from './long-running';
import { RolloutOrder, RolloutProps } from './rollout';

export interface DaemonWorkloadProps extends LongRunningProps {}

/**
 * One replica on every node that matches the placement (agents, log
 * shippers). Kubernetes: a DaemonSet. Swarm: `deploy.mode: global`.
 */
export class DaemonWorkload extends LongRunningWorkload {
  public readonly kind = 'daemon' as const;

  constructor(scope: Construct, id: string, props: DaemonWorkloadProps) {
    super(scope, id, props);
  }

  /** Stop-first by default, like a DaemonSet: a node agent often holds a host resource. */
  protected get defaultRollout(): RolloutProps {
    return { order: RolloutOrder.STOP_FIRST };
  }
}
