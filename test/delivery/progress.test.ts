import { assess, describe as describeProgress, lineView, liveView } from '../../lib/delivery/progress';
import type { ServiceInfo, TaskInfo } from '../../lib/delivery/engine';
import type { PlannedService } from '../../lib/delivery/plan';
import { serviceSpec } from './fake-engine';

const before: ServiceInfo = {
  ID: 'id',
  Version: { Index: 1 },
  Spec: serviceSpec('s_web', { Image: 'web:1' }),
  UpdateStatus: { State: 'completed', StartedAt: 'old' },
};
const planned: PlannedService = { key: 'web', name: 's_web', action: 'update', drift: [], before };
const after = (status?: ServiceInfo['UpdateStatus'], image = 'web:2'): ServiceInfo => ({
  ...before,
  Version: { Index: 2 },
  Spec: serviceSpec('s_web', { Image: image }),
  UpdateStatus: status,
});
const row = (replicas: string) => ({ Name: 's_web', Mode: 'replicated', Replicas: replicas });
const task = (id: string, state: string, err?: string): TaskInfo => ({
  ID: id,
  ServiceID: 'id',
  CreatedAt: '',
  DesiredState: 'running',
  Status: { State: state, Err: err },
});

describe('progress: when a service converged or failed', () => {
  test('a rolling update counts only once this deploy\'s update completed (the old status is ignored)', () => {
    expect(assess(planned, after(before.UpdateStatus), row('1/1'), [], new Set()).state).toBe('waiting');
    expect(assess(planned, after({ State: 'updating', StartedAt: 'new' }), row('1/1'), [], new Set()).state).toBe('waiting');
    expect(assess(planned, after({ State: 'completed', StartedAt: 'new' }), row('1/1'), [], new Set()).state).toBe('converged');
  });

  test('Swarm pausing or rolling back the update is a failure, with its message', () => {
    const paused = assess(planned, after({ State: 'paused', StartedAt: 'new', Message: 'update paused due to failure' }), row('1/1'), [], new Set());
    expect(paused).toMatchObject({ state: 'failed', reason: 'Swarm paused the update: update paused due to failure' });
    expect(assess(planned, after({ State: 'rollback_completed', StartedAt: 'new' }), row('1/1'), [], new Set()).state).toBe('failed');
  });

  test('new tasks failing again and again is a failure; failures from before the deploy are not', () => {
    const created: PlannedService = { key: 'web', name: 's_web', action: 'create', drift: [] };
    const info = { ...after(undefined), UpdateStatus: undefined };
    const failed = [task('a', 'failed', 'exit 1'), task('b', 'failed', 'exit 1'), task('c', 'failed', 'exit 1')];
    expect(assess(created, info, row('0/1'), failed, new Set(['a'])).state).toBe('waiting');
    expect(assess(created, info, row('0/1'), failed, new Set())).toMatchObject({ state: 'failed', reason: '3 new tasks failed (last: exit 1)' });
  });

  test('a created service converges when its tasks run and none is still starting (health check)', () => {
    const created: PlannedService = { key: 'web', name: 's_web', action: 'create', drift: [] };
    const info = { ...after(undefined), UpdateStatus: undefined };
    expect(assess(created, info, row('1/2'), [], new Set()).state).toBe('waiting');
    expect(assess(created, info, row('2/2'), [task('x', 'starting')], new Set()).state).toBe('waiting');
    expect(assess(created, info, row('2/2'), [task('x', 'running')], new Set()).state).toBe('converged');
    expect(assess(created, undefined, undefined, [], new Set()).state).toBe('waiting');
  });

  test('a global service no node admits (0/0) converges once the orchestrator had time to place it', () => {
    const created: PlannedService = { key: 'web', name: 's_web', action: 'create', drift: [] };
    const global = { ...after(undefined), UpdateStatus: undefined, Spec: { ...serviceSpec('s_web'), Mode: { Global: {} } } };
    expect(assess(created, global, row('0/0'), [], new Set(), 1000).state).toBe('waiting');
    expect(assess(created, global, row('0/0'), [], new Set(), 6000).state).toBe('converged');
    const replicated = { ...after(undefined), UpdateStatus: undefined };
    expect(assess(created, replicated, row('0/0'), [], new Set(), 60_000).state).toBe('waiting');
  });

  test('an updated job converges when the new iteration\'s runs completed (a job has no rolling update status)', () => {
    const job = {
      ...after(undefined),
      UpdateStatus: undefined,
      Spec: { ...serviceSpec('s_web', { Image: 'web:2' }), Mode: { ReplicatedJob: { TotalCompletions: 1 } } },
    };
    expect(assess(planned, job, row('0/1 (0/1 completed)'), [], new Set()).state).toBe('waiting');
    expect(assess(planned, job, row('0/1 (1/1 completed)'), [], new Set()).state).toBe('converged');
  });

  test('a job converges when its runs completed', () => {
    const job = { ...after(undefined), UpdateStatus: undefined, Spec: { ...serviceSpec('s_web'), Mode: { ReplicatedJob: { TotalCompletions: 2 } } } };
    const created: PlannedService = { key: 'web', name: 's_web', action: 'create', drift: [] };
    expect(assess(created, job, row('1/2 (1/2 completed)'), [], new Set()).state).toBe('waiting');
    expect(assess(created, job, row('0/2 (2/2 completed)'), [], new Set()).state).toBe('converged');
  });

  test('without a terminal: a timestamped line each time a service\'s state changes', () => {
    const lines: string[] = [];
    const view = lineView((l) => lines.push(l), () => new Date('2026-01-02T03:04:05Z'));
    const p = assess(planned, after({ State: 'updating', StartedAt: 'new' }), row('1/2'), [], new Set());
    view.show([p], 0);
    view.show([p], 1000);
    view.show([{ ...p, running: 2, state: 'converged', update: 'completed' }], 2000);
    expect(lines).toEqual([`03:04:05 ${describeProgress(p)}`, expect.stringMatching(/^03:04:05 s_web +2\/2 running {2}completed {2}converged$/)]);
    expect(lines[0]).toMatch(/^03:04:05 s_web +1\/2 running {2}updating$/);
  });

  test('on a terminal: the table is redrawn in place (cursor up over the lines drawn before)', () => {
    let screen = '';
    const view = liveView((t) => (screen += t));
    const p = assess(planned, after({ State: 'updating', StartedAt: 'new' }), row('1/2'), [], new Set());
    view.show([p], 1000);
    view.show([{ ...p, running: 2 }], 2000);
    const [first, second] = screen.split('\x1b[2A');
    expect(first).toBe(`\x1b[2Kdeploying… 1s\n\x1b[2K${describeProgress(p)}\n`);
    // eslint-disable-next-line no-control-regex -- ESC (\x1b) starts the terminal control sequence this output must contain
    expect(second).toMatch(/^\x1b\[2Kdeploying… 2s\n\x1b\[2Ks_web +2\/2 running {2}updating\n$/);
  });
});
