import { Config, Secret, Stack, Workload } from '../../lib';
import type { WorkloadProps } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const IMAGE_RULE = 'must be an image reference such as "ghcr.io/acme/api:1.4.2"';
const ENV_RULE = 'must be letters, digits and "_", not starting with a digit';
const LABEL_RULE = 'must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
const bad = <T>(x: unknown) => x as T;
const w = (s: Stack, props: Partial<WorkloadProps> = {}) => new Workload(s, 'w', { image: 'busybox:1.36', ...props });

const cases: InvalidCase[] = [
  ['image empty', (s) => w(s, { image: '' }), { path: 's/w', field: 'image', rule: 'must be a non-empty image reference', value: '' }],
  ['image missing', (s) => w(s, { image: bad<string>(undefined) }), { path: 's/w', field: 'image', rule: 'must be a non-empty image reference', value: undefined }],
  ['image upper case', (s) => w(s, { image: 'Nginx:1.27' }), { path: 's/w', field: 'image', rule: IMAGE_RULE, value: 'Nginx:1.27' }],
  ['image with an empty tag', (s) => w(s, { image: 'nginx:' }), { path: 's/w', field: 'image', rule: IMAGE_RULE, value: 'nginx:' }],
  ['image with a space', (s) => w(s, { image: 'nginx 1.27' }), { path: 's/w', field: 'image', rule: IMAGE_RULE, value: 'nginx 1.27' }],
  ['image with a short digest', (s) => w(s, { image: 'nginx@sha256:abc' }), { path: 's/w', field: 'image', rule: IMAGE_RULE, value: 'nginx@sha256:abc' }],
  ['image too long', (s) => w(s, { image: 'a'.repeat(464) }), { path: 's/w', field: 'image', rule: 'must be at most 463 characters', value: 'a'.repeat(464) }],
  ['command a string', (s) => w(s, { command: bad<string[]>('ls -l') }), { path: 's/w', field: 'command', rule: 'must be a list of strings', value: 'ls -l' }],
  ['args not strings', (s) => w(s, { args: bad<string[]>([1, 2]) }), { path: 's/w', field: 'args', rule: 'must be a list of strings', value: [1, 2] }],
  ['workingDir relative', (s) => w(s, { workingDir: 'srv' }), { path: 's/w', field: 'workingDir', rule: 'must be an absolute path', value: 'srv' }],
  ['workingDir with ..', (s) => w(s, { workingDir: '/srv/../etc' }), { path: 's/w', field: 'workingDir', rule: 'must not contain ".." segments', value: '/srv/../etc' }],
  ['workingDir with :', (s) => w(s, { workingDir: '/srv:ro' }), { path: 's/w', field: 'workingDir', rule: 'must not contain ":"', value: '/srv:ro' }],
  ['env name with "-"', (s) => w(s, { env: { 'log-level': 'x' } }), { path: 's/w', field: 'env["log-level"]', rule: ENV_RULE, value: 'log-level' }],
  ['env name starting with a digit', (s) => w(s, { env: { '1X': 'x' } }), { path: 's/w', field: 'env["1X"]', rule: ENV_RULE, value: '1X' }],
  ['env value not a string', (s) => w(s, { env: { PORT: bad<string>(80) } }), { path: 's/w', field: 'env["PORT"]', rule: 'value must be a string', value: 80 }],
  ['addEnv with a bad name', (s) => w(s).addEnv('MY VAR', 'x'), { path: 's/w', field: 'env["MY VAR"]', rule: ENV_RULE, value: 'MY VAR' }],
  ['envFromSecret bad name', (s) => w(s).envFromSecret('db-password', Secret.fromExisting(s, 'db')), { path: 's/w', field: 'envFromSecret', rule: ENV_RULE, value: 'db-password' }],
  ['envFromSecret repeats a literal env name', (s) => w(s, { env: { PW: 'x' } }).envFromSecret('PW', Secret.fromExisting(s, 'db')),
    { path: 's/w', field: 'envFromSecret', rule: 'must not repeat an env name already set', value: 'PW' }],
  ['envFromSecret repeats an env entry of a config taken as env', (s) => w(s).envFromConfig(new Config(s, 'cfg', { env: { PW: 'x' } })).envFromSecret('PW', Secret.fromExisting(s, 'db')),
    { path: 's/w', field: 'envFromSecret', rule: 'must not repeat an env entry of config cfg', value: 'PW' }],
  ['envFromConfig of a config without env entries', (s) => w(s).envFromConfig(new Config(s, 'cfg', { files: { f: 'x' } })),
    { path: 's/w', field: 'envFromConfig', rule: 'the config has no env entries', value: 's/cfg' }],
  ['replicas negative', (s) => w(s, { replicas: -1 }), { path: 's/w', field: 'replicas', rule: 'must be a non-negative integer', value: -1 }],
  ['replicas fractional', (s) => w(s, { replicas: 1.5 }), { path: 's/w', field: 'replicas', rule: 'must be a non-negative integer', value: 1.5 }],
  ['replicas NaN by scale()', (s) => w(s).scale(NaN), { path: 's/w', field: 'replicas', rule: 'must be a non-negative integer', value: NaN }],
  ['replicas above int32', (s) => w(s, { replicas: 2 ** 31 }), { path: 's/w', field: 'replicas', rule: 'must be at most 2147483647 (Kubernetes replicas is a 32-bit integer)', value: 2 ** 31 }],
  ['label key', (s) => w(s, { labels: { 'a b': 'x' } }), { path: 's/w', field: 'labels["a b"]', rule: `key ${LABEL_RULE}`, value: 'a b' }],
  ['label key prefix', (s) => w(s, { labels: { 'Bad_Prefix/x': 'y' } }), { path: 's/w', field: 'labels["Bad_Prefix/x"]', rule: 'key must have a DNS subdomain prefix before "/"', value: 'Bad_Prefix/x' }],
  ['label value', (s) => w(s, { labels: { tier: 'front end' } }), { path: 's/w', field: 'labels["tier"]', rule: `value ${LABEL_RULE}`, value: 'front end' }],
  ['label value too long', (s) => w(s, { labels: { tier: 'x'.repeat(64) } }), { path: 's/w', field: 'labels["tier"]', rule: `value ${LABEL_RULE}`, value: 'x'.repeat(64) }],
  ['annotation key', (s) => w(s, { annotations: { '-x': 'y' } }), { path: 's/w', field: 'annotations["-x"]', rule: `key ${LABEL_RULE}`, value: '-x' }],
  ['annotation value not a string', (s) => w(s, { annotations: { note: bad<string>(true) } }), { path: 's/w', field: 'annotations["note"]', rule: 'value must be a string', value: true }],
];

describe('Workload props: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });

  test('a config from another stack', () => {
    const { app, stack } = newStack('s');
    const other = new Stack(app, 'other');
    new Workload(other, 'x', { image: 'busybox:1.36' });
    w(stack).envFromConfig(new Config(other, 'cfg', { env: { A: 'b' } }));
    expectProblem(app, { path: 's/w', field: 'envFromConfig', rule: 'must belong to the same stack (s); each stack deploys on its own', value: 'other/cfg' });
  });

  test.each(['busybox', 'busybox:1.36', 'library/busybox:latest', 'ghcr.io/acme/api:1.4.2', 'localhost:5000/a/b_c:v1.0-rc.1', `busybox@sha256:${'a'.repeat(64)}`, '[::1]:5000/x:1'])(
    'image %s is valid', (image) => {
      const { app, stack } = newStack('s');
      w(stack, { image });
      expect(() => app.render()).not.toThrow();
    });
});
