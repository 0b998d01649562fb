import type { Stack } from '../model/stack';
import { targetRenderers, targetTitle } from '../targets';

/**
 * The `## Before deploying on <target>` sections of `<stack>.md`: what each
 * target's notes() says a user must know before deploying the stack there
 * (Swarm: who may write to a new volume, lib/swarm/volume-ownership.ts).
 * Every registered target speaks, whatever `--target` rendered, so the
 * summary reads the same after any synth (it names both targets' outputs,
 * and its run-time warnings cover every target too). A target with nothing
 * to say adds no section.
 */
export function targetNotesMarkdown(stack: Stack): string[] {
  return targetRenderers().flatMap((t) => {
    const notes = t.notes?.(stack) ?? [];
    return notes.length === 0 ? [] : [`## Before deploying on ${targetTitle(t.target)}`, '', ...notes, ''];
  });
}
