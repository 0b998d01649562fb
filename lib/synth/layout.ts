import type { Target } from '../model/problems';
import type { Stack } from '../model/stack';
import { environmentOf } from './environment';
import { stackMarkdown } from './graph';
import { isTarget, targetRenderers } from '../targets';
import { FileSet, renderStacks, RenderResult } from './render';

/*
 * The output layout, environments included:
 *
 *   [<env>/]<target>/<stack>/...                   each target's files of the stack
 *   [<env>/]<target>/<index>                       a target's index of every stack, if it has one
 *   [<env>/]<stack>.md                             topology and tables
 *
 * With the built-in targets (lib/targets.ts):
 *
 *   [<env>/]kubernetes/kustomization.yaml          every stack of the environment
 *   [<env>/]kubernetes/<stack>/<stack>.k8s.yaml, kustomization.yaml
 *   [<env>/]swarm/<stack>/compose.yaml, configs/..., secrets/...
 *
 * Stacks outside any Environment render at the top; stacks of an
 * Environment under its name.
 */

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
  const risks: RenderResult['risks'] = new Map();
  for (const env of [...groups.keys()].sort()) {
    const prefix = env ? `${env}/` : '';
    const group = groups.get(env)!;
    const r = renderStacks(group, { targets });
    for (const [p, text] of r.files) files.set(prefix + p, text);
    secretFiles.push(...r.secretFiles.map((p) => prefix + p));
    for (const [s, found] of r.risks) risks.set(s, found);
    for (const s of group) files.set(`${prefix}${s.stackName}.md`, stackMarkdown(s, r.risks.get(s)));
  }
  return { files, secretFiles: secretFiles.sort(), risks };
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
  if (parts.length > 1 && !isTarget(parts[0])) env = parts.shift()!;
  const [first, second] = parts;
  if (parts.length === 1 && first.endsWith('.md') && first.length > 3) return { role: 'summary', env, stack: first.slice(0, -3) };
  if (isTarget(first)) {
    const target = first;
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
 * environment where stack files of a target with an index (Kubernetes: its
 * `kubernetes/kustomization.yaml`) were written or removed, the index is
 * rebuilt from the stack directories present after the merge.
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
  const indexed = targetRenderers().filter((t) => t.index !== undefined);
  // Per target with an index, environments where its stack files were replaced or removed: their index is rebuilt.
  const indexEnvs = new Map(indexed.map((t) => [t.target, new Set<string>()]));
  const touch = (r: PathRole) => {
    if (r.role === 'stack') indexEnvs.get(r.target)?.add(r.env);
  };
  for (const [p, text] of existing) {
    const r = classifyPath(p);
    if (!inScope(r)) merged.set(p, text);
    else touch(r);
  }
  for (const [p, text] of fresh) {
    const r = classifyPath(p);
    if (r.role === 'index') continue;
    merged.set(p, text);
    touch(r);
  }
  for (const t of indexed) {
    const index = t.index!;
    for (const env of indexEnvs.get(t.target)!) {
      const prefix = env ? `${env}/` : '';
      const stacks = new Set<string>();
      for (const p of merged.keys()) {
        const r = classifyPath(p);
        if (r.role === 'stack' && r.target === t.target && r.env === env && p === `${prefix}${t.target}/${r.stack}/${index.stackFile}`) {
          stacks.add(r.stack);
        }
      }
      if (stacks.size > 0) merged.set(`${prefix}${t.target}/${index.file}`, index.render([...stacks].sort()));
      else merged.delete(`${prefix}${t.target}/${index.file}`);
    }
  }
  return merged;
}
