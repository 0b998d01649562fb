import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../swarm/labels';
import { Docker } from './docker';
import { ServiceInfo, STACK_LABEL } from './engine';

export interface PruneResult {
  readonly removed: string[];
  /** Ours and unused, but the engine refused (e.g. a service started using it meanwhile). */
  readonly failed: string[];
}

/**
 * Removes the configs and secrets of `stack` that Conductor created (both
 * labels: the stack's namespace and Conductor's managed-by) and that no
 * service of the engine uses any more. Swarm configs and secrets are
 * immutable, so each content change leaves the old one behind; nothing
 * without Conductor's label is touched, external secrets included.
 */
export async function pruneStack(docker: Docker, stack: string): Promise<PruneResult> {
  const filters = ['--filter', `label=${STACK_LABEL}=${stack}`, '--filter', `label=${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`];
  const [configs, secrets, serviceIds] = await Promise.all([
    docker.lines(['config', 'ls', ...filters, '--format', '{{.Name}}']),
    docker.lines(['secret', 'ls', ...filters, '--format', '{{.Name}}']),
    docker.lines(['service', 'ls', '--quiet']),
  ]);
  const services = await docker.inspect<ServiceInfo>('service', serviceIds);
  const used = new Set(services.flatMap((s) => {
    const c = s.Spec.TaskTemplate.ContainerSpec;
    return [...(c.Configs ?? []).map((x) => `config/${x.ConfigName}`), ...(c.Secrets ?? []).map((x) => `secret/${x.SecretName}`)];
  }));
  const removed: string[] = [];
  const failed: string[] = [];
  for (const [kind, names] of [['config', configs], ['secret', secrets]] as const) {
    for (const name of names.sort()) {
      if (used.has(`${kind}/${name}`)) continue;
      // "in use by the following service": refused by the engine, so never removed from under a service.
      const r = await docker.attempt([kind, 'rm', name]);
      (r.status === 0 ? removed : failed).push(`${kind} ${name}`);
    }
  }
  return { removed, failed };
}
