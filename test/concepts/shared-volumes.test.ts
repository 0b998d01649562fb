import { AccessMode, App, ComposeStack, ConcurrencyPolicy, CronJob, CronJobOnSwarm, DaemonWorkload, Job, RolloutOrder, Stack, StatefulWorkload, Volume, Workload } from '../../lib';
import type { VolumeProps } from '../../lib';
import { problemsOf, renderChecked } from '../support/oracle';
import { BUSYBOX, warningsOf } from '../support/warnings';

/**
 * Issue 17, item 1: a Volume that more than one replica mounts at once is
 * refused unless it really shares on the target (docs/runtime-checks.md).
 */

const STOP_FIRST = { order: RolloutOrder.STOP_FIRST };
const FIXES = 'give each replica its own volume (a StatefulWorkload with mountPerReplicaVolume), or run one replica with rollout order STOP_FIRST, '
  + 'or declare a volume that really shares';
const MULTI_ATTACH = 'a ReadWriteOnce claim attaches to one node at a time, so pods scheduled on a second node stay in ContainerCreating ' +
  '(Multi-Attach error)';
const PER_NODE = 'Swarm\'s local driver creates the volume on each node a task runs on, so tasks on different nodes see different data '
  + '(each node\'s copy starts empty)';
const k8sRule = (users: string, mode = 'ReadWriteOnce', why = MULTI_ATTACH) => `[kubernetes] volume data (${mode}) is mounted by ${users}: ${why}; `
  + `${FIXES} (accessMode ReadWriteMany, with a storage class that supports it; and on Swarm a driver that shares)`;
const swarmRule = (users: string) => `[swarm] volume data is mounted by ${users}: ${PER_NODE}; ${FIXES} (a driver that shares across nodes: `
  + 'a volume plugin, or driverOptions type nfs or cifs of the local driver, or sharedDriver: true for one Conductor cannot see into; '
  + 'and on Kubernetes accessMode ReadWriteMany)';

function app(volume: VolumeProps, build: (s: Stack, v: Volume) => void): App {
  const a = new App();
  const s = new Stack(a, 's');
  build(s, new Volume(s, 'data', volume));
  return a;
}

