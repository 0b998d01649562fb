import { Workload } from '../../lib';
import type { SecurityProps } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const bad = <T>(x: unknown) => x as T;
const ID_RULE = 'must be an integer from 0 to 2147483647';
const CAP_RULE = 'must be capability names without "CAP_", e.g. "NET_BIND_SERVICE", or "ALL"';
const security = (sec: SecurityProps): InvalidCase[1] => (s) => new Workload(s, 'w', { image: 'busybox:1.36', security: sec });

const cases: InvalidCase[] = [
  ['user negative', security({ user: -1 }), { path: 's/w', field: 'security.user', rule: ID_RULE, value: -1 }],
  ['user fractional', security({ user: 1000.5 }), { path: 's/w', field: 'security.user', rule: ID_RULE, value: 1000.5 }],
  ['user a name', security({ user: bad<number>('nginx') }), { path: 's/w', field: 'security.user', rule: ID_RULE, value: 'nginx' }],
  ['user too large', security({ user: 2 ** 31 }), { path: 's/w', field: 'security.user', rule: ID_RULE, value: 2 ** 31 }],
  ['group negative', security({ group: -5 }), { path: 's/w', field: 'security.group', rule: ID_RULE, value: -5 }],
  ['capability with CAP_', security({ addCapabilities: ['CAP_NET_ADMIN'] }), { path: 's/w', field: 'security.addCapabilities', rule: CAP_RULE, value: 'CAP_NET_ADMIN' }],
  ['capability lower case', security({ addCapabilities: ['net_admin'] }), { path: 's/w', field: 'security.addCapabilities', rule: CAP_RULE, value: 'net_admin' }],
  ['capability with a space', security({ dropCapabilities: ['ALL '] }), { path: 's/w', field: 'security.dropCapabilities', rule: CAP_RULE, value: 'ALL ' }],
  ['seccomp profile unknown', security({ seccompProfile: bad<'RuntimeDefault'>('Localhost') }), { path: 's/w', field: 'security.seccompProfile', rule: 'must be "RuntimeDefault" or "Unconfined"', value: 'Localhost' }],
];

describe('security: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });
});
