import {
  DB_PASSWORD_SECRET, DB_PASSWORD_VALUE, MARKETPLACE_STACK, marketplaceApp, STORAGE_LABEL,
} from '../apps/marketplace';
import {
  deployStack, Deployment, docker, expectIdleSwarmCronJob, dockerLines, execIn, inspect, inspectService, removeStack, sh, shInEach, step, tasksOf,
  resolveIn, waitForJobComplete, waitForReplicas,
} from '../support';

const svc = (name: string) => `${MARKETPLACE_STACK}_${name}`;
const net = (name: string) => `${MARKETPLACE_STACK}_${name}`;

/** The fields of `docker service inspect` / `docker network inspect` this scenario reads beyond the harness's. */
interface ServiceNetworks {
  Spec: { TaskTemplate: { Networks?: { Target: string }[] } };
}
interface NetworkInspect {
  Id: string;
  Name: string;
  Driver: string;
  Internal: boolean;
}

/** The workloads that run (the log agent's placement excludes this manager-only swarm; the cron job waits for its scheduler). */
const RUNNING: [string, number][] = [['checkout', 3], ['postgres', 1], ['queue', 1], ['storefront', 2], ['worker', 2]];

/** `nslookup <name>` from a container of `from`: the name's addresses, or undefined when it does not resolve. */
const resolve = (from: string, name: string) => resolveIn(svc(from), name);

/**
 * HTTP GET from a container of `from` (busybox wget under `timeout`: the
 * static busybox 1.35 of Debian 12 crashes on `wget -T`): the body, or
 * undefined when it fails.
 */
async function get(from: string, url: string): Promise<string | undefined> {
  const r = await execIn(svc(from), ['timeout', '3', 'wget', '-q', '-O', '-', url]);
  return r.status === 0 ? r.stdout : undefined;
}

/**
 * The marketplace example (apps/marketplace.ts) on the real Swarm, with
 * stand-in commands on the local busybox image (apps/marketplace.ts in
 * this folder says which, and why): its networks isolate the tiers, its
 * database lands on the labelled node, its stateful workloads get one volume
 * per replica, its job completes, its daemon follows its node-role
 * placement, and its Ingress becomes labels on the storefront.
 */
