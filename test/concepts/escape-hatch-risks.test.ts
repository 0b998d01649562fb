/**
 * Concept: a security relaxation made through an escape hatch
 * (`Swarm.override`, `Kubernetes.customize`, `Kubernetes.addJsonPatch`) is
 * printed as `SECURITY RISK` like the model's own, names the workload, the
 * escape hatch and the key, and is listed in `<stack>.md`; what the model
 * already reports is not reported twice. The Pod Security oracle side is in
 * test/guarantees/pod-security.test.ts.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CronJob, CronJobOnSwarm, Kubernetes, Swarm, Workload } from '../../lib';
import type { SecurityProps, SwarmServiceOverride, Target } from '../../lib';
import { reportWarnings } from '../../lib/synth/app';
import { newStack } from '../support/synth';

const IMAGE = 'busybox:1.36';

/** Renders, and returns the printed SECURITY RISK lines and the stack's `<stack>.md`. */
function risksOf(build: (w: Workload) => void, security?: SecurityProps, targets?: Target[]) {
  const { app, stack } = newStack('s');
  const w = new Workload(stack, 'w', { image: IMAGE, security });
  build(w);
  const out = app.render({ targets });
  const printed: string[] = [];
  reportWarnings(out, (l) => printed.push(l));
  return { risks: printed.filter((l) => l.startsWith('SECURITY RISK: ')), md: out.files.get('s.md')! };
}

