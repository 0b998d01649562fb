/**
 * Every bug the property-based tests (fuzz.test.ts) found, as the
 * counterexample that showed it, shrunk by hand to what matters. Each was
 * fixed in lib/ (see docs/guarantees.md, "Bugs the fuzzer found"); the
 * entry keeps it fixed. A new counterexample goes here as printed.
 */
import { ValidationError } from '../../lib';
import type { ExpectedProblem } from '../support/oracle';
import { checkRendered, DockerBatch } from './support/properties';
import { AppSpec, buildApp, WorkloadSpec } from './support/spec';

const app = (...workloads: WorkloadSpec[]): AppSpec => ({ stacks: [{ name: 's', workloads }] });
const w = (props: Record<string, unknown>, more: Partial<WorkloadSpec> = {}): WorkloadSpec => ({
  kind: 'deployment',
  name: 'w',
  props: { image: 'busybox:1.36', ...props },
  ...more,
});

interface Refused { readonly bug: string; readonly spec: AppSpec; readonly problems: readonly ExpectedProblem[] }

const REFUSED: Refused[] = [
  { bug: 'an empty env value: docker stack deploy fills it from the deploying shell (PATH, or a CI secret, leaked into the service)',
    spec: app(w({ env: { PATH: '' } })),
    problems: [
      {
        path: 's/w',
        field: 'env["PATH"]',
        rule: 'has no swarm form: docker stack deploy fills an empty environment value from the environment of the shell that deploys',
      },
    ] },
  { bug: 'an empty env value of a config taken as env, and of a sidecar',
    spec: {
      stacks: [
        {
          name: 's',
          configs: [{ name: 'c', props: { env: { A: '' } } }],
          workloads: [w({ sidecars: [{ name: 'x', image: 'busybox:1.36', env: { B: '' } }] }, { envFromConfig: [{ stack: 's', name: 'c' }] })],
        },
      ],
    },
    problems: [
      { path: 's/w', field: 'envFromConfig', rule: 'has no swarm form: docker stack deploy fills an empty environment value' },
      { path: 's/w', field: 'sidecars[0].env["B"]', rule: 'has no swarm form: docker stack deploy fills an empty environment value' },
    ] },
  { bug: 'a node label key with "/" (swarmkit refuses the constraint key)',
    spec: app(w({ placement: { nodeLabels: { 'example.com/disk': 'ssd' } } })),
    problems: [
      {
        path: 's/w',
        field: 'placement.nodeLabels["example.com/disk"]',
        rule: 'has no swarm form: a Swarm constraint cannot test a label key with "/"',
      },
    ] },
  { bug: 'an empty node label value (swarmkit refuses the constraint value)',
    spec: app(w({ placement: { nodeLabels: { disk: '' } } })),
    problems: [
      { path: 's/w', field: 'placement.nodeLabels["disk"]', rule: 'has no swarm form: a Swarm constraint cannot test for an empty label value' },
    ] },
  { bug: 'a per-replica volume named like the pod volume of a mount (the StatefulSet puts its claim in place of the scratch dir)',
    spec: app({
      kind: 'stateful',
      name: 'db',
      props: { image: 'busybox:1.36', ports: [{ port: 5432 }] },
      mounts: [{ kind: 'scratch', path: '/tmp' }],
      perReplicaVolumes: [{ path: '/data', name: 'scratch-0' }],
    }),
    problems: [
      { path: 's/db', field: 'perReplicaVolumes[0].name', rule: 'must not be the name of the pod volume of one of its mounts', value: 'scratch-0' },
    ] },
  { bug: 'a spreadBy key that is not a string (a TypeError in validation)',
    spec: app(w({ placement: { spreadBy: ['zone', undefined] } })),
    problems: [{ path: 's/w', field: 'placement.spreadBy', rule: 'key must be a string', value: undefined }] },
  { bug: 'a capability twice (the Compose schema and docker refuse duplicate cap_add items)',
    spec: app(w({ security: { addCapabilities: ['CHOWN', 'CHOWN'] } })),
    problems: [{ path: 's/w', field: 'security.addCapabilities', rule: 'must not repeat a capability', value: 'CHOWN' }] },
  { bug: 'security switches that are not booleans (rendered as strings: schema errors on both targets)',
    spec: app(
      w({
        security: { readOnlyRootFilesystem: 'yes', allowPrivilegeEscalation: 0 },
        sidecars: [{ name: 'x', image: 'busybox:1.36', security: { readOnlyRootFilesystem: null } }],
      }),
    ),
    problems: [
      { path: 's/w', field: 'security.readOnlyRootFilesystem', rule: 'must be true or false', value: 'yes' },
      { path: 's/w', field: 'security.allowPrivilegeEscalation', rule: 'must be true or false', value: 0 },
      { path: 's/w', field: 'sidecars[0].security.readOnlyRootFilesystem', rule: 'must be true or false', value: null },
    ] },
  { bug: 'mountSecret(undefined): a TypeError while the app was defined',
    spec: app(w({}, { mounts: [{ kind: 'secret' } as never] })),
    problems: [{ path: 's/w', field: 'mounts[0].secret', rule: 'must be a Secret defined in stack s', value: undefined }] },
  { bug: 'values that RegExp.test turned into strings ("null", "1.5", "5") and let through: storage class, time zone, stop signal, secret key, env ' +
    'name',
    spec: { stacks: [{ name: 's', secrets: [{ name: 'pw', key: 5 as never }], workloads: [
      {
        kind: 'stateful',
        name: 'db',
        props: { image: 'busybox:1.36', ports: [{ port: 5432 }], lifecycle: { stopSignal: null } },
        perReplicaVolumes: [{ path: '/data', name: 'data', props: { storageClass: 1.5 } }],
      },
      {
        kind: 'cron',
        name: 'c',
        props: { image: 'busybox:1.36', schedule: '0 2 * * *', onSwarm: 'omit', timeZone: 5 },
        envFromSecret: [{ name: null as never, secret: { stack: 's', name: 'pw' } }],
      },
    ] }] },
    problems: [
      { path: 's/pw', field: 'key', rule: 'a Secret key', value: 5 },
      { path: 's/db', field: 'perReplicaVolumes[0].storageClass', rule: 'must be a DNS subdomain name', value: 1.5 },
      { path: 's/db', field: 'lifecycle.stopSignal', rule: 'must be a signal name', value: null },
      { path: 's/c', field: 'timeZone', rule: 'must be an IANA time zone', value: 5 },
      { path: 's/c', field: 'envFromSecret', rule: 'must be letters, digits and "_"', value: null },
    ] },
  { bug: 'a volume driver option that is not a string (the Compose schema and docker refuse it)',
    spec: { stacks: [{ name: 's', volumes: [{ name: 'v', props: { driverOptions: { type: null } } }], workloads: [w({})] }] },
    problems: [{ path: 's/v', field: 'driverOptions["type"]', rule: 'must be a non-empty option name with a string value', value: null }] },
  { bug: 'mount switches that are not booleans (read_only: "no" in the stack file)',
    spec: {
      stacks: [
        {
          name: 's',
          volumes: [{ name: 'v' }],
          workloads: [
            w({}, {
              mounts: [
                { kind: 'volume', ref: { stack: 's', name: 'v' }, path: '/data', readOnly: 'no' as never },
                { kind: 'scratch', path: '/tmp', inMemory: 1 as never },
              ],
            }),
          ],
        },
      ],
    },
    problems: [
      { path: 's/w', field: 'mounts[0].readOnly', rule: 'must be true or false', value: 'no' },
      { path: 's/w', field: 'mounts[1].inMemory', rule: 'must be true or false', value: 1 },
    ] },
  { bug: 'one Ingress with a host and path twice, as Exact and as Prefix (cdk8s-plus threw "there is already an ingress rule")',
    spec: {
      stacks: [
        {
          name: 's',
          workloads: [w({ ports: [{ port: 80 }] })],
          ingresses: [
            {
              name: 'i',
              rules: [
                { host: 'x.example.org', path: '/x/y/', pathType: 'Exact', workload: 'w' },
                { host: 'x.example.org', path: '/x/y/', workload: 'w' },
              ],
            },
          ],
        },
      ],
    },
    problems: [{ path: 's/i', field: 'rules[1]', rule: 'must not repeat a host and path of this Ingress', value: 'x.example.org/x/y/' }] },
  // Found by the oracles written for the fuzzer (swarmkit's rules), before a model hit them:
  { bug: 'an empty config file (swarmkit: "config data must be larger than 0")',
    spec: { stacks: [{ name: 's', configs: [{ name: 'c', props: { files: { 'a.conf': '' } } }], workloads: [w({})] }] },
    problems: [{ path: 's/c', field: 'files["a.conf"]', rule: 'has no swarm form: a Swarm config holds at least one byte' }] },
  { bug: 'a memory request below 4Mi (swarmkit refuses the reservation)',
    spec: app(w({ resources: { memory: { request: '2Mi' } } })),
    problems: [{ path: 's/w', field: 'resources.memory.request', rule: 'has no swarm form: a Swarm memory reservation must be at least 4Mi' }] },
  { bug: 'a config mounted as a directory whose file is also another mount\'s path (one Swarm mount per file)',
    spec: {
      stacks: [
        {
          name: 's',
          configs: [{ name: 'c', props: { files: { 'a.conf': 'a' } } }],
          workloads: [
            w({}, { mounts: [{ kind: 'config', ref: { stack: 's', name: 'c' }, path: '/etc/app' }, { kind: 'scratch', path: '/etc/app/a.conf' }] }),
          ],
        },
      ],
    },
    problems: [
      {
        path: 's/w',
        field: 'mounts[1].path',
        rule: 'on Swarm each file of a config mounted as a directory is a mount of its own',
        value: '/etc/app/a.conf',
      },
    ] },
  { bug: 'one service publishing a port twice (host-mode port 30080 and a node port 30080)',
    spec: app(w({ ports: [{ port: 30080, exposure: 'load-balancer', publishMode: 'host' }, { port: 80, exposure: 'node-port', nodePort: 30080 }] })),
    problems: [{ path: 's/w', field: 'ports[1]', rule: 'must not publish port 30080/tcp twice', value: 30080 }] },
  { bug: 'a host-mode port of one service on the ingress port of another',
    spec: app(w({ ports: [{ port: 80, exposure: 'load-balancer' }] }), {
      ...w({ ports: [{ port: 80, exposure: 'load-balancer', publishMode: 'host' }] }),
      name: 'v',
    }),
    problems: [{ path: 's/v', field: 'ports[0]', rule: 'must not publish port 80/tcp, which s/w publishes', value: 80 }] },
];