describe('a volume mounted by more than one replica', () => {
  test('3 replicas of one workload: an error on each target, naming the volume, the workload, its replicas and the fixes', () => {
    const a = app({}, (s, v) => new Workload(s, 'writer', { image: BUSYBOX, replicas: 3 }).mountVolume('/data', v));
    expect(problemsOf(a).problems).toEqual([
      { path: 's/data', field: 'accessMode', rule: k8sRule('writer (3 replicas)') },
      { path: 's/data', field: 'driver', rule: swarmRule('writer (3 replicas)') },
    ]);
  });

  test('a second workload, even read-only and with one replica, is the same problem', () => {
    const a = app({}, (s, v) => {
      new Workload(s, 'writer', { image: BUSYBOX, rollout: STOP_FIRST }).mountVolume('/data', v);
      new Workload(s, 'reader', { image: BUSYBOX, rollout: STOP_FIRST }).mountVolume('/data', v, { readOnly: true });
    });
    const users = 'reader (1 replica, read-only) and writer (1 replica)';
    expect(problemsOf(a).problems).toEqual([
      { path: 's/data', field: 'accessMode', rule: k8sRule(users) },
      { path: 's/data', field: 'driver', rule: swarmRule(users) },
    ]);
  });

  test('an autoscaled workload counts with its maximum; a DaemonWorkload with one per node; a parallel Job and an Allow CronJob too', () => {
    const cases: [string, (s: Stack, v: Volume) => void][] = [
      ['api (up to 4 replicas (autoscaling))', (s, v) => new Workload(s, 'api', {
        image: BUSYBOX, resources: { cpu: { request: '100m' } }, autoscaling: {
          minReplicas: 1,
          maxReplicas: 4,
          cpuUtilization: 80,
        }, rollout: STOP_FIRST,
      }).mountVolume('/data', v)],
      ['agent (one replica per node)', (s, v) => new DaemonWorkload(s, 'agent', { image: BUSYBOX }).mountVolume('/data', v)],
      ['batch (2 replicas in parallel)', (s, v) => new Job(s, 'batch', { image: BUSYBOX, completions: 4, parallelism: 2 }).mountVolume('/data', v)],
      ['nightly (overlapping runs (concurrency Allow))', (s, v) => new CronJob(s, 'nightly', {
        image: BUSYBOX, schedule: '0 1 * * *', concurrency: ConcurrencyPolicy.ALLOW, onSwarm: CronJobOnSwarm.OMIT,
      }).mountVolume('/data', v)],
    ];
    for (const [users, build] of cases) {
      expect(problemsOf(app({}, build), { targets: ['kubernetes'] }).problems).toEqual([
        { path: 's/data', field: 'accessMode', rule: k8sRule(users) },
      ]);
    }
  });

  test('ReadWriteOncePod and a ReadOnlyMany claim mounted read-write say why', () => {
    const two = (s: Stack, v: Volume) => new Workload(s, 'w', { image: BUSYBOX, replicas: 2 }).mountVolume('/data', v);
    expect(problemsOf(app({ accessMode: AccessMode.READ_WRITE_ONCE_POD }, two), { targets: ['kubernetes'] }).problems).toEqual([{
      path: 's/data', field: 'accessMode',
      rule: k8sRule('w (2 replicas)', 'ReadWriteOncePod', 'a ReadWriteOncePod claim is mounted by one pod only, so every other pod stays Pending'),
    }]);
    expect(problemsOf(app({ accessMode: AccessMode.READ_ONLY_MANY }, two), { targets: ['kubernetes'] }).problems).toEqual([{
      path: 's/data', field: 'accessMode', rule: k8sRule('w (2 replicas)', 'ReadOnlyMany', 'a ReadOnlyMany claim cannot be mounted read-write'),
    }]);
  });

  test('each target decides alone: ReadWriteMany satisfies Kubernetes only, a shared driver Swarm only', () => {
    const three = (s: Stack, v: Volume) => new Workload(s, 'w', { image: BUSYBOX, replicas: 3 }).mountVolume('/data', v);
    const rwx = app({ accessMode: AccessMode.READ_WRITE_MANY }, three);
    expect(problemsOf(rwx).problems).toEqual([{ path: 's/data', field: 'driver', rule: swarmRule('w (3 replicas)') }]);
    expect(() => rwx.render({ targets: ['kubernetes'] })).not.toThrow();
    const plugin = app({ driver: 'rexray/efs' }, three);
    expect(problemsOf(plugin).problems).toEqual([{ path: 's/data', field: 'accessMode', rule: k8sRule('w (3 replicas)') }]);
    expect(() => plugin.render({ targets: ['swarm'] })).not.toThrow();
  });

  test('a volume that really shares renders on both targets, valid: ReadWriteMany and NFS through the local driver', () => {
    const a = app({
      accessMode: AccessMode.READ_WRITE_MANY,
      driverOptions: { type: 'nfs', o: 'addr=10.0.0.5,rw', device: ':/exports/data' },
    }, (s, v) => {
      new Workload(s, 'writer', { image: BUSYBOX, replicas: 3 }).mountVolume('/data', v);
      new Workload(s, 'reader', { image: BUSYBOX }).mountVolume('/data', v, { readOnly: true });
    });
    const { out } = renderChecked(a);
    expect(out.warnings).toEqual([]);
  });

  test('sharedDriver states it either way: true for a driver Conductor cannot see into (or a Swarm of one node), false for per-node data', () => {
    const three = (s: Stack, v: Volume) => new Workload(s, 'w', { image: BUSYBOX, replicas: 3 }).mountVolume('/data', v);
    expect(() => app({ accessMode: AccessMode.READ_WRITE_MANY, sharedDriver: true }, three).render()).not.toThrow();
    expect(problemsOf(app({ accessMode: AccessMode.READ_WRITE_MANY, driver: 'rexray/efs', sharedDriver: false }, three)).problems)
      .toEqual([{ path: 's/data', field: 'driver', rule: swarmRule('w (3 replicas)') }]);
    expect(problemsOf(app({ sharedDriver: 'yes' as never }, (s) => new Workload(s, 'w', { image: BUSYBOX }))).problems)
      .toEqual([{ path: 's/data', field: 'sharedDriver', rule: 'must be true or false', value: 'yes' }]);
  });

  test('ReadOnlyMany with every mount read-only shares on Kubernetes; the local driver with type "none" (a bind) does not share on Swarm', () => {
    const a = app({ accessMode: AccessMode.READ_ONLY_MANY, driverOptions: { type: 'none', o: 'bind', device: '/srv/data' } }, (s, v) => {
      new Workload(s, 'a', { image: BUSYBOX, replicas: 2 }).mountVolume('/data', v, { readOnly: true });
    });
    expect(problemsOf(a).problems).toEqual([{ path: 's/data', field: 'driver', rule: swarmRule('a (2 replicas, read-only)') }]);
  });

  test('not shared: one replica with stop-first rollout, a StatefulWorkload with per-replica volumes, a sequential Job, mounting twice in one ' +
    'pod', () => {
    const a = app({}, (s, v) => {
      new Workload(s, 'db', { image: BUSYBOX, rollout: STOP_FIRST }).mountVolume('/data', v).mountVolume('/ro', v, { readOnly: true });
      new StatefulWorkload(s, 'queue', { image: BUSYBOX, replicas: 3, ports: [{ port: 4222 }] }).mountPerReplicaVolume('/data', 'js');
      const other = new Volume(s, 'scratch');
      new Job(s, 'migrate', { image: BUSYBOX, completions: 3, parallelism: 1 }).mountVolume('/data', other);
    });
    expect(warningsOf(a)).toEqual([]);
  });
});

