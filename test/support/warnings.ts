import { App } from '../../lib';
import type { Target, Warning } from '../../lib';

/** The run-time warnings of an app's synth (on both targets unless told). */
export function warningsOf(app: App, targets?: Target[]): readonly Warning[] {
  return app.render(targets ? { targets } : {}).warnings;
}

export const BUSYBOX = 'busybox:1.36';
