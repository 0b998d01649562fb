import { CronJob, CronJobOnSwarm, DaemonWorkload, Job, StatefulWorkload, Workload, WorkloadBase } from '../../lib';
import type { AnyWorkload, Target, WorkloadKind } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

/*
 * AnyWorkload is the union of the workload classes, told apart by `kind`: Stack.workloads lists them, and each
 * target's renderer dispatches on `w.kind` with an exhaustive check (lib/model/workload-kinds.ts).
 */

function oneOfEachKind() {
  const { app, stack } = newStack('s');
  const image = 'busybox:1.36';
  new Workload(stack, 'deployment', { image, replicas: 2 });
  new StatefulWorkload(stack, 'stateful', { image, replicas: 3, ports: [{ port: 5432 }] });
  new DaemonWorkload(stack, 'daemon', { image });
  new Job(stack, 'job', { image, completions: 4 });
  new CronJob(stack, 'cron', { image, schedule: '*/5 * * * *', onSwarm: CronJobOnSwarm.SWARM_CRONJOB });
  return { app, stack };
}

test('Stack.workloads narrows on kind: each kind is its class', () => {
  const { stack } = oneOfEachKind();
  const classOf = (w: AnyWorkload): string => {
    switch (w.kind) {
      case 'deployment': return `${w.constructor.name} replicas=${w.replicas}`;
      case 'stateful': return `${w.constructor.name} volumes=${w.perReplicaVolumes.length}`;
      case 'daemon': return `${w.constructor.name} order=${w.rollout.order}`;
      case 'job': return `${w.constructor.name} completions=${w.completions}`;
      case 'cron': return `${w.constructor.name} schedule=${w.schedule}`;
    }
  };
  expect(stack.workloads.map(classOf)).toEqual([
    'CronJob schedule=*/5 * * * *',
    'DaemonWorkload order=stop-first',
    'Workload replicas=2',
    'Job completions=4',
    'StatefulWorkload volumes=0',
  ]);
});

test('both targets map every kind: Kubernetes object kind, Swarm deploy mode and replicas', () => {
  const { app } = oneOfEachKind();
  const { kube, compose } = renderChecked(app);
  const kinds: Record<WorkloadKind, string> = { deployment: '', stateful: '', daemon: '', job: '', cron: '' };
  for (const name of Object.keys(kinds) as WorkloadKind[]) {
    const objects = kube.filter((o) => o.metadata.name === name && !['Service', 'NetworkPolicy'].includes(o.kind)).map((o) => o.kind);
    const { mode, replicas } = compose.services[name].deploy ?? {};
    kinds[name] = `${objects.join('+')} / ${mode} ${replicas ?? '-'}`;
  }
  expect(kinds).toEqual({
    deployment: 'Deployment / replicated 2',
    stateful: 'StatefulSet / replicated 3',
    daemon: 'DaemonSet / global -',
    job: 'Job / replicated-job 4',
    cron: 'CronJob / replicated 0',
  });
});

// A JavaScript caller can subclass WorkloadBase with a kind no renderer knows: an error naming it, not a crash inside.
class Foreign extends WorkloadBase {
  public readonly kind = 'batch' as unknown as WorkloadKind;
}

test.each<Target>(['kubernetes', 'swarm'])('%s: a workload of an unknown kind fails rendering, naming its path and kind', (target) => {
  const { app, stack } = newStack('s');
  new Foreign(stack, 'w', { image: 'busybox:1.36' });
  expect(() => app.render({ targets: [target] })).toThrow('s/w: no renderer for workload kind "batch"');
});
