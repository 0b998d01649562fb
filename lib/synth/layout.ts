import type { Target } from '../model/problems';
import type { Stack } from '../model/stack';
import { environmentOf } from './environment';
import { stackMarkdown } from './graph';
import { FileSet, kustomizationIndex, renderStacks, RenderResult } from './render';

/*
 * The output layout, environments included:
 *
 *   [<env>/]kubernetes/kustomization.yaml          every stack of the environment
 *   [<env>/]kubernetes/<stack>/<stack>.k8s.yaml, kustomization.yaml
 *   [<env>/]swarm/<stack>/compose.yaml, configs/..., secrets/...
 *   [<env>/]<stack>.md                             topology and tables
 *
 * Stacks outside any Environment render at the top; stacks of an
 * Environment under its name.
 */

const TARGETS: readonly Target[] = ['kubernetes', 'swarm'];

/** What a synth regenerates; anything left undefined means "all". */
export interface OutputScope {
  readonly environments?: readonly string[];
  readonly stacks?: readonly string[];
  readonly targets?: readonly Target[];
}

/** True when the scope regenerates everything (the output directory is replaced as a whole). */
export function isFullScope(scope: OutputScope): boolean {
  return scope.environments === undefined && scope.stacks === undefined && scope.targets === undefined;
}

/** Renders stacks into the output layout. Pure: writes nothing. */
export function renderOutput(stacks: readonly Stack[], targets: readonly Target[]): RenderResult {
  const groups = new Map<string, Stack[]>();
  for (const s of stacks) {
    const env = environmentOf(s) ?? '';
    const group = groups.get(env);
    if (group) group.push(s);
    else groups.set(env, [s]);
  }
  const files: FileSet = new Map();
  const secretFiles: string[] = [];
  for (const env of [...groups.keys()].sort()) {
    const prefix = env ? `${env}/` : '';
    const group = groups.get(env)!;
    const r = renderStacks(group, { targets });
    for (const [p, text] of r.files) files.set(prefix + p, text);
    secretFiles.push(...r.secretFiles.map((p) => prefix + p));
    for (const s of group) files.set(`${prefix}${s.stackName}.md`, stackMarkdown(s));
  }
  return { files, secretFiles: secretFiles.sort() };
}

/** What part of the layout a relative output path belongs to. */
export type PathRole =
  | { readonly role: 'stack'; readonly env: string; readonly target: Target; readonly stack: string }
  | { readonly role: 'summary'; readonly env: string; readonly stack: string }
  | { readonly role: 'index'; readonly env: string; readonly target: Target }
  | { readonly role: 'other'; readonly env: string };

/** Classifies `path` (relative, "/"-separated) by the layout above. */
export function classifyPath(path: string): PathRole {
  const parts = path.split('/');
  let env = '';
  if (parts.length > 1 && !(TARGETS as readonly string[]).includes(parts[0])) env = parts.shift()!;
  const [first, second] = parts;
  if (parts.length === 1 && first.endsWith('.md') && first.length > 3) return { role: 'summary', env, stack: first.slice(0, -3) };
  if ((TARGETS as readonly string[]).includes(first)) {
    const target = first as Target;
    if (parts.length === 2) return { role: 'index', env, target };
    if (parts.length > 2) return { role: 'stack', env, target, stack: second };
  }
  return { role: 'other', env };
}

/**
 * The complete new content of an output directory when a synth of `scope`
 * produced `fresh`: with the full scope, exactly `fresh`; otherwise the
 * `existing` files outside the scope, byte for byte, plus `fresh`. A
 * stack's `<stack>.md` belongs to the stack (whatever the target). In each
 * environment where Kubernetes stack files were written or removed, the
 * `kubernetes/kustomization.yaml` index is rebuilt from the stack
 * directories present after the merge.
 */
export function mergeOutput(existing: FileSet, fresh: FileSet, scope: OutputScope): FileSet {
  if (isFullScope(scope)) return new Map(fresh);
  const inScope = (r: PathRole): boolean => {
    // Unknown files are kept; an index is kept unless rebuilt below.
    if (r.role === 'other' || r.role === 'index') return false;
    if (scope.environments && !scope.environments.includes(r.env)) return false;
    if (scope.stacks && !scope.stacks.includes(r.stack)) return false;
    return r.role === 'summary' || !scope.targets || scope.targets.includes(r.target);
  };
  const merged: FileSet = new Map();
  // Environments where Kubernetes stack files were replaced or removed: their index is rebuilt.
  const indexEnvs = new Set<string>();
  const touches = (r: PathRole) => r.role === 'stack' && r.target === 'kubernetes';
  for (const [p, text] of existing) {
    const r = classifyPath(p);
    if (!inScope(r)) merged.set(p, text);
    else if (touches(r)) indexEnvs.add(r.env);
  }
  for (const [p, text] of fresh) {
    const r = classifyPath(p);
    if (r.role === 'index') continue;
    merged.set(p, text);
    if (touches(r)) indexEnvs.add(r.env);
  }
  for (const env of indexEnvs) {
    const prefix = env ? `${env}/` : '';
    const stacks = new Set<string>();
    for (const p of merged.keys()) {
      const r = classifyPath(p);
      if (r.role === 'stack' && r.target === 'kubernetes' && r.env === env && p === `${prefix}kubernetes/${r.stack}/kustomization.yaml`) stacks.add(r.stack);
    }
    if (stacks.size > 0) merged.set(`${prefix}kubernetes/kustomization.yaml`, kustomizationIndex([...stacks].sort()));
    else merged.delete(`${prefix}kubernetes/kustomization.yaml`);
  }
  return merged;
}