describe.each(REFUSED.map((r) => [r.bug, r] as const))('refused: %s', (_, r) => {
  test('a ValidationError with exactly these problems', () => {
    let error: unknown;
    try {
      buildApp(r.spec).render({ targets: r.spec.targets });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems;
    expect(problems).toHaveLength(r.problems.length);
    for (const e of r.problems) {
      expect(problems).toContainEqual(
        expect.objectContaining({ path: e.path, field: e.field, rule: expect.stringContaining(e.rule), ...('value' in e ? { value: e.value } : {}) }),
      );
    }
  });
});

test('an empty env value and node labels Swarm cannot test are fine on Kubernetes alone', () => {
  for (const spec of [app(w({ env: { PATH: '' } })), app(w({ placement: { nodeLabels: { 'example.com/disk': '' } } }))]) {
    expect(() => buildApp(spec).render({ targets: ['kubernetes'] })).not.toThrow();
  }
});

describe('rendered, and valid on every oracle (the docker CLI included)', () => {
  const ACCEPTED: [string, AppSpec][] = [
    // Written plain, these strings are numbers to Go (kubectl's yaml.v2, the docker CLI's yaml.v3):
    // `docker stack config` refused "services.w.entrypoint.2 must be a string".
    ['strings that Go reads as numbers unless quoted', app(w({
      command: ['0o17', '1e3', '0b1_0', '1_000', '+1', '.5', '0x1F', '12:30', '2024-01-01'],
      args: ['1E-3', '-0o7'],
      env: { A: '0o17', B: '1e3', C: '1_000' },
      annotations: { note: '0o17' },
    }))],
    // The order-independent output and the oracles on a name at its exact Swarm budget (30 + 1 + 32 = 63).
    [
      'names exactly at their budgets',
      {
        stacks: [{ name: 's'.repeat(30), workloads: [{ kind: 'deployment', name: 'w'.repeat(32), props: { image: 'busybox:1.36', sidecars: [] } }] }],
      },
    ],
  ];

  test.each(ACCEPTED)('%s', async (_, spec) => {
    const batch = new DockerBatch();
    try {
      expect(checkRendered(spec, buildApp(spec), batch)).toEqual([]);
      expect(await batch.run()).toEqual([]);
    } finally {
      batch.dispose();
    }
  });
});

test('a name that is not a string is refused where the app defines it, not as a crash of the construct tree', () => {
  expect(() => buildApp({ stacks: [{ name: 42 as never, workloads: [w({})] }] })).toThrow(
    /^\(app\): id: must be a non-empty string, the name of the new construct \(got 42\)$/,
  );
  expect(() => buildApp(app({ ...w({}), name: null as never }))).toThrow(
    /^s: id: must be a non-empty string, the name of the new construct \(got null\)$/,
  );
});
