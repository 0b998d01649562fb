/**
 * Guarantee: every workload runs with the documented security defaults
 * unless the app overrode a field explicitly, on both targets:
 *
 * - Kubernetes pod: runAsNonRoot, runAsUser/runAsGroup/fsGroup 10001,
 *   seccompProfile RuntimeDefault, automountServiceAccountToken false
 *   (true only with apiAccess);
 * - Kubernetes containers: runAsNonRoot, runAsUser/runAsGroup 10001,
 *   readOnlyRootFilesystem, allowPrivilegeEscalation false, privileged
 *   false, capabilities drop ALL and add nothing;
 * - Swarm services: user "10001:10001", read_only, cap_drop [ALL], no cap_add.
 *
 * Checked here on every workload of every example app, and on every
 * generated model by the round trip of fuzz.test.ts. The overrides of the
 * examples are listed below, so that a new one is a visible change.
 */
import { App } from '../../lib';
import type { WorkloadBase } from '../../lib';
import { environmentOf } from '../../lib/synth/environment';
import { defineExamples } from '../../apps';
import { parseOutput } from './support/check-output';
import { containerSecurityErrors, expectedSecurity, podSecurityErrors, SECURITY_DEFAULTS, serviceSecurityErrors } from './support/security';

const KINDS = { deployment: 'Deployment', stateful: 'StatefulSet', daemon: 'DaemonWorkload', job: 'Job', cron: 'CronJob' } as const;

const app = defineExamples(new App());
const out = app.render();
const parsed = parseOutput(out.files);
const workloads: WorkloadBase[] = out.stacks.flatMap((s) => s.workloads);

function objects(w: WorkloadBase) {
  const env = environmentOf(w);
  const stack = w.stackName;
  const prefix = env ? `${env}/` : '';
  const kind = w.kind === 'daemon' ? 'DaemonSet' : KINDS[w.kind];
  const kube = parsed.kube.get(`${prefix}kubernetes/${stack}/${stack}.k8s.yaml`)!.find((o) => o.kind === kind && o.metadata.name === w.name);
  const pod = kube?.kind === 'CronJob' ? kube.spec.jobTemplate.spec.template : kube?.spec.template;
  const compose = parsed.compose.get(`${prefix}swarm/${stack}/compose.yaml`)!;
  return { pod, services: compose.services };
}

test('the examples have workloads of every kind to check', () => {
  expect(new Set(workloads.map((w) => w.kind))).toEqual(new Set(['deployment', 'stateful', 'daemon', 'job', 'cron']));
});

test('the security overrides of the example workloads (a new one must show up here)', () => {
  const overrides = Object.fromEntries(workloads.map((w) => [w.node.path, w.securityOverrides]).filter(([, o]) => o.length > 0));
  expect(overrides).toEqual({
    // postgres (alpine) runs as its own user 70:70.
    'marketplace/postgres': ['group', 'user'],
    'shop/db': ['group', 'user'],
  });
});

describe.each(workloads.map((w) => [w.node.path, w] as const))('%s', (_, w) => {
  const expected = expectedSecurity(w.givenProps.security as Record<string, unknown> | undefined);
  const { pod, services } = objects(w);

  test('is checked against the defaults, or the fields it overrides', () => {
    const differing = Object.keys(SECURITY_DEFAULTS).filter(
      (k) => JSON.stringify(expected[k as keyof typeof expected]) !== JSON.stringify(SECURITY_DEFAULTS[k as keyof typeof SECURITY_DEFAULTS]),
    );
    expect(differing.every((k) => w.securityOverrides.includes(k))).toBe(true);
  });

  test('Kubernetes: pod and container security contexts', () => {
    expect(pod).toBeDefined();
    const errors = [
      ...podSecurityErrors(w.node.path, pod, expected, w.apiAccess.length > 0),
      ...containerSecurityErrors(`${w.node.path} main`, pod.spec.containers.find((c: any) => c.name === 'main'), expected),
      ...[...(w.givenProps.sidecars ?? []), ...(w.givenProps.initContainers ?? [])].flatMap((h) => containerSecurityErrors(`${w.node.path} ${h.name}`,
        [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c: any) => c.name === h.name), expectedSecurity(h.security as never))),
    ];
    expect(errors).toEqual([]);
  });

  test('Swarm: user, read_only, cap_drop and cap_add of its services', () => {
    expect(serviceSecurityErrors(w.node.path, services[w.name], expected)).toEqual([]);
  });
});
