import { AccessMode, Volume, Workload } from '../../lib';
import type { VolumeProps } from '../../lib';
import { InvalidCase, renderChecked, testBadInput } from '../support/oracle';
import { findObject, KubeObject, newStack } from '../support/synth';

// ---- Kubernetes output
const spec = (kube: KubeObject[]) => findObject(kube, 'Deployment', 'w').spec.template.spec;

function pvcWithVolume(props: VolumeProps) {
  const { app, stack } = newStack('s');
  const v = new Volume(stack, 'data', props);
  new Workload(stack, 'w', { image: 'busybox:1.36' }).mountVolume('/data', v);
  return renderChecked(app).kube;
}

describe('Volume → PersistentVolumeClaim', () => {
  test('defaults: 1Gi, ReadWriteOnce, the cluster default storage class', () => {
    const pvc = findObject(pvcWithVolume({}), 'PersistentVolumeClaim', 'data');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' });
  });

  test.each(['10Gi', '1500Mi', '1G', '750M', '5Ti'])('size %s is kept exactly (not rounded to Gi)', (size) => {
    expect(findObject(pvcWithVolume({ size }), 'PersistentVolumeClaim', 'data').spec.resources).toEqual({ requests: { storage: size } });
  });

  test('storage class and access mode', () => {
    const pvc = findObject(pvcWithVolume({ storageClass: 'fast-ssd', accessMode: AccessMode.READ_WRITE_MANY }), 'PersistentVolumeClaim', 'data');
    expect(pvc.spec.storageClassName).toBe('fast-ssd');
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  test.each(Object.values(AccessMode))('access mode %s', (mode) => {
    expect(findObject(pvcWithVolume({ accessMode: mode }), 'PersistentVolumeClaim', 'data').spec.accessModes).toEqual([mode]);
  });

  test('Swarm-only props (driver, options) leave no trace in the PVC', () => {
    const pvc = findObject(pvcWithVolume({ driver: 'local', driverOptions: { type: 'nfs' } }), 'PersistentVolumeClaim', 'data');
    expect(JSON.stringify(pvc)).not.toMatch(/nfs|driver/);
  });

  test('mountVolume: claim volume and mount; readOnly; pod fsGroup = group', () => {
    const { app, stack } = newStack('s');
    const v = new Volume(stack, 'data');
    new Workload(stack, 'w', { image: 'busybox:1.36', security: { group: 2000 } }).mountVolume('/data', v).mountVolume('/ro', v, { readOnly: true });
    const s = spec(renderChecked(app).kube);
    expect(s.containers[0].volumeMounts).toEqual([
      { mountPath: '/data', name: 'data-data', readOnly: false },
      { mountPath: '/ro', name: 'data-data', readOnly: true },
    ]);
    expect(s.volumes).toEqual([{ name: 'data-data', persistentVolumeClaim: { claimName: 'data', readOnly: false } }]);
    expect(s.securityContext.fsGroup).toBe(2000);
  });

  test('a volume no workload mounts is still rendered', () => {
    const { app, stack } = newStack('s');
    new Volume(stack, 'spare');
    new Workload(stack, 'w', { image: 'busybox:1.36' });
    expect(findObject(renderChecked(app).kube, 'PersistentVolumeClaim', 'spare').spec.resources.requests.storage).toBe('1Gi');
  });
});

describe('mountScratch → emptyDir', () => {
  test('plain, in memory, and with a size limit', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' })
      .mountScratch('/tmp')
      .mountScratch('/run', { inMemory: true })
      .mountScratch('/cache', { sizeLimit: '64Mi' })
      .mountScratch('/big', { sizeLimit: '2Gi', inMemory: true });
    const s = spec(renderChecked(app).kube);
    expect(s.volumes).toEqual([
      { name: 'scratch-0', emptyDir: {} },
      { name: 'scratch-1', emptyDir: { medium: 'Memory' } },
      { name: 'scratch-2', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'scratch-3', emptyDir: { medium: 'Memory', sizeLimit: '2048Mi' } },
    ]);
    expect(s.containers[0].volumeMounts).toEqual([
      { mountPath: '/tmp', name: 'scratch-0' },
      { mountPath: '/run', name: 'scratch-1' },
      { mountPath: '/cache', name: 'scratch-2' },
      { mountPath: '/big', name: 'scratch-3' },
    ]);
  });
});

// ---- Swarm output
function composeWithVolume(props: VolumeProps, readOnly = false) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36' }).mountVolume('/data', new Volume(stack, 'data', props), { readOnly });
  return renderChecked(app).compose;
}

describe('Volume → named volume', () => {
  test('a top-level volume named after the Volume; Kubernetes-only props leave no trace', () => {
    const compose = composeWithVolume({ size: '10Gi', storageClass: 'fast', accessMode: AccessMode.READ_WRITE_MANY });
    expect(compose.volumes).toEqual({ data: {} });
  });

  test('driver and driver options (sorted)', () => {
    const compose = composeWithVolume({ driver: 'local', driverOptions: { type: 'nfs', o: 'addr=10.0.0.1,rw', device: ':/exports/data' } });
    expect(compose.volumes).toEqual({ data: { driver: 'local', driver_opts: { device: ':/exports/data', o: 'addr=10.0.0.1,rw', type: 'nfs' } } });
    expect(Object.keys(compose.volumes!.data.driver_opts!)).toEqual(['device', 'o', 'type']);
  });

  test('mountVolume: a volume mount; read_only only when asked', () => {
    expect(composeWithVolume({}).services.w.volumes).toEqual([{ type: 'volume', source: 'data', target: '/data' }]);
    expect(composeWithVolume({}, true).services.w.volumes).toEqual([{ type: 'volume', source: 'data', target: '/data', read_only: true }]);
  });
});

describe('mountScratch → tmpfs mount', () => {
  test('a volumes entry of type tmpfs (not the service-level tmpfs that stack deploy drops); size in bytes', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', { image: 'busybox:1.36' })
      .mountScratch('/tmp')
      .mountScratch('/run', { inMemory: true })
      .mountScratch('/cache', { sizeLimit: '64Mi' })
      .mountScratch('/big', { sizeLimit: '2Gi', inMemory: true });
    const s = renderChecked(app).compose.services.w;
    expect(s.volumes).toEqual([
      { type: 'tmpfs', target: '/tmp' },
      { type: 'tmpfs', target: '/run' },
      { type: 'tmpfs', target: '/cache', tmpfs: { size: 67108864 } },
      { type: 'tmpfs', target: '/big', tmpfs: { size: 2147483648 } },
    ]);
    expect(s.tmpfs).toBeUndefined();
  });
});

// ---- model rules and bad input
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
    {
      path: 's/data',
      field: 'accessMode',
      rule: 'must be one of ReadWriteOnce, ReadWriteMany, ReadOnlyMany, ReadWriteOncePod',
      value: 'ReadWriteSometimes',
    }],
  [
    'storage class not a DNS name',
    volume({ storageClass: 'Fast_SSD' }),
    { path: 's/data', field: 'storageClass', rule: 'must be a DNS subdomain name', value: 'Fast_SSD' },
  ],
  [
    'driver with a space',
    volume({ driver: 'my driver' }),
    { path: 's/data', field: 'driver', rule: 'must be a volume driver name', value: 'my driver' },
  ],
];

describe('Volume props: bad input names path, field, rule and value', () => {
  testBadInput(cases);
});
