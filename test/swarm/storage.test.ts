import { AccessMode, Volume, Workload } from '../../lib';
import type { VolumeProps } from '../../lib';
import { renderChecked } from '../support/oracle';
import { newStack } from '../support/synth';

function withVolume(props: VolumeProps, readOnly = false) {
  const { app, stack } = newStack('s');
  new Workload(stack, 'w', { image: 'busybox:1.36' }).mountVolume('/data', new Volume(stack, 'data', props), { readOnly });
  return renderChecked(app).compose;
}

describe('Volume → named volume', () => {
  test('a top-level volume named after the Volume; Kubernetes-only props leave no trace', () => {
    const compose = withVolume({ size: '10Gi', storageClass: 'fast', accessMode: AccessMode.READ_WRITE_MANY });
    expect(compose.volumes).toEqual({ data: {} });
  });

  test('driver and driver options (sorted)', () => {
    const compose = withVolume({ driver: 'local', driverOptions: { type: 'nfs', o: 'addr=10.0.0.1,rw', device: ':/exports/data' } });
    expect(compose.volumes).toEqual({ data: { driver: 'local', driver_opts: { device: ':/exports/data', o: 'addr=10.0.0.1,rw', type: 'nfs' } } });
    expect(Object.keys(compose.volumes!.data.driver_opts!)).toEqual(['device', 'o', 'type']);
  });

  test('mountVolume: a volume mount; read_only only when asked', () => {
    expect(withVolume({}).services.w.volumes).toEqual([{ type: 'volume', source: 'data', target: '/data' }]);
    expect(withVolume({}, true).services.w.volumes).toEqual([{ type: 'volume', source: 'data', target: '/data', read_only: true }]);
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
