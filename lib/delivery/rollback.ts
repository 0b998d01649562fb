import type { Clock } from './clock';
import { Docker } from './docker';
import { ServiceInfo, ServiceSpec, STACK_IMAGE_LABEL, stackServices } from './engine';
import type { PlannedService } from './plan';
import { SPEC_HASH_LABEL, stableJson } from './stack-files';

export interface RollbackOutcome {
  readonly service: string;
  /** rolled back / already rolled back by Swarm / removed / unchanged / failed. */
  readonly result: 'rolled back' | 'rolled back by Swarm' | 'removed' | 'unchanged' | 'failed';
  readonly detail?: string;
}

/**
 * What identifies a spec for a rollback: what the stack file sets, not the
 * engine's defaults, which the PreviousSpec the engine keeps lacks
 * (seen on the e2e engine, Debian docker.io 20.10: after an unchanged redeploy, Spec
 * has a default RestartPolicy and an empty DNSConfig that PreviousSpec lacks).
 */
export function specFingerprint(spec: ServiceSpec | undefined): string {
  if (!spec) return '';
  const c = spec.TaskTemplate.ContainerSpec;
  return stableJson({
    hash: spec.Labels?.[SPEC_HASH_LABEL] ?? null,
    // Set by unpinImages (deploy.ts) before the deploy: bookkeeping of the docker CLI, not of the service.
    labels: { ...(spec.Labels ?? {}), [STACK_IMAGE_LABEL]: undefined },
    image: c.Image,
    env: [...(c.Env ?? [])].sort(),
    args: c.Args ?? [],
    command: c.Command ?? [],
    configs: (c.Configs ?? []).map((x) => x.ConfigName).sort(),
    secrets: (c.Secrets ?? []).map((x) => x.SecretName).sort(),
    mode: spec.Mode,
    force: spec.TaskTemplate.ForceUpdate ?? 0,
  });
}

/**
 * Stack-wide rollback (`docker stack deploy` has none: docker/cli#595):
 * every service this deploy changed goes back to the spec it had before,
 * healthy ones included; services it created are removed. A service still
 * at its old spec (Swarm rolled it back itself, or the deploy never reached
 * it) is left as it is. `docker service rollback` restores the PreviousSpec,
 * so it is used only when the PreviousSpec is the spec from before this
 * deploy; anything else is reported, not guessed.
 */
export async function rollbackStack(
  docker: Docker, stack: string, changed: readonly PlannedService[], clock: Clock, timeoutMs: number,
): Promise<RollbackOutcome[]> {
  const now = await stackServices(docker, stack);
  const outcomes: RollbackOutcome[] = [];
  const started = new Map<string, { fingerprint: string; rollsTasks: boolean }>();
  for (const s of changed) {
    const current = now.get(s.name);
    if (s.action === 'create') {
      if (!current) {
        outcomes.push({ service: s.name, result: 'unchanged', detail: 'was not created' });
        continue;
      }
      const r = await docker.attempt(['service', 'rm', s.name]);
      outcomes.push(r.status === 0 ? { service: s.name, result: 'removed' } : { service: s.name, result: 'failed', detail: r.stderr.trim() });
      continue;
    }
    const before = specFingerprint(s.before!.Spec);
    if (!current) {
      outcomes.push({ service: s.name, result: 'failed', detail: 'the service is gone' });
    } else if (specFingerprint(current.Spec) === before) {
      // Swarm rolled it back (failure_action rollback), or the deploy did not update it.
      const swarm = current.Version.Index !== s.before!.Version.Index;
      if (current.UpdateStatus?.State === 'rollback_started') started.set(s.name, { fingerprint: before, rollsTasks: true });
      else outcomes.push({ service: s.name, result: swarm ? 'rolled back by Swarm' : 'unchanged' });
    } else if (specFingerprint(current.PreviousSpec) === before) {
      const r = await docker.attempt(['service', 'rollback', '--detach', s.name]);
      // A task template change rolls the tasks back: wait for Swarm to report the rollback completed.
      const rollsTasks = stableJson(current.Spec.TaskTemplate) !== stableJson(s.before!.Spec.TaskTemplate);
      if (r.status === 0) started.set(s.name, { fingerprint: before, rollsTasks });
      else outcomes.push({ service: s.name, result: 'failed', detail: r.stderr.trim() });
    } else {
      const detail = 'its previous spec is not the one before this deploy (changed meanwhile): roll it back by hand';
      outcomes.push({ service: s.name, result: 'failed', detail });
    }
  }
  outcomes.push(...(await waitForRollbacks(docker, stack, started, clock, timeoutMs)));
  const order = new Map(changed.map((s, i) => [s.name, i]));
  return outcomes.sort((a, b) => order.get(a.service)! - order.get(b.service)!);
}

/**
 * Waits until each rollback started completes: UpdateStatus
 * rollback_completed, or the old spec back without a rollback in progress
 * when the rolled-back change touched no task field (the replica count, say).
 */
async function waitForRollbacks(
  docker: Docker, stack: string, started: ReadonlyMap<string, { fingerprint: string; rollsTasks: boolean }>, clock: Clock, timeoutMs: number,
): Promise<RollbackOutcome[]> {
  const deadline = clock.now() + timeoutMs;
  const pending = new Set(started.keys());
  const outcomes: RollbackOutcome[] = [];
  while (pending.size > 0) {
    const now = await stackServices(docker, stack);
    for (const name of [...pending]) {
      const svc = now.get(name) as ServiceInfo | undefined;
      const state = svc?.UpdateStatus?.State;
      const { fingerprint, rollsTasks } = started.get(name)!;
      const back = !rollsTasks && specFingerprint(svc?.Spec) === fingerprint;
      if (state === 'rollback_completed' || back) {
        outcomes.push({ service: name, result: 'rolled back' });
        pending.delete(name);
      } else if (state === 'rollback_paused') {
        outcomes.push({ service: name, result: 'failed', detail: `rollback paused: ${now.get(name)!.UpdateStatus!.Message ?? ''}`.trim() });
        pending.delete(name);
      }
    }
    if (pending.size === 0) break;
    if (clock.now() >= deadline) {
      const detail = `rollback not completed after ${Math.round(timeoutMs / 1000)}s`;
      for (const name of pending) outcomes.push({ service: name, result: 'failed', detail });
      break;
    }
    await clock.sleep(1000);
  }
  return outcomes;
}
