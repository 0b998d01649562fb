// The e2e harness: deploy a Conductor app on the suite's Swarm and read the engine's state.
export * from './cron';
export * from './docker';
export * from './exec';
export * from './stack';
export * from './wait';
export { step, recordStep } from './timer';
export { run } from './run';
export type { RunResult } from './run';
