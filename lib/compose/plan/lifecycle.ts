import { LifecycleProps } from '../../model/lifecycle';
import { ServicePlanning } from './service-planning';
import { Draft } from './types';
import { duration } from './units';

/** `stop_grace_period` and `stop_signal` -> lifecycle. */
export function planLifecycle(s: ServicePlanning): void {
  const { ctx, svc, at } = s;
  s.composeKeys.record('stop_grace_period', 'lifecycle.stopGracePeriod');
  s.composeKeys.record('stop_signal', 'lifecycle.stopSignal');
  const lifecycle: Draft<LifecycleProps> = {};
  if (svc.stop_grace_period !== undefined) {
    const d = duration(ctx, at('stop_grace_period'), svc.stop_grace_period, { wholeSeconds: true, why: 'Kubernetes terminationGracePeriodSeconds' });
    if (d !== undefined) lifecycle.stopGracePeriod = d;
  }
  if (typeof svc.stop_signal === 'string') {
    const name = svc.stop_signal.trim().toUpperCase();
    const signal = /^SIG[A-Z0-9]+$/.test(name) ? name : /^[A-Z][A-Z0-9]*$/.test(name) ? `SIG${name}` : undefined;
    if (signal) lifecycle.stopSignal = signal;
    else ctx.note(at('stop_signal'), 'dropped', `"${svc.stop_signal}": Conductor takes signal names such as SIGQUIT`);
  }
  if (Object.keys(lifecycle).length) s.props.lifecycle = lifecycle;
}
