import { parse } from 'yaml';
import { defineExamples } from '../../apps';
import { App, Config, CronJob, CronJobOnSwarm, Secret, StatefulWorkload, Volume, Workload } from '../../lib';
import type { SecurityProps } from '../../lib';
import { registerTarget } from '../../lib/targets';
import { newStack } from '../support/synth';

/*
 * Who may write to a new volume on Swarm, said in `<stack>.md` before anyone
 * deploys (lib/swarm/volume-ownership.ts): Docker creates a new named
 * volume's root owned by root, mode 0755, and copies owner and mode only
 * from the image's own directory at the mount path; Kubernetes makes the
 * volume group-writable with the pod's fsGroup.
 */

const HEADING = '## Before deploying on Swarm';

/** The summary of the one stack of `app`, as synth writes it. */
function summary(app: App, targets?: readonly ('kubernetes' | 'swarm')[]): string {
  const files = app.render(targets ? { targets } : {}).files;
  const md = [...files.keys()].filter((f) => f.endsWith('.md'));
  expect(md).toHaveLength(1);
  return files.get(md[0])!;
}

/** The bullets of the Swarm section ([] when there is no section). */
function swarmNotes(md: string): string[] {
  const at = md.indexOf(`${HEADING}\n`);
  if (at < 0) return [];
  const rest = md.slice(at + HEADING.length + 2).split('\n');
  return rest.slice(0, rest.indexOf('')).filter((l) => l.startsWith('- '));
}

function rootOwned(workload: string, uid: number, what: string, path: string, group = uid): string {
  return `- \`${workload}\` (uid ${uid}) writes to ${what} at \`${path}\`: Swarm creates a new volume owned by root and copies only the image's `
    + `own \`${path}\` (owner and mode) into it, so the image must hold \`${path}\` owned by or writable to uid ${uid} `
    + `(Kubernetes: fsGroup ${group} makes it group-writable).`;
}

describe('a non-root workload that writes to a new volume gets a Swarm note', () => {
  test('a named Volume, default user 10001', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'api', { image: 'ghcr.io/acme/api:1.0.0' }).mountVolume('/var/lib/api', new Volume(stack, 'uploads'));
    const md = summary(app);
    expect(md).toContain(`\n${HEADING}\n\n`);
    expect(swarmNotes(md)).toEqual([rootOwned('api', 10001, 'volume `uploads`', '/var/lib/api')]);
  });

  test('a per-replica volume (the marketplace queue: nats as 10001 at /data)', () => {
    const { app, stack } = newStack('s');
    new StatefulWorkload(stack, 'queue', { image: 'nats:2.10-alpine', ports: [{ port: 4222 }] })
      .mountPerReplicaVolume('/data', 'jetstream', { size: '5Gi' });
    expect(swarmNotes(summary(app))).toEqual([rootOwned('queue', 10001, 'per-replica volume `jetstream`', '/data')]);
  });

  test('the uid and group the workload sets; one bullet per (workload, mount), in order', () => {
    const { app, stack } = newStack('s');
    const data = new Volume(stack, 'data');
    const logs = new Volume(stack, 'logs');
    const db = new StatefulWorkload(stack, 'db', { image: 'postgres:16.4', ports: [{ port: 5432 }], security: { user: 70, group: 71 } });
    db.mountVolume('/logs', logs).mountPerReplicaVolume('/var/lib/postgresql/data', 'pgdata');
    new Workload(stack, 'web', { image: 'nginx:1.27' }).mountVolume('/srv', data);
    expect(swarmNotes(summary(app))).toEqual([
      rootOwned('db', 70, 'volume `logs`', '/logs', 71),
      rootOwned('db', 70, 'per-replica volume `pgdata`', '/var/lib/postgresql/data', 71),
      rootOwned('web', 10001, 'volume `data`', '/srv'),
    ]);
  });

  test('a volume on a driver or with driver options: its storage sets the owner, not Docker', () => {
    const { app, stack } = newStack('s');
    const nfs = new Volume(stack, 'shared', { driverOptions: { type: 'nfs', o: 'addr=nfs.example.com,rw', device: ':/exports/shared' } });
    const plugin = new Volume(stack, 'plugin', { driver: 'rexray/ebs' });
    const local = new Volume(stack, 'local', { driver: 'local' });
    new Workload(stack, 'w', { image: 'busybox:1.36' }).mountVolume('/a', nfs).mountVolume('/b', plugin).mountVolume('/c', local);
    expect(swarmNotes(summary(app))).toEqual([
      '- `w` (uid 10001) writes to volume `shared` at `/a`: the volume\'s owner and mode come from its driver options (an NFS export\'s, say), '
        + 'so that storage must let uid 10001 write there (Kubernetes: fsGroup 10001 makes it group-writable).',
      '- `w` (uid 10001) writes to volume `plugin` at `/b`: the volume\'s owner and mode come from driver `rexray/ebs` (an NFS export\'s, say), '
        + 'so that storage must let uid 10001 write there (Kubernetes: fsGroup 10001 makes it group-writable).',
      // `local` without options is Docker's default driver: the default rule.
      rootOwned('w', 10001, 'volume `local`', '/c'),
    ]);
  });
});

