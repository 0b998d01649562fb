import { Config, Secret, Stack, Volume, Workload } from '../../lib';
import { InvalidCase, testBadInput } from '../support/oracle';

const w = (s: Stack) => new Workload(s, 'w', { image: 'busybox:1.36' });
const otherStack = (s: Stack) => {
  const other = new Stack(s.node.scope!, 'other');
  new Workload(other, 'x', { image: 'busybox:1.36' });
  return other;
};
const MEMORY_RULE = 'must be a whole number with a Kubernetes suffix (Ki, Mi, Gi, Ti, k, M, G, T), e.g. "256Mi"';

const cases: InvalidCase[] = [
  ['relative path', (s) => w(s).mountScratch('tmp'), { path: 's/w', field: 'mounts[0].path', rule: 'must be an absolute path', value: 'tmp' }],
  [
    'path with ..',
    (s) => w(s).mountVolume('/data/../etc', new Volume(s, 'v')),
    { path: 's/w', field: 'mounts[0].path', rule: 'must not contain ".." segments', value: '/data/../etc' },
  ],
  ['path with :', (s) => w(s).mountScratch('/cache:rw'), { path: 's/w', field: 'mounts[0].path', rule: 'must not contain ":"', value: '/cache:rw' }],
  [
    'two mounts at one path',
    (s) => w(s).mountScratch('/tmp').mountScratch('/tmp/'),
    { path: 's/w', field: 'mounts[1].path', rule: 'must not mount two things at the same path', value: '/tmp/' },
  ],
  ['a file the config does not have', (s) => w(s).mountConfig(new Config(s, 'cfg', { files: { 'a.conf': 'a' } }), '/etc/b.conf', { file: 'b.conf' }),
    { path: 's/w', field: 'mounts[0].file', rule: 'must be a file of config cfg (a.conf)', value: 'b.conf' }],
  ['a config without files as a directory', (s) => w(s).mountConfig(new Config(s, 'cfg', { env: { A: 'b' } }), '/etc/app'),
    { path: 's/w', field: 'mounts[0].config', rule: 'the config has no files to mount', value: 's/cfg' }],
  ['a config of another stack', (s) => w(s).mountConfig(new Config(otherStack(s), 'cfg', { files: { f: 'x' } }), '/etc/app'),
    { path: 's/w', field: 'mounts[0].config', rule: 'must belong to the same stack (s)', value: 'other/cfg' }],
  ['a secret of another stack', (s) => w(s).mountSecret(Secret.fromExisting(otherStack(s), 'pw')),
    { path: 's/w', field: 'mounts[0].secret', rule: 'must belong to the same stack (s)', value: 'other/pw' }],
  ['a volume of another stack', (s) => w(s).mountVolume('/data', new Volume(otherStack(s), 'data')),
    { path: 's/w', field: 'mounts[0].volume', rule: 'must belong to the same stack (s)', value: 'other/data' }],
  [
    'a secret path that is relative',
    (s) => w(s).mountSecret(Secret.fromExisting(s, 'pw'), { path: 'pw' }),
    { path: 's/w', field: 'mounts[0].path', rule: 'must be an absolute path', value: 'pw' },
  ],
  [
    'scratch sizeLimit not a quantity',
    (s) => w(s).mountScratch('/tmp', { sizeLimit: '64MB' }),
    { path: 's/w', field: 'mounts[0].sizeLimit', rule: MEMORY_RULE, value: '64MB' },
  ],
  [
    'scratch sizeLimit not whole mebibytes',
    (s) => w(s).mountScratch('/tmp', { sizeLimit: '1500k' }),
    { path: 's/w', field: 'mounts[0].sizeLimit', rule: 'must be a whole number of mebibytes (e.g. "64Mi")', value: '1500k' },
  ],
];

describe('mounts: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});
