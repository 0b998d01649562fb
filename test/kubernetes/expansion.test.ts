import { Workload } from '../../lib';
import { renderChecked } from '../support/oracle';
import { findObject, newStack } from '../support/synth';

describe('Kubernetes $(VAR) expansion', () => {
  test('command, args and env values are literal: every $ is doubled, which the kubelet turns back into $', () => {
    const { app, stack } = newStack('s');
    new Workload(stack, 'w', {
      image: 'busybox:1.36',
      command: ['sh', '-c'],
      args: ['echo $HOME $(date) $$'],
      env: { GREETING: 'cost: $(PRICE) $5' },
      sidecars: [{ name: 'side', image: 'busybox:1.36', args: ['echo $PATH'], env: { X: '$(Y)' } }],
    });
    const { kube, compose } = renderChecked(app);
    const [main, side] = findObject(kube, 'Deployment', 'w').spec.template.spec.containers;
    expect(main.args).toEqual(['echo $$HOME $$(date) $$$$']);
    expect(main.env).toEqual([{ name: 'GREETING', value: 'cost: $$(PRICE) $$5' }]);
    expect(side.args).toEqual(['echo $$PATH']);
    expect(side.env).toEqual([{ name: 'X', value: '$$(Y)' }]);
    // The same strings are escaped for Swarm's interpolation.
    expect(compose.services.w.command).toEqual(['echo $$HOME $$(date) $$$$']);
  });
});
