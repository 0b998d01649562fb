import * as fs from 'fs';

/**
 * Step timings: each step prints `e2e: <step> 3.2s` to stderr as it ends
 * and, when the suite runs (CONDUCTOR_E2E_TIMINGS is set by the global
 * set-up), is appended to a file that the global teardown summarizes.
 */
export function recordStep(step: string, ms: number, failed = false): void {
  const line = `e2e: ${step} ${(ms / 1000).toFixed(1)}s${failed ? ' (failed)' : ''}`;
  process.stderr.write(`${line}\n`);
  const file = process.env.CONDUCTOR_E2E_TIMINGS;
  if (!file) return;
  try {
    fs.appendFileSync(file, `${JSON.stringify({ step, ms, failed })}\n`);
  } catch {
    // The run directory is gone (teardown): the line above is the record.
  }
}

/** Runs `fn` as a timed step. */
export async function step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = Date.now();
  try {
    const result = await fn();
    recordStep(name, Date.now() - t0);
    return result;
  } catch (e) {
    recordStep(name, Date.now() - t0, true);
    throw e;
  }
}

/** The synchronous form, for set-up and teardown. */
export function stepSync<T>(name: string, fn: () => T): T {
  const t0 = Date.now();
  try {
    const result = fn();
    recordStep(name, Date.now() - t0);
    return result;
  } catch (e) {
    recordStep(name, Date.now() - t0, true);
    throw e;
  }
}

export interface StepTiming {
  readonly step: string;
  readonly ms: number;
  readonly failed: boolean;
}

export function readTimings(file: string): StepTiming[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as StepTiming);
}

/** The step the e2e test file records for its own duration (set-up and teardown excluded). */
export const SCENARIOS_STEP = 'all scenarios (the e2e test file)';

/** Steps that time a whole scenario start with this. */
const SCENARIO_PREFIX = 'scenario ';

/**
 * A describe body that times its scenario, wall clock from its first
 * `beforeAll` to its last `afterAll` (deploy to removal), as a step
 * `scenario <label>`. Jest runs a block's hooks in the order they are declared.
 */
export function timedScenario(label: string, body: () => void): () => void {
  return () => {
    let t0 = 0;
    beforeAll(() => {
      t0 = Date.now();
    });
    body();
    afterAll(() => recordStep(`${SCENARIO_PREFIX}${label}`, Date.now() - t0));
  };
}

/**
 * A table of every step, the time of each scenario, then the e2e total: set-up + scenarios + teardown
 * (when jest runs the unit tests in the same run, they are not counted).
 */
export function formatTimings(timings: readonly StepTiming[], setupMs: number, teardownMs: number): string {
  const width = Math.max(4, ...timings.map((t) => t.step.length));
  const row = (t: StepTiming) => `  ${t.step.padEnd(width)}  ${(t.ms / 1000).toFixed(1).padStart(6)}s${t.failed ? '  FAILED' : ''}`;
  const rows = timings.filter((t) => !t.step.startsWith(SCENARIO_PREFIX)).map(row);
  const perScenario = timings.filter((t) => t.step.startsWith(SCENARIO_PREFIX)).map(row);
  const scenarios = timings.filter((t) => t.step === SCENARIOS_STEP).reduce((n, t) => n + t.ms, 0);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const total = `e2e: total ${s(setupMs + scenarios + teardownMs)} (set-up ${s(setupMs)} + scenarios ${s(scenarios)} + teardown ${s(teardownMs)})`;
  const scenarioBlock = perScenario.length ? ['e2e: time per scenario (deploy to removal)', ...perScenario] : [];
  return ['e2e: step timings', ...rows, ...scenarioBlock, total].join('\n');
}
