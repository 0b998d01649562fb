import type { Target } from '../model/problems';
import type { Stack } from '../model/stack';
import { RenderedRisk, targetRenderers } from '../targets';
import { GENERATED_HEADER } from './header';

/** Relative path (always with "/") to file content. */
export type FileSet = Map<string, string>;

export interface RenderOptions {
  /** @default - every registered target (lib/targets.ts) */
  readonly targets?: readonly Target[];
}

export interface RenderResult {
  readonly files: FileSet;
  /** Files that hold secret values (the plaintext opt-in). */
  readonly secretFiles: string[];
  /** Per stack, the relaxations the targets found in what the escape hatches changed (see RenderedRisk). */
  readonly risks: Map<Stack, RenderedRisk[]>;
}

export const HEADER = GENERATED_HEADER;

/**
 * Renders stacks to the files of the output layout (see README): each
 * target's files of a stack under `<target>/<stack>/`, and the target's
 * index, if it has one, under `<target>/`. Pure: writes nothing.
 */
export function renderStacks(stacks: readonly Stack[], options: RenderOptions = {}): RenderResult {
  const renderers = targetRenderers(options.targets);
  const files: FileSet = new Map();
  const secretFiles: string[] = [];
  const risks = new Map<Stack, RenderedRisk[]>();
  const sorted = [...stacks].sort((a, b) => (a.stackName < b.stackName ? -1 : 1));
  for (const stack of sorted) {
    const found: RenderedRisk[] = [];
    risks.set(stack, found);
    for (const r of renderers) {
      for (const f of r.render(stack, (risk) => found.push(risk))) {
        const path = `${r.target}/${stack.stackName}/${f.path}`;
        files.set(path, f.content);
        if (f.secret) secretFiles.push(path);
      }
    }
  }
  for (const r of renderers) {
    if (r.index && sorted.length > 0) files.set(`${r.target}/${r.index.file}`, r.index.render(sorted.map((s) => s.stackName)));
  }
  return { files, secretFiles: [...new Set(secretFiles)].sort(), risks };
}
