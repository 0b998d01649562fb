import type { Stack } from '../model/stack';
import { targetTitle } from '../targets';
import { runtimeWarnings } from './runtime-checks';

/**
 * The `## Run-time warnings` section of `<stack>.md`: what would fail or
 * misbehave once deployed (docs/runtime-checks.md), on every target, so the
 * summary reads the same whatever `--target` rendered. Empty when there is
 * none (most stacks: no section, no change to their summary).
 */
export function warningsMarkdown(stack: Stack): string[] {
  const warnings = runtimeWarnings(stack);
  if (warnings.length === 0) return [];
  const base = stack.node.path;
  const lines = warnings.map((w) => {
    const where = w.path === base ? '' : w.path.slice(base.length + 1);
    const target = w.target ? ` (${targetTitle(w.target)} only)` : '';
    return `- ${where ? `\`${where}\` ` : ''}\`${w.field}\`${target}: ${w.message.replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;'))}`;
  });
  const intro = 'What would fail or misbehave once deployed (`conductor synth --strict` refuses it; see Conductor\'s docs/runtime-checks.md):';
  return ['## Run-time warnings', '', intro, '', ...lines, ''];
}
