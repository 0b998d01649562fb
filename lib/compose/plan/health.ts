import { formatDuration, parseDuration } from '../../model/duration';
import { HealthCheck, HealthProps } from '../../model/health';
import { isDict, under } from './context';
import { ServicePlanning } from './service-planning';
import { Draft } from './types';
import { duration, SWARM_DEFAULTS } from './units';

/**
 * `healthcheck` -> health: a command check, with Docker's default timing
 * where the file sets none (Kubernetes' defaults differ).
 */
export function planHealth(s: ServicePlanning): void {
  const { ctx, svc } = s;
  const at = under(s.name, 'healthcheck');
  s.composeKeys.record('healthcheck', 'health');
  if (!isDict(svc.healthcheck)) return;
  const h = svc.healthcheck;
  const test = typeof h.test === 'string' ? ['CMD-SHELL', h.test] : Array.isArray(h.test) ? h.test.map(String) : undefined;
  if (h.disable === true || test?.[0] === 'NONE') {
    if (h.disable === true && test && test[0] !== 'NONE' && test.length) return ctx.problem(at(), 'test and disable: true are both set');
    ctx.note(at(), 'dropped', 'turning off the image\'s HEALTHCHECK has no form in the model: with no health check, Swarm runs the image\'s own, ' +
      'if it has one (Kubernetes ignores it); use Swarm.override(workload, { healthcheck: { test: [\'NONE\'] } }) if needed', 'swarm');
    return;
  }
  if (!test || test.length === 0) {
    ctx.note(at(), 'dropped', 'a health check without test: (the image\'s own, with other timing) has no form in the model: ' +
      'the image\'s HEALTHCHECK keeps its own timing on Swarm');
    return;
  }
  let command: string[];
  if (test[0] === 'CMD') command = test.slice(1);
  else if (test[0] === 'CMD-SHELL') {
    // What the engine runs for CMD-SHELL on Linux.
    command = ['/bin/sh', '-c', test.slice(1).join(' ')];
  } else return ctx.problem(at('test'), `must start with CMD, CMD-SHELL or NONE, or be a string (got ${JSON.stringify(test[0])})`);
  if (command.length === 0 || command.some((c) => c === '')) return ctx.problem(at('test'), 'needs a command after CMD');
  const out: Draft<HealthProps> & Pick<HealthProps, 'check'> = { check: HealthCheck.command(command) };
  const filled: string[] = [];
  const time = (key: 'interval' | 'timeout' | 'start_period', prop: 'interval' | 'timeout' | 'startPeriod', fallback: number) => {
    const given = h[key] !== undefined
      ? duration(ctx, at(key), h[key], { wholeSeconds: true, minMs: key === 'start_period' ? 0 : 1000, why: 'Kubernetes probes count in seconds' })
      : undefined;
    const value = given ?? (fallback > 0 ? formatDuration(fallback) : undefined);
    if (given === undefined && value !== undefined) filled.push(key);
    if (value !== undefined && value !== '0s') out[prop] = value;
  };
  time('interval', 'interval', SWARM_DEFAULTS.health.intervalMs);
  time('timeout', 'timeout', SWARM_DEFAULTS.health.timeoutMs);
  if (typeof h.retries === 'number' && h.retries !== 0) {
    let r = h.retries;
    if (!Number.isInteger(r) || r < 1 || r > 100) {
      r = Math.min(100, Math.max(1, Math.round(r)));
      ctx.note(at('retries'), 'changed', `${h.retries} became ${r}: Conductor takes a whole number of retries from 1 to 100`);
    }
    if (r !== 3) out.retries = r;
  }
  time('start_period', 'startPeriod', 0);
  if (h.start_interval !== undefined) ctx.note(at('start_interval'), 'dropped', 'not in the model (Kubernetes probes have one period)');
  if (out.timeout !== undefined && out.interval !== undefined && parseDuration(out.timeout)! > parseDuration(out.interval)!) {
    ctx.note(at('timeout'), 'changed',
      `${out.timeout} is longer than the interval: shortened to ${out.interval} (a check must end before the next starts)`);
    out.timeout = out.interval;
  }
  if (filled.length) s.comments.health = `Docker's default ${filled.join(' and ')}, 30s (not set in the file)`;
  s.props.health = out;
}