describe('no note where Swarm does not get in the way', () => {
  test.each<[string, SecurityProps]>([
    ['root (user 0)', { user: 0, group: 0 }],
    ['the image\'s own user', { user: 'image', group: 'image' }],
  ])('%s', (_, security) => {
    const { app, stack } = newStack('s');
    new StatefulWorkload(stack, 'db', { image: 'postgres:16.4', ports: [{ port: 5432 }], security })
      .mountVolume('/shared', new Volume(stack, 'data'))
      .mountPerReplicaVolume('/var/lib/postgresql/data', 'pgdata');
    const md = summary(app);
    expect(md).not.toContain(HEADING);
    expect(md).not.toContain('writes to');
  });

  test('read-only volume mounts, scratch (tmpfs), configs, secrets and host paths', () => {
    const { app, stack } = newStack('s');
    const w = new Workload(stack, 'w', { image: 'busybox:1.36' });
    w.mountVolume('/ro', new Volume(stack, 'data'), { readOnly: true });
    w.mountScratch('/tmp', { sizeLimit: '64Mi' });
    w.mountConfig(new Config(stack, 'cfg', { files: { 'a.conf': 'x' } }), '/etc/app');
    w.mountSecret(Secret.fromExisting(stack, 'token'));
    w.mountHostPath('/host', '/var/log', { allowHostAccess: true, readOnly: false });
    expect(summary(app)).not.toContain(HEADING);
  });

  test('a CronJob that Swarm omits', () => {
    const { app, stack } = newStack('s');
    new CronJob(stack, 'backup', { image: 'busybox:1.36', schedule: '0 3 * * *', onSwarm: CronJobOnSwarm.OMIT })
      .mountVolume('/backup', new Volume(stack, 'backups'));
    expect(summary(app)).not.toContain(HEADING);
  });
});

describe('the summary is the same whatever --target renders', () => {
  // `<stack>.md` belongs to the stack, not to a target (lib/synth/layout.ts): it links both outputs, and any
  // synth rewrites it, so a Kubernetes-only synth keeps the Swarm section rather than removing it from a dist/ that has swarm/.
  test('--target kubernetes and --target swarm write the summary of a full synth', () => {
    const app = () => {
      const { app: a, stack } = newStack('s');
      new Workload(stack, 'api', { image: 'ghcr.io/acme/api:1.0.0' }).mountVolume('/data', new Volume(stack, 'data'));
      return a;
    };
    const full = summary(app());
    expect(full).toContain(HEADING);
    expect(summary(app(), ['kubernetes'])).toBe(full);
    expect(summary(app(), ['swarm'])).toBe(full);
  });

  test('each registered target with notes gets its own section, titled by the registry', () => {
    const remove = registerTarget({
      target: 'plain' as never,
      title: 'Plain Compose',
      load: () => ({ target: 'plain' as never, check: () => undefined, render: () => [], notes: (s) => [`- ${s.stackName} only`] }),
    });
    try {
      const { app, stack } = newStack('s');
      new Workload(stack, 'w', { image: 'busybox:1.36' });
      const md = summary(app, ['kubernetes']);
      expect(md).toContain('\n## Before deploying on Plain Compose\n\n- s only\n');
      expect(md).not.toContain(HEADING);
    } finally {
      remove();
    }
  });
});

/** The fields of a rendered Compose service the notes depend on. */
interface ComposeServiceView {
  readonly user?: string;
  readonly volumes?: readonly { readonly type: string; readonly target: string; readonly read_only?: boolean }[];
}

describe('the examples: a note for each Swarm service that writes to a volume as a non-root uid (read from compose.yaml)', () => {
  const files = defineExamples(new App()).render().files;
  const composeFiles = [...files.keys()].filter((f) => f.endsWith('/compose.yaml'));

  test.each(composeFiles)('%s', (f) => {
    const compose = parse(files.get(f)!) as { services: Record<string, ComposeServiceView> };
    const stackName = f.split('/').slice(-2)[0];
    const md = files.get(f.replace(/swarm\/[^/]+\/compose\.yaml$/, `${stackName}.md`))!;
    // The service's writable `type: volume` mounts as the rendered user, a non-root uid: exactly the notes' (workload, path) pairs.
    const expected = Object.entries(compose.services).flatMap(([name, s]) => {
      const uid = Number((s.user ?? '0').split(':')[0]);
      if (!(uid > 0)) return [];
      return (s.volumes ?? []).filter((v) => v.type === 'volume' && !v.read_only).map((v) => `${name} ${uid} ${v.target}`);
    }).sort();
    const noted = swarmNotes(md).map((l) => {
      const m = /^- `([^`]+)` \(uid (\d+)\) writes to [^`]*`[^`]+` at `([^`]+)`/.exec(l);
      expect(m).not.toBeNull();
      return `${m![1]} ${m![2]} ${m![3]}`;
    }).sort();
    expect(noted).toEqual(expected);
  });

  test('the marketplace queue (nats as 10001, no /data in its image) is among them', () => {
    expect(swarmNotes(files.get('marketplace.md')!)).toContain(rootOwned('queue', 10001, 'per-replica volume `jetstream`', '/data'));
  });
});
