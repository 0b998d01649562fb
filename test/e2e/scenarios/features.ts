import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { MAX_SWARM_CONFIG_BYTES, MAX_SWARM_SECRET_BYTES } from '../../../lib/swarm/check';
import { TOKEN_SECRET, TOKEN_VALUE } from '../apps/common';
import { FEATURES_STACK, featuresApp, LITERAL_ENV, LITERAL_MOUNT, ZONE_LABEL } from '../apps/features';
import {
  containersOf, expectIdleSwarmCronJob, Deployment, deployStack, docker, dockerLines, execIn, inspect, inspectService, progressless, removeStack,
  sh, shInEach, step, waitForJobComplete, waitForReplicas,
} from '../support';

const svc = (name: string) => `${FEATURES_STACK}_${name}`;
const WEB = svc('web');

interface ContainerInspect {
  Id: string;
  Config: { Labels?: Record<string, string>; WorkingDir?: string };
  HostConfig: { ReadonlyRootfs?: boolean };
  State: { Health?: { Status: string } };
}

/** `env` output of a container as a record. */
function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/**
 * One stack with every feature the library renders for a Swarm service:
 * each assertion reads the engine's own state (`docker service inspect`,
 * `docker exec`, `docker volume ls`), not the stack file.
 */
export function featuresScenario(): void {
  let gen1: Deployment;
  const marker = randomBytes(8).toString('hex');

  beforeAll(async () => {
    await step('app: secret created, node labelled', async () => {
      await docker(['secret', 'create', TOKEN_SECRET, '-'], { input: TOKEN_VALUE });
      const node = (await docker(['info', '--format', '{{.Swarm.NodeID}}'])).stdout.trim();
      await docker(['node', 'update', '--label-add', `${ZONE_LABEL}=a`, node]);
    });
    gen1 = await step('app: deploy generation 1 (--detach=false: until converged)', () => deployStack(FEATURES_STACK, featuresApp(1)));
  });

  test('every workload converges: replicated services to their replicas, the global one to one task, the job completes, the cron job stays at ' +
    '0', async () => {
    await step('app: replicas converged, job complete', async () => {
      await waitForReplicas(WEB, 2);
      await waitForReplicas(svc('web-logger'), 2);
      await waitForReplicas(svc('ledger'), 2);
      await waitForReplicas(svc('agent'), 1);
      const done = await waitForJobComplete(svc('migrate'));
      expect(done).toHaveLength(2);
    });
    const agent = await inspectService(svc('agent'));
    expect(agent.Spec.Mode.Global).toBeDefined();
    const job = await inspectService(svc('migrate'));
    expect(job.Spec.Mode.ReplicatedJob).toEqual({ MaxConcurrent: 2, TotalCompletions: 2 });
    await expectIdleSwarmCronJob(svc('nightly'), '0 3 * * *');
  });

  test('env: literal entries, config entries (a literal wins), and NAME_FILE instead of a secret value', async () => {
    const env = parseEnv(await sh(WEB, 'env'));
    expect(env).toMatchObject({
      MODE: 'e2e',
      GREETING: 'hello from a config',
      SHARED: 'the literal wins',
      API_TOKEN_FILE: `/run/secrets/${TOKEN_SECRET}`,
    });
    expect(env.API_TOKEN).toBeUndefined();
    const ledger = await shInEach(svc('ledger'), 'echo "$SLOT"');
    // A Swarm template on purpose (Swarm.override) is expanded per task.
    expect(ledger.map((l) => l.stdout.trim())).toEqual(ledger.map((l) => String(l.slot)));
  });

  test('values that look like Go templates reach every task exactly as written: env values and a mount path', async () => {
    for (const { stdout } of await shInEach(WEB, 'env; ls /scratch')) {
      const env = parseEnv(stdout);
      expect(Object.fromEntries(Object.keys(LITERAL_ENV).map((k) => [k, env[k]]))).toEqual(LITERAL_ENV);
      expect(stdout.trim().split('\n').pop()).toBe(LITERAL_MOUNT.slice('/scratch/'.length));
    }
  });

  test('secrets: an existing one (docker secret create) at /run/secrets/NAME and through NAME_FILE; a plaintext one at its own path', async () => {
    expect(await sh(WEB, `cat /run/secrets/${TOKEN_SECRET}`)).toBe(TOKEN_VALUE);
    expect(await sh(WEB, 'cat "$API_TOKEN_FILE"')).toBe(TOKEN_VALUE);
    expect(await sh(WEB, 'cat /etc/creds/plain')).toBe('plain-value');
  });

  test('config files: a whole config as a directory, one file of another at a file path; httpd serves them', async () => {
    for (const { stdout } of await shInEach(WEB, 'cat /srv/www/index.html /srv/www/about.txt /etc/app/app.conf; ls /etc/app')) {
      expect(stdout).toBe('<h1>generation 1</h1>\nserved by busybox httpd\ngeneration=1\nlevel=debug\napp.conf\n');
    }
    // command + args + working dir: httpd serves the config directory on 127.0.0.1:8080.
    expect(await sh(WEB, 'wget -q -O - http://127.0.0.1:8080/ && pwd')).toBe('<h1>generation 1</h1>\n/srv/www\n');
  });

  test('security: non-root 10001:10001, read-only root filesystem, every capability dropped but the one added', async () => {
    for (const service of [WEB, svc('web-logger'), svc('agent'), svc('ledger')]) {
      expect(await sh(service, 'id -u; id -g')).toBe('10001\n10001\n');
      const touch = await execIn(service, ['touch', '/etc/probe']);
      expect(touch.status).not.toBe(0);
      expect(touch.stderr).toContain('Read-only file system');
    }
    const [c] = await inspect<ContainerInspect>('container', [(await containersOf(WEB))[0].container]);
    expect(c.HostConfig.ReadonlyRootfs).toBe(true);
    // Bounding set of pid 1: only NET_BIND_SERVICE (bit 10) for web, nothing for the others.
    expect(await sh(WEB, 'grep CapBnd /proc/1/status')).toBe('CapBnd:\t0000000000000400\n');
    expect(await sh(svc('agent'), 'grep CapBnd /proc/1/status')).toBe('CapBnd:\t0000000000000000\n');
  });

  test('health: the checked service is healthy', async () => {
    const ids = (await containersOf(WEB)).map((c) => c.container);
    const containers = await inspect<ContainerInspect>('container', ids);
    expect(containers.map((c) => c.State.Health?.Status)).toEqual(['healthy', 'healthy']);
  });

  test('volumes: a named volume (written by the job too), a read-only mount of it, one with driver options, tmpfs scratch with its ' +
    'size', async () => {
    await sh(WEB, `echo ${marker} > /data/keep`);
    expect(await sh(WEB, 'cat /data-ro/keep /data/migrated')).toBe(`${marker}\nmigrated by 10001\n`);
    const ro = await execIn(WEB, ['touch', '/data-ro/probe']);
    expect(ro.stderr).toContain('Read-only file system');
    const mounts = (await sh(WEB, 'touch /tmp/probe /cache/probe && cat /proc/mounts')).split('\n');
    const mountOf = (target: string) => mounts.find((l) => l.split(' ')[1] === target);
    expect(mountOf('/tmp')).toMatch(/^tmpfs \/tmp tmpfs \S*\bsize=16384k\b/);
    expect(mountOf('/cache')).toMatch(/^tmpfs \/cache tmpfs \S*\bsize=8192k\b/);
    const volumes = await dockerLines(['volume', 'ls', '--format', '{{.Name}}']);
    expect(volumes).toEqual(expect.arrayContaining([`${FEATURES_STACK}_data`, `${FEATURES_STACK}_cache`]));
    const [cache] = await inspect<{ Options: Record<string, string> }>('volume', [`${FEATURES_STACK}_cache`]);
    expect(cache.Options).toEqual({ device: 'tmpfs', o: 'size=8m,uid=10001', type: 'tmpfs' });
  });

  test('per-replica volumes: one volume per slot, each replica sees only its own', async () => {
    const volumes = await dockerLines(['volume', 'ls', '--format', '{{.Name}}']);
    expect(volumes.filter((v) => v.startsWith(`${FEATURES_STACK}_ledger-state-`)).sort()).toEqual([
      `${FEATURES_STACK}_ledger-state-1`,
      `${FEATURES_STACK}_ledger-state-2`,
    ]);
    for (const { slot, stdout } of await shInEach(svc('ledger'), 'cat /data/history')) {
      expect(stdout).toBe(`slot ${slot} generation 1\n`);
    }
  });

  test('volume ownership: a new volume takes owner and mode from the image\'s own directory, else root 0755, which 10001 cannot write; '
    + 'the summary said so', async () => {
    for (const { stdout } of await shInEach(svc('ledger'), 'id -u; stat -c "%u:%g %a" /data /fresh; touch /fresh/probe 2>&1; echo "exit $?"')) {
      expect(stdout).toMatch(/^10001\n10001:10001 755\n0:0 755\ntouch: \/fresh\/probe: Permission denied\nexit 1\n$/);
    }
    const summary = fs.readFileSync(path.resolve(gen1.dir, '..', '..', `${FEATURES_STACK}.md`), 'utf8');
    const noted = (p: string) => `- \`ledger\` (uid 10001) writes to per-replica volume \`${p === '/data' ? 'state' : 'fresh'}\` at \`${p}\`: `
      + `Swarm creates a new volume owned by root and copies only the image's own \`${p}\``;
    expect(summary).toContain(noted('/data'));
    expect(summary).toContain(noted('/fresh'));
  });

  test('the service spec the engine holds: published ports (ingress), resources, health check, rollout, placement, labels, stop settings, restart ' +
    'policy', async () => {
    const web = await inspectService(WEB);
    const ports = [
      { Protocol: 'tcp', TargetPort: 8080, PublishedPort: 18080, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 8081, PublishedPort: 30081, PublishMode: 'ingress' },
    ];
    const byTarget = <T extends { TargetPort: number }>(xs: T[] | undefined) => [...(xs ?? [])].sort((a, b) => a.TargetPort - b.TargetPort);
    expect(byTarget(web.Spec.EndpointSpec?.Ports)).toEqual([...ports, { Protocol: 'tcp', TargetPort: 8082, PublishMode: 'ingress' }]);
    // What the engine published: the fixed ports, one it allocated in the node port range, and
    // not the INTERNAL port 9090.
    const allocated = web.Endpoint?.Ports?.find((p) => p.TargetPort === 8082);
    expect(byTarget(web.Endpoint?.Ports)).toEqual([
      ...ports,
      { Protocol: 'tcp', TargetPort: 8082, PublishedPort: allocated?.PublishedPort, PublishMode: 'ingress' },
    ]);
    expect(allocated?.PublishedPort).toBeGreaterThanOrEqual(30000);
    expect(allocated?.PublishedPort).toBeLessThanOrEqual(32767);
    // Host mode, on the global service: bound on the node of the task.
    const agentPorts = [{ Protocol: 'tcp', TargetPort: 9100, PublishedPort: 30100, PublishMode: 'host' }];
    expect((await inspectService(svc('agent'))).Spec.EndpointSpec?.Ports).toEqual(agentPorts);
    const [agentTask] = await containersOf(svc('agent'));
    // The task's port status: the binding (listed once per address family).
    const bound = agentTask.task.Status.PortStatus?.Ports ?? [];
    expect(bound.length).toBeGreaterThan(0);
    expect([...new Set(bound.map((p) => JSON.stringify(p)))].map((p) => JSON.parse(p))).toEqual(agentPorts);
    const t = web.Spec.TaskTemplate;
    expect(t.Resources).toEqual({
      Limits: { NanoCPUs: 500_000_000, MemoryBytes: 64 * 2 ** 20 },
      Reservations: { NanoCPUs: 10_000_000, MemoryBytes: 16 * 2 ** 20 },
    });
    expect(t.ContainerSpec.Healthcheck).toEqual({ Test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/'], Interval: 1e9, Timeout: 1e9, Retries: 3 });
    expect(web.Spec.UpdateConfig).toEqual({ Parallelism: 1, FailureAction: 'pause', Monitor: 1e9, MaxFailureRatio: 0, Order: 'start-first' });
    expect(web.Spec.RollbackConfig).toEqual({ Parallelism: 1, FailureAction: 'pause', Monitor: 1e9, MaxFailureRatio: 0, Order: 'start-first' });
    expect(t.Placement?.Constraints?.sort()).toEqual([`node.labels.${ZONE_LABEL} == a`, 'node.role == manager']);
    expect(t.Placement?.Preferences).toEqual([{ Spread: { SpreadDescriptor: `node.labels.${ZONE_LABEL}` } }]);
    expect(t.ContainerSpec.StopGracePeriod).toBe(2e9);
    expect(t.ContainerSpec.StopSignal).toBe('SIGTERM');
    expect(t.ContainerSpec.User).toBe('10001:10001');
    expect(t.ContainerSpec.CapabilityDrop).toEqual(['ALL']);
    // The engine stores capability names with their CAP_ prefix.
    expect(t.ContainerSpec.CapabilityAdd).toEqual(['CAP_NET_BIND_SERVICE']);
    expect(web.Spec.Labels).toMatchObject({
      'e2e.conductor/note': 'deployed by the e2e suite',
      'e2e.conductor/role': 'web',
      'e2e.conductor/suite': 'swarm',
      'com.docker.stack.namespace': FEATURES_STACK,
    });
    const [c] = await inspect<ContainerInspect>('container', [(await containersOf(WEB))[0].container]);
    // Container labels, the escape hatch's included.
    expect(c.Config.Labels).toMatchObject({ 'e2e.conductor/role': 'web', 'e2e.conductor/override': 'applied' });
    const agent = await inspectService(svc('agent'));
    expect(agent.Spec.TaskTemplate.RestartPolicy).toEqual({ Condition: 'on-failure', Delay: 1e9, MaxAttempts: 5, Window: 10e9 });
    const job = await inspectService(svc('migrate'));
    expect(job.Spec.TaskTemplate.RestartPolicy).toMatchObject({ Condition: 'on-failure', MaxAttempts: 3 });
  });

  test('the engine\'s size limits the Swarm checks rest on: config data under 1,024,000 bytes, secret data under 512,000', async () => {
    const create = async (kind: 'config' | 'secret', name: string, bytes: number) => {
      const r = await docker([kind, 'create', name, '-'], { input: 'x'.repeat(bytes), allowFailure: true });
      if (r.status === 0) await docker([kind, 'rm', name]);
      return r.status === 0 ? 'accepted' : r.stderr.trim();
    };
    expect(await create('config', 'e2e-size-ok', MAX_SWARM_CONFIG_BYTES - 1)).toBe('accepted');
    expect(await create('config', 'e2e-size-over', MAX_SWARM_CONFIG_BYTES)).toContain(`less than ${MAX_SWARM_CONFIG_BYTES} bytes`);
    expect(await create('secret', 'e2e-size-ok', MAX_SWARM_SECRET_BYTES - 1)).toBe('accepted');
    expect(await create('secret', 'e2e-size-over', MAX_SWARM_SECRET_BYTES)).toContain(`less than ${MAX_SWARM_SECRET_BYTES} bytes`);
  });

  test('a config change, re-synthesized and redeployed, rolls the services to the new content; volumes keep their data', async () => {
    const before = (await containersOf(WEB)).map((c) => c.container).sort();
    const gen2 = await step('app: redeploy generation 2 (config change)', () => deployStack(FEATURES_STACK, featuresApp(2)));
    expect(progressless(gen2.result.stderr + gen2.result.stdout)).not.toMatch(/in use|only updates to Labels/);
    // The changed files got new config objects (new content, new hashed names): nothing was updated in place.
    const configsOf = (d: Deployment) => (d.compose.services.web.configs ?? []).map((c) => `${FEATURES_STACK}_${c.source}`).sort();
    const changed = configsOf(gen2).filter((c) => !configsOf(gen1).includes(c));
    expect(changed).toEqual([expect.stringMatching(/_settings-app-conf-/), expect.stringMatching(/_site-index-html-/)]);

    await step('app: generation 2 converged', async () => {
      await waitForReplicas(WEB, 2);
      await waitForReplicas(svc('ledger'), 2);
    });
    const web = await inspectService(WEB);
    expect(web.UpdateStatus?.State).toBe('completed');
    const after = await containersOf(WEB);
    expect(after.map((c) => c.container).filter((c) => before.includes(c))).toEqual([]);
    for (const c of after) expect(c.task.Spec.ContainerSpec.Configs?.map((x) => x.ConfigName).sort()).toEqual(configsOf(gen2));
    for (const { stdout } of await shInEach(WEB, 'cat /srv/www/index.html /etc/app/app.conf; wget -q -O - http://127.0.0.1:8080/; cat /data/keep')) {
      expect(stdout).toBe(`<h1>generation 2</h1>\ngeneration=2\nlevel=debug\n<h1>generation 2</h1>\n${marker}\n`);
    }
    // Each replica of the stateful workload got its own volume back after the update.
    for (const { slot, stdout } of await shInEach(svc('ledger'), 'cat /data/history')) {
      expect(stdout).toBe(`slot ${slot} generation 1\nslot ${slot} generation 2\n`);
    }
    // Swarm semantics of a Job: the redeploy updated its (unchanged) service, which runs it again.
    const job = await inspectService(svc('migrate'));
    expect(job.JobStatus?.JobIteration?.Index).toBe(1);
    expect(await step('app: job run again by the redeploy', () => waitForJobComplete(svc('migrate')))).toHaveLength(2);
  });

  test('docker stack rm removes the services, networks, configs, secrets and containers; named volumes stay until removed', async () => {
    // Docker 20.10 leaves the exited containers of job services behind (moby/moby#44312): allowed, then removed here.
    const left = await step(
      'app: docker stack rm, until everything is gone',
      () => removeStack(FEATURES_STACK, { leftoverServices: [svc('migrate')] }),
    );
    expect(left.volumes).toEqual(
      [
        `${FEATURES_STACK}_cache`, `${FEATURES_STACK}_data`, `${FEATURES_STACK}_ledger-fresh-1`, `${FEATURES_STACK}_ledger-fresh-2`,
        `${FEATURES_STACK}_ledger-state-1`, `${FEATURES_STACK}_ledger-state-2`,
      ].sort(),
    );
    if (left.containers.length) await docker(['rm', ...left.containers]);
    await docker(['volume', 'rm', ...left.volumes]);
    await docker(['secret', 'rm', TOKEN_SECRET]);
    expect(await dockerLines(['ps', '--all', '--quiet'])).toEqual([]);
    expect(await dockerLines(['volume', 'ls', '--quiet'])).toEqual([]);
    expect(await dockerLines(['secret', 'ls', '--quiet'])).toEqual([]);
  });
}
