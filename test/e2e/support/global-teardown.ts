import { e2eState, stopOnce } from './global-setup';
import { formatTimings, readTimings } from './timer';

/** Jest global teardown of the e2e project: stops the engine, removes its state, prints the timings. */
export default async function globalTeardown(): Promise<void> {
  const s = e2eState();
  if (!s) return;
  const file = process.env.CONDUCTOR_E2E_TIMINGS;
  // The timings file lives in the run directory, which stopping removes.
  const before = file ? readTimings(file) : [];
  const ms = stopOnce('global teardown') ?? 0;
  const timings = [...before, { step: 'engine stopped and state removed', ms, failed: false }];
  process.stderr.write(`${formatTimings(timings, s.setupMs, ms)}\n`);
}