describe('one replica with a start-first rollout: both pods mount the volume during each update', () => {
  test('a warning on each target (an error under strict), naming the volume and the fix', () => {
    const a = app({}, (s, v) => new Workload(s, 'db', { image: BUSYBOX }).mountVolume('/data', v));
    expect(warningsOf(a)).toEqual([
      {
        path: 's/db', field: 'rollout.order', target: 'kubernetes',
        message: `start-first: each update starts a second pod beside the first, and both mount volume data (ReadWriteOnce): ${MULTI_ATTACH} `
          + 'and the update never finishes; use rollout order STOP_FIRST, or accessMode ReadWriteMany',
      },
      {
        path: 's/db', field: 'rollout.order', target: 'swarm',
        message: `start-first: each update starts a second task beside the first, and both mount volume data: ${PER_NODE}, `
          + 'and the two run at once on the same data otherwise; use rollout order STOP_FIRST, or a driver that shares',
      },
    ]);
  });
});

describe('the Compose importer: a volume whose driver shares across nodes asks for ReadWriteMany on Kubernetes', () => {
  const compose = (volumes: string) => `version: "3.8"
services:
  a:
    image: busybox:1.36
    volumes: [data:/data]
    deploy: { replicas: 2 }
  b:
    image: busybox:1.36
    volumes: ["data:/data:ro"]
volumes:
  data:${volumes}
`;

  test.each([
    ['NFS through the local driver', '\n    driver_opts: { type: nfs, o: "addr=10.0.0.1,rw", device: ":/export" }', 'driver_opts'],
    ['a volume plugin', '\n    driver: rexray/efs', 'driver'],
  ])('%s: imported, both targets render, with a note', (_, volumes, key) => {
    const a = new App();
    const imported = ComposeStack.fromString(a, 's', compose(volumes));
    expect(imported.volumes.data.accessMode).toBe(AccessMode.READ_WRITE_MANY);
    expect(imported.notes).toContainEqual({
      key: `volumes.data.${key}`, kind: 'changed', target: 'kubernetes', line: 12,
      message: 'the driver shares the volume across nodes: the Kubernetes claim asks for ReadWriteMany (a storage class that supports it)',
    });
    expect(() => a.render()).not.toThrow();
  });

  test('a local volume shared by two services is refused, naming the file, the volume and the rule', () => {
    expect(() => ComposeStack.fromString(new App(), 's', compose(''))).toThrow(
      /volumes\.data: \[kubernetes\] volume data \(ReadWriteOnce\) is mounted by a \(2 replicas\) and b \(1 replica, read-only\)/,
    );
  });
});
