import { Secret, Workload } from '../../lib';
import type { PlaintextSecretProps } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const ACK = 'the value is written to dist in plaintext' as const;
const bad = <T>(x: unknown) => x as T;
const plaintext = (props: PlaintextSecretProps, id = 'token'): InvalidCase[1] => (s) => {
  new Workload(s, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.unsafePlaintext(s, id, props));
};

const cases: InvalidCase[] = [
  ['fromExisting with a bad key', (s) => new Workload(s, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(s, 'tls', { key: 'tls/key' })),
    { path: 's/tls', field: 'key', rule: 'must be letters, digits, "-", "_" or "." (a Secret key)', value: 'tls/key' }],
  ['fromExisting with an empty key', (s) => new Workload(s, 'w', { image: 'busybox:1.36' }).mountSecret(Secret.fromExisting(s, 'tls', { key: '' })),
    { path: 's/tls', field: 'key', rule: 'a Secret key', value: '' }],
  ['plaintext without the acknowledgement', plaintext({ value: 'x', acknowledge: bad<typeof ACK>('yes') }),
    { path: 's/token', field: 'acknowledge', rule: 'must be exactly "the value is written to dist in plaintext"', value: 'yes' }],
  ['plaintext with an empty value', plaintext({ value: '', acknowledge: ACK }), { path: 's/token', field: 'value', rule: 'must be a non-empty string' }],
  ['plaintext with a value that is not a string', plaintext({ value: bad<string>(42), acknowledge: ACK }), { path: 's/token', field: 'value', rule: 'must be a non-empty string' }],
];

describe('Secret props: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });

  test('a plaintext secret whose Swarm name (<stack>_<name>-<hash>) exceeds 64 characters', () => {
    const stackName = 'a'.repeat(20);
    const { app, stack } = newStack(stackName);
    plaintext({ value: 'x', acknowledge: ACK }, 't'.repeat(40))(stack);
    expectProblem(app, { path: `${stackName}/${'t'.repeat(40)}`, field: 'name', rule: 'must be at most 64 characters', value: 't'.repeat(40) });
  });

  test('the value of a plaintext secret never appears in a problem', () => {
    const { app, stack } = newStack('s');
    plaintext({ value: 'hunter2-very-secret', acknowledge: bad<typeof ACK>('no') })(stack);
    expect(() => app.render()).toThrow(/acknowledge/);
    expect(() => app.render()).not.toThrow(/hunter2/);
  });
});
