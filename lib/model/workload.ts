import { Construct } from 'constructs';
import { ReplicatedProps, ReplicatedWorkload } from './long-running';

export interface WorkloadProps extends ReplicatedProps {}

/**
 * A stateless, replicated workload.
 *
 * Kubernetes: a Deployment (plus Services when it has ports). Swarm: a
 * service with `deploy.mode: replicated`.
 */
export class Workload extends ReplicatedWorkload {
  public readonly kind = 'deployment' as const;

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id, props);
  }
}
