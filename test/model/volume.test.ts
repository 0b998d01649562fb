import { AccessMode, Volume, Workload } from '../../lib';
import type { VolumeProps } from '../../lib';
import { expectProblem, InvalidCase } from '../support/oracle';
import { newStack } from '../support/synth';

const bad = <T>(x: unknown) => x as T;
const MEMORY_RULE = 'must be a whole number with a Kubernetes suffix (Ki, Mi, Gi, Ti, k, M, G, T), e.g. "256Mi"';
const volume = (props: VolumeProps): InvalidCase[1] => (s) => {
  new Workload(s, 'w', { image: 'busybox:1.36' }).mountVolume('/data', new Volume(s, 'data', props));
};

const cases: InvalidCase[] = [
  ['size with a bytes suffix', volume({ size: '10GB' }), { path: 's/data', field: 'size', rule: MEMORY_RULE, value: '10GB' }],
  ['size zero', volume({ size: '0' }), { path: 's/data', field: 'size', rule: MEMORY_RULE, value: '0' }],
  ['size fractional', volume({ size: '1.5Gi' }), { path: 's/data', field: 'size', rule: MEMORY_RULE, value: '1.5Gi' }],
  ['size lower-case milli (0.001 byte)', volume({ size: '100m' }), { path: 's/data', field: 'size', rule: MEMORY_RULE, value: '100m' }],
  ['access mode unknown', volume({ accessMode: bad<AccessMode>('ReadWriteSometimes') }),
    { path: 's/data', field: 'accessMode', rule: 'must be one of ReadWriteOnce, ReadWriteMany, ReadOnlyMany, ReadWriteOncePod', value: 'ReadWriteSometimes' }],
  ['storage class not a DNS name', volume({ storageClass: 'Fast_SSD' }), { path: 's/data', field: 'storageClass', rule: 'must be a DNS subdomain name', value: 'Fast_SSD' }],
  ['driver with a space', volume({ driver: 'my driver' }), { path: 's/data', field: 'driver', rule: 'must be a volume driver name', value: 'my driver' }],
];

describe('Volume props: bad input names path, field, rule and value', () => {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });
});
