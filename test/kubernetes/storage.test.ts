import { AccessMode, Volume, Workload } from '../../lib';
import type { VolumeProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, KubeObject, newStack } from '../support/synth';

const spec = (kube: KubeObject[]) => findObject(kube, 'Deployment', 'w').spec.template.spec;

function withVolume(props: VolumeProps) {
  const { app, stack } = newStack('s');
  const v = new Volume(stack, 'data', props);
  new Workload(stack, 'w', { image: 'busybox:1.36' }).mountVolume('/data', v);
  return renderChecked(app).kube;
}

describe('Volume → PersistentVolumeClaim', () => {
  test('defaults: 1Gi, ReadWriteOnce, the cluster default storage class', () => {
    const pvc = findObject(withVolume({}), 'PersistentVolumeClaim', 'data');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' });
  });

  test.each(['10Gi', '1500Mi', '1G', '750M', '5Ti'])('size %s is kept exactly (not rounded to Gi)', (size) => {
    expect(findObject(withVolume({ size }), 'PersistentVolumeClaim', 'data').spec.resources).toEqual({ requests: { storage: size } });
  });

  test('storage class and access mode', () => {
    const pvc = findObject(withVolume({ storageClass: 'fast-ssd', accessMode: AccessMode.READ_WRITE_MANY }), 'PersistentVolumeClaim', 'data');
    expect(pvc.spec.storageClassName).toBe('fast-ssd');
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  test.each(Object.values(AccessMode))('access mode %s', (mode) => {
    expect(findObject(withVolume({ accessMode: mode }), 'PersistentVolumeClaim', 'data').spec.accessModes).toEqual([mode]);
  });

  test('Swarm-only props (driver, options) leave no trace in the PVC', () => {
    const pvc = findObject(withVolume({ driver: 'local', driverOptions: { type: 'nfs' } }), 'PersistentVolumeClaim', 'data');
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
