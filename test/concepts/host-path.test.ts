import { App, DaemonWorkload, Stack, Workload } from '../../lib';
import type { HostPathOptions } from '../../lib';
import { summarize } from '../../lib/cli/summary';
import { reportWarnings } from '../../lib/synth/app';
import { InvalidCase, renderChecked, stackConfig, testBadInput } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

const image = 'busybox:1.36';
const RISK = 'reads the node\'s /var/log at /host/log (Kubernetes hostPath, Swarm bind mount): a container escape or a bug there reaches the host';

function shipper(strict = false) {
  const app = new App({ strict });
  const stack = new Stack(app, 's');
  new DaemonWorkload(stack, 'logs', { image })
    .mountHostPath('/host/log', '/var/log', { allowHostAccess: true, readOnly: true })
    .mountHostPath('/run/docker.sock', '/var/run/docker.sock', { allowHostAccess: true });
  new Workload(stack, 'web', { image });
  return app;
}

describe('mountHostPath (opt-in) → Kubernetes hostPath / Swarm bind', () => {
  test('a hostPath volume per mount, read-only when asked', () => {
    const ds = findObject(renderChecked(shipper()).kube, 'DaemonSet', 'logs');
    expect(ds.spec.template.spec.volumes).toEqual([
      { name: 'host-0', hostPath: { path: '/var/log', type: '' } },
      { name: 'host-1', hostPath: { path: '/var/run/docker.sock', type: '' } },
    ]);
    expect(ds.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'host-0', mountPath: '/host/log', readOnly: true },
      { name: 'host-1', mountPath: '/run/docker.sock', readOnly: false },
    ]);
  });

  test('Swarm: a bind mount per mount; docker stack config loads it', () => {
    const { compose, files } = renderChecked(shipper());
    expect(compose.services.logs.volumes).toEqual([
      { type: 'bind', source: '/var/log', target: '/host/log', read_only: true },
      { type: 'bind', source: '/var/run/docker.sock', target: '/run/docker.sock' },
    ]);
    expect(compose.volumes).toBeUndefined();
    const r = stackConfig(files, 's');
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/type: bind\n\s+source: \/var\/log\n\s+target: \/host\/log\n\s+read_only: true/);
  });
});

describe('host path mounts are security risks', () => {
  test('render() lists them in `risks` (not gaps); synth prints them; strict mode does not make them errors', () => {
    const out = shipper(true).render();
    expect(out.risks).toEqual([
      { path: 's/logs', field: 'mounts[0]', message: RISK },
      {
        path: 's/logs',
        field: 'mounts[1]',
        message: 'reads and writes the node\'s /var/run/docker.sock at /run/docker.sock (Kubernetes hostPath, Swarm bind mount): a container ' +
          'escape or a bug there reaches the host',
      },
    ]);
    expect(out.gaps).toEqual([]);
    const lines: string[] = [];
    reportWarnings(out, (l) => lines.push(l));
    expect(lines[0]).toBe(`SECURITY RISK: s/logs: mounts[0]: ${RISK}`);
    expect(lines).toHaveLength(2);
  });

  test('the CLI summary counts them, and the stack summary lists them under Security', () => {
    const out = shipper().render();
    expect(summarize(out, 'dist', [], out.files.size).split('\n')[0]).toMatch(/^s: kubernetes .*; swarm 2 services; 2 security risks$/);
    const md = out.files.get('s.md')!;
    expect(md).toContain('**Security risks** (each one an explicit opt-in, printed as SECURITY RISK by synth):');
    expect(md).toContain(`- \`logs\` mounts[0]: ${RISK}`);
    expect(md).toContain(
      '- `logs` mounts[1]: reads and writes the node\'s /var/run/docker.sock at /run/docker.sock (Kubernetes hostPath, Swarm bind mount)',
    );
  });

  test('a stack without host paths has no risks and an unchanged summary', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'web', { image });
    const out = app.render();
    expect(out.risks).toEqual([]);
    expect(out.files.get('s.md')).not.toContain('Security risks');
  });

  test('render({ stacks }) reports the risks of the rendered stacks only', () => {
    const app = shipper();
    new Workload(new Stack(app, 'other'), 'w', { image });
    expect(app.render({ stacks: ['other'] }).risks).toEqual([]);
    expect(app.render({ stacks: ['s'] }).risks).toHaveLength(2);
  });
});

const host = (hostPath: string, options: unknown = { allowHostAccess: true }, path = '/data'): InvalidCase[1] => (s) => {
  new Workload(s, 'w', { image }).mountHostPath(path, hostPath, options as HostPathOptions);
};

const cases: InvalidCase[] = [
  [
    'no opt-in',
    host('/var/log', {}),
    {
      path: 's/w',
      field: 'mounts[0].allowHostAccess',
      rule: 'must be true: a host path mount gives the container access to the node\'s filesystem, so it needs an explicit opt-in',
      value: undefined,
    },
  ],
  [
    'opt-in false',
    host('/var/log', { allowHostAccess: false }),
    { path: 's/w', field: 'mounts[0].allowHostAccess', rule: 'must be true', value: false },
  ],
  ['a relative host path', host('var/log'), { path: 's/w', field: 'mounts[0].hostPath', rule: 'must be an absolute path', value: 'var/log' }],
  [
    '".." in the host path',
    host('/var/../etc'),
    { path: 's/w', field: 'mounts[0].hostPath', rule: 'must not contain ".." segments', value: '/var/../etc' },
  ],
  [
    '":" in the host path (Swarm mount syntax)',
    host('/a:b'),
    { path: 's/w', field: 'mounts[0].hostPath', rule: 'must not contain ":"', value: '/a:b' },
  ],
  ['the node\'s root', host('/'), { path: 's/w', field: 'mounts[0].hostPath', rule: 'must not be "/" (the node\'s whole filesystem)', value: '/' }],
  [
    'a relative container path',
    host('/var/log', { allowHostAccess: true }, 'data'),
    { path: 's/w', field: 'mounts[0].path', rule: 'must be an absolute path', value: 'data' },
  ],
  ['two mounts at one path', (s) => {
    new Workload(s, 'w', { image }).mountScratch('/data').mountHostPath('/data/', '/srv', { allowHostAccess: true });
  }, { path: 's/w', field: 'mounts[1].path', rule: 'must not mount two things at the same path', value: '/data/' }],
];

describe('mountHostPath: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});