export function marketplaceScenario(): void {
  let nodeId = '';
  let deployment: Deployment;

  beforeAll(async () => {
    await step('marketplace: secret created, node labelled', async () => {
      await docker(['secret', 'create', DB_PASSWORD_SECRET, '-'], { input: DB_PASSWORD_VALUE });
      nodeId = (await docker(['info', '--format', '{{.Swarm.NodeID}}'])).stdout.trim();
      await docker(['node', 'update', '--label-add', `${STORAGE_LABEL.key}=${STORAGE_LABEL.value}`, nodeId]);
    });
    // The example keeps the default 30s update monitor, which `--detach=false` would wait out service by service.
    deployment = await step('marketplace: deploy (detached)', () => deployStack(MARKETPLACE_STACK, marketplaceApp(), { wait: false }));
  });

  // The last test removes and checks everything; this only tidies up after a failure.
  afterAll(async () => {
    if (nodeId) await docker(['node', 'update', '--label-rm', STORAGE_LABEL.key, nodeId], { allowFailure: true });
    await docker(['secret', 'rm', DB_PASSWORD_SECRET], { allowFailure: true });
  });

  test('every workload converges: replicated and stateful services to their replicas (healthy), the job completes, the cron job stays at ' +
    '0', async () => {
    await step('marketplace: replicas converged, job complete', async () => {
      await Promise.all(RUNNING.map(([name, replicas]) => waitForReplicas(svc(name), replicas, 120_000)));
      expect(await waitForJobComplete(svc('migrate'))).toHaveLength(1);
    });
    const job = await inspectService(svc('migrate'));
    expect(job.Spec.Mode.ReplicatedJob).toEqual({ MaxConcurrent: 1, TotalCompletions: 1 });
    await expectIdleSwarmCronJob(svc('nightly-report'), '30 2 * * *');
  });

  test('placement: the log agent (global, workers only) runs nowhere on a manager-only swarm; the database, which converged above, is constrained ' +
    'to storage=ssd', async () => {
    const agent = await inspectService(svc('log-agent'));
    expect(agent.Spec.Mode.Global).toBeDefined();
    expect(agent.Spec.TaskTemplate.Placement?.Constraints).toEqual(['node.role == worker']);
    // The others converged meanwhile: the orchestrator had every chance to place it.
    expect(await tasksOf(svc('log-agent'))).toEqual([]);
    const db = await inspectService(svc('postgres'));
    expect(db.Spec.TaskTemplate.Placement?.Constraints).toEqual([`node.labels.${STORAGE_LABEL.key} == ${STORAGE_LABEL.value}`]);
  });

  test('networks: one overlay per Network; each service is attached to its own networks only', async () => {
    const networks = await inspect<NetworkInspect>('network', [net('backend'), net('frontend')]);
    expect(networks.map((n) => [n.Name, n.Driver, n.Internal])).toEqual([[net('backend'), 'overlay', false], [net('frontend'), 'overlay', false]]);
    const names = new Map(networks.map((n) => [n.Id, n.Name]));
    const attached = async (name: string) => {
      const [s] = await inspect<ServiceNetworks>('service', [svc(name)]);
      return (s.Spec.TaskTemplate.Networks ?? []).map((n) => names.get(n.Target) ?? n.Target).sort();
    };
    expect(await attached('storefront')).toEqual([net('frontend')]);
    expect(await attached('checkout')).toEqual([net('backend'), net('frontend')]);
    for (const name of ['postgres', 'queue', 'worker', 'migrate']) expect({ name, networks: await attached(name) }).toEqual({
      name,
      networks: [net('backend')],
    });
  });

  // Traffic goes to the tasks' own addresses (`tasks.<service>`, which Swarm's DNS answers on the
  // networks a container shares with the service): this machine's kernel has no IPVS
  // (CONFIG_IP_VS), which service virtual IPs and the routing mesh need. Names of services
  // resolve to their virtual IPs all the same, and that is what isolation hides.
  test('isolation, inside the containers: the storefront reaches checkout but cannot resolve or reach the database or the queue; checkout reaches ' +
    'both tiers', async () => {
    // Positive first, so that a broken DNS cannot pass the negative checks.
    expect(await resolve('storefront', 'checkout')).toHaveLength(1);
    expect(await resolve('storefront', 'tasks.checkout')).toHaveLength(3);
    expect(await get('storefront', 'http://tasks.checkout:8080/healthz')).toBe('checkout\n');
    expect(await resolve('checkout', 'postgres')).toHaveLength(1);
    expect(await get('checkout', 'http://tasks.postgres:5432/')).toBe('postgres\n');
    expect(await get('checkout', 'http://tasks.storefront:8080/')).toBe('storefront\n');
    expect(await get('worker', 'http://tasks.queue:8222/healthz')).toBe('');

    // A name unknown on the container's networks goes to the (unreachable) upstream DNS and
    // times out: the lookups run side by side.
    const hidden: [string, string][] = [
      ['storefront', 'postgres'],
      ['storefront', 'tasks.postgres'],
      ['storefront', 'queue'],
      ['storefront', 'worker'],
      ['worker', 'storefront'],
    ];
    const lookups = await Promise.all(hidden.map(async ([from, name]) => ({ from, name, addresses: await resolve(from, name) })));
    expect(lookups).toEqual(hidden.map(([from, name]) => ({ from, name, addresses: undefined })));
    // Not by address either: the database task's address on the backend network is unreachable from the frontend.
    const [dbTask] = (await resolve('checkout', 'tasks.postgres')) ?? [];
    expect(dbTask).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await get('checkout', `http://${dbTask}:5432/`)).toBe('postgres\n');
    expect(await get('storefront', `http://${dbTask}:5432/`)).toBeUndefined();
  });

  test('per-replica volumes: the queue and the database each have their slot\'s volume', async () => {
    const volumes = await dockerLines(['volume', 'ls', '--format', '{{.Name}}']);
    expect(volumes.filter((v) => v.startsWith(`${MARKETPLACE_STACK}_`)).sort()).toEqual([
      `${MARKETPLACE_STACK}_postgres-data-1`,
      `${MARKETPLACE_STACK}_queue-jetstream-1`,
    ]);
    const owners = await shInEach(svc('queue'), 'cat /data/owner');
    expect(owners.map((o) => o.stdout)).toEqual(owners.map((o) => `slot ${o.slot}\n`));
    expect(owners).toHaveLength(1);
    const mounts = await sh(svc('postgres'), 'cat /proc/mounts');
    expect(mounts.split('\n').some((l) => l.split(' ')[1] === '/var/lib/postgresql/data')).toBe(true);
  });

  test('secrets and identity: the database reads its password file as user 70; the Ingress TLS secret is not part of the stack', async () => {
    expect(await sh(svc('postgres'), 'id -u; cat "$POSTGRES_PASSWORD_FILE"')).toBe(`70\n${DB_PASSWORD_VALUE}`);
    expect(await sh(svc('checkout'), 'echo "$DATABASE_PASSWORD"; cat "$DATABASE_PASSWORD_FILE"')).toBe(`\n${DB_PASSWORD_VALUE}`);
    // Not declared in the deployed stack file: had it been, the deploy (an external secret nobody created) would have failed.
    expect(Object.keys(deployment.compose.secrets ?? {})).toEqual([DB_PASSWORD_SECRET]);
  });

  test('Ingress on Swarm: the storefront publishes 80 → 8080 on the routing mesh and carries the Traefik routing labels', async () => {
    const storefront = await inspectService(svc('storefront'));
    expect(storefront.Endpoint?.Ports).toEqual([{ Protocol: 'tcp', TargetPort: 8080, PublishedPort: 80, PublishMode: 'ingress' }]);
    expect(storefront.Spec.Labels).toMatchObject({
      'traefik.enable': 'true',
      'traefik.http.routers.marketplace_public_0.rule': 'Host(`shop.example.com`) && PathPrefix(`/`)',
      'traefik.http.routers.marketplace_public_0.tls': 'true',
      'traefik.http.services.marketplace_storefront_http.loadbalancer.server.port': '8080',
    });
    // The example's own settings, as the engine holds them.
    const checkout = await inspectService(svc('checkout'));
    expect(checkout.Spec.Mode.Replicated).toEqual({ Replicas: 3 });
    expect(checkout.Spec.UpdateConfig).toMatchObject({ Parallelism: 1, Delay: 10e9, Order: 'start-first' });
    expect((await inspectService(svc('postgres'))).Spec.TaskTemplate.ContainerSpec.StopGracePeriod).toBe(60e9);
  });

  test('docker stack rm removes everything but the named volumes', async () => {
    const left = await step(
      'marketplace: docker stack rm, until everything is gone',
      () => removeStack(MARKETPLACE_STACK, { leftoverServices: [svc('migrate')] }),
    );
    expect(left.volumes).toHaveLength(2);
    if (left.containers.length) await docker(['rm', ...left.containers]);
    await docker(['volume', 'rm', ...left.volumes]);
    await docker(['secret', 'rm', DB_PASSWORD_SECRET]);
    expect(await dockerLines(['ps', '--all', '--quiet'])).toEqual([]);
    expect(await dockerLines(['volume', 'ls', '--quiet'])).toEqual([]);
    expect(await dockerLines(['secret', 'ls', '--quiet'])).toEqual([]);
  });
}