// ---- Swarm: the service before and after the override
describe('Swarm.override: each relaxation of a secure default prints one SECURITY RISK naming the workload and the key', () => {
  const cases: [string, SwarmServiceOverride][] = [
    ['privileged', { privileged: true }],
    ['cap_add', { cap_add: ['SYS_ADMIN'] }],
    ['cap_drop', { cap_drop: ['NET_RAW'] }],
    ['cap_drop', { cap_drop: undefined }],
    ['user', { user: '0' }],
    ['user', { user: 'root' }],
    ['user', { user: '0:0' }],
    ['user', { user: 'root:wheel' }],
    ['user', { user: undefined }],
    ['read_only', { read_only: false }],
    ['read_only', { read_only: undefined }],
    ['network_mode', { network_mode: 'host' }],
    ['pid', { pid: 'host' }],
    ['ipc', { ipc: 'host' }],
    ['security_opt', { security_opt: ['seccomp=unconfined'] }],
    ['security_opt', { security_opt: ['seccomp:unconfined'] }],
    ['security_opt', { security_opt: ['apparmor=unconfined'] }],
    ['security_opt', { security_opt: ['apparmor:unconfined'] }],
    ['security_opt', { security_opt: ['no-new-privileges:false'] }],
    ['devices', { devices: ['/dev/fuse:/dev/fuse'] }],
    ['volumes', { volumes: [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' }] }],
    ['volumes', { volumes: ['/etc:/host-etc:ro'] as unknown as SwarmServiceOverride['volumes'] }],
    ['sysctls', { sysctls: { 'net.core.somaxconn': '1024' } }],
    ['sysctls', { sysctls: ['net.ipv4.ip_forward=1'] }],
  ];
  test.each(cases)('%s: %j', (key, fields) => {
    const { risks, md } = risksOf((w) => Swarm.override(w, fields));
    expect(risks).toHaveLength(1);
    expect(risks[0]).toMatch(new RegExp(`^SECURITY RISK: s/w: Swarm\\.override\\.${key}: \\S`));
    // The same message in <stack>.md, under "Security risks".
    const message = risks[0].slice(`SECURITY RISK: s/w: Swarm.override.${key}: `.length);
    expect(md.slice(md.indexOf('**Security risks**'))).toContain(`- \`w\` Swarm.override.${key}: ${message}`);
  });

  test('harmless overrides (image, command, labels, endpoint_mode, resources, health, env, a non-root user) print none', () => {
    const { risks, md } = risksOf((w) => Swarm.override(w, {
      image: 'registry.local/w:2', entrypoint: ['/bin/sh', '-c'], command: ['sleep 1'], labels: { team: 'a' },
      environment: { A: '1' }, user: '10002:10002', cap_drop: ['ALL', 'NET_RAW'], security_opt: ['no-new-privileges:true'],
      healthcheck: { test: ['CMD', 'true'], interval: '5s' },
      volumes: [{ type: 'tmpfs', target: '/tmp' }, { type: 'volume', source: 'data', target: '/data' }],
      deploy: { endpoint_mode: 'dnsrr', labels: { a: 'b' }, resources: { limits: { cpus: '1', memory: '64M' } } },
    }));
    expect(risks).toEqual([]);
    expect(md).not.toContain('**Security risks**');
  });

  test('what the model already reports is not reported again (security.user 0, then an override of the image and user)', () => {
    const { risks } = risksOf((w) => Swarm.override(w, { image: 'x:1', user: 'root' }), { user: 0 });
    expect(risks).toEqual([expect.stringMatching(/^SECURITY RISK: s\/w: security\.user: /)]);
  });

  test('the image\'s user from the model (its own risk), then an override setting root: both, the override\'s naming root', () => {
    const { risks } = risksOf((w) => Swarm.override(w, { user: '0:0' }), { user: 'image' });
    expect(risks).toEqual([
      expect.stringMatching(/^SECURITY RISK: s\/w: security\.user: /),
      'SECURITY RISK: s/w: Swarm.override.user: runs as root (user 0:0): a container escape starts as root on the node',
    ]);
  });

  test('a writable root filesystem from the model, then read_only removed: only the model\'s risk', () => {
    const { risks } = risksOf((w) => Swarm.override(w, { read_only: undefined }), { readOnlyRootFilesystem: false });
    expect(risks).toEqual([expect.stringMatching(/^SECURITY RISK: s\/w: security\.readOnlyRootFilesystem: /)]);
  });

  test('several relaxations in one override: one risk each, in a stable order', () => {
    const { risks } = risksOf((w) => Swarm.override(w, { privileged: true, network_mode: 'host', cap_add: ['NET_ADMIN'] }));
    expect(risks.map((l) => l.split(': ')[2])).toEqual(['Swarm.override.privileged', 'Swarm.override.cap_add', 'Swarm.override.network_mode']);
  });
});

// ---- Kubernetes: the pod templates as written, against the same stack without escape hatches
describe('Kubernetes escape hatches: each Pod Security relaxation they make prints a SECURITY RISK', () => {
  const K = 'Kubernetes escape hatch: spec.template.spec';

  test('customize() setting privileged on the container', () => {
    const { risks, md } = risksOf((w) => Kubernetes.customize(w, ({ workload }) => {
      ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true));
    }), undefined, ['kubernetes']);
    expect(risks).toEqual([`SECURITY RISK: s/w: ${K}.containers[main].securityContext.privileged: `
      + 'container main runs privileged: every capability and every device of the node']);
    expect(md).toContain(`- \`w\` ${K}.containers[main].securityContext.privileged: container main runs privileged`);
  });

  test('customize() setting hostNetwork', () => {
    const { risks } = risksOf((w) => Kubernetes.customize(w, ({ workload }) => {
      ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
    }), undefined, ['kubernetes']);
    expect(risks).toEqual([`SECURITY RISK: s/w: ${K}.hostNetwork: shares the node's network stack (hostNetwork: true)`]);
  });

  test('customize() adding a hostPath volume through the cdk8s-plus API', () => {
    const { risks } = risksOf((w) => Kubernetes.customize(w, ({ chart, workload }) => {
      const logs = kplus.Volume.fromHostPath(chart, 'node-logs', 'node-logs', { path: '/var/log' });
      workload.containers[0].mount('/node-logs', logs);
    }), undefined, ['kubernetes']);
    expect(risks).toEqual([expect.stringMatching(new RegExp(`^SECURITY RISK: s/w: ${esc(K)}\\.volumes\\[node-logs\\]\\.hostPath: .*/var/log`))]);
  });

  test('addJsonPatch() setting runAsUser 0', () => {
    const { risks } = risksOf((w) => Kubernetes.addJsonPatch(w,
      JsonPatch.replace('/spec/template/spec/containers/0/securityContext/runAsUser', 0)), undefined, ['kubernetes']);
    expect(risks).toEqual([`SECURITY RISK: s/w: ${K}.containers[main].securityContext.runAsUser: container main runs as root (runAsUser 0)`]);
  });

  test('addJsonPatch() setting runAsNonRoot false on the pod: a violation even where containers say true (pod-security-admission)', () => {
    const { risks } = risksOf((w) => Kubernetes.addJsonPatch(w, JsonPatch.add('/spec/template/spec/securityContext/runAsNonRoot', false)),
      undefined, ['kubernetes']);
    expect(risks).toEqual([`SECURITY RISK: s/w: ${K}.securityContext.runAsNonRoot: lets every container run as root (runAsNonRoot false)`]);
  });

  test('addJsonPatch() on a CronJob names the field under its job template', () => {
    const { app, stack } = newStack('s');
    const c = new CronJob(stack, 'nightly', { image: IMAGE, schedule: '0 3 * * *', onSwarm: CronJobOnSwarm.OMIT });
    Kubernetes.addJsonPatch(c, JsonPatch.add('/spec/jobTemplate/spec/template/spec/hostPID', true));
    expect(app.render().risks).toEqual([{
      path: 's/nightly',
      field: 'Kubernetes escape hatch: spec.jobTemplate.spec.template.spec.hostPID',
      message: 'shares the node\'s process table (hostPID: true)',
    }]);
  });

  test('no double report: security.user 0 and an escape hatch that changes nothing of security print the model\'s one risk', () => {
    const { risks } = risksOf((w) => {
      Kubernetes.customize(w, ({ workload }) => ApiObject.of(workload).metadata.addAnnotation('example.com/a', 'b'));
      Kubernetes.addJsonPatch(w, JsonPatch.replace('/spec/template/spec/containers/0/securityContext/runAsUser', 0));
    }, { user: 0 });
    expect(risks).toEqual([expect.stringMatching(/^SECURITY RISK: s\/w: security\.user: /)]);
  });

  test('harmless customizations (annotations, priorityClassName, resources) print none', () => {
    const { risks } = risksOf((w) => {
      Kubernetes.customize(w, ({ workload }) => ApiObject.of(workload).metadata.addAnnotation('example.com/a', 'b'));
      Kubernetes.addJsonPatch(w, JsonPatch.add('/spec/template/spec/priorityClassName', 'high'),
        JsonPatch.add('/spec/template/spec/containers/0/resources', { limits: { memory: '64Mi' } }));
    });
    expect(risks).toEqual([]);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
