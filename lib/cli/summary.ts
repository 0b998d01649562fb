import * as path from 'path';
import type { Stack } from '../model/stack';
import type { SynthOutput } from '../synth/app';
import type { FileChange } from '../synth/compare';
import { environmentOf } from '../synth/environment';
import { classifyPath } from '../synth/layout';

/** More stacks than this, and only the notable ones get their lines (see summarize). */
export const MAX_STACKS_LISTED = 20;

/**
 * A few lines per stack: Kubernetes objects per kind, Swarm services,
 * warnings, and where its files are; then one line for the directory.
 *
 *   shop: kubernetes 1 Namespace, 2 ConfigMap, ...; swarm 3 services; 1 warning
 *     dist/kubernetes/shop/  dist/swarm/shop/compose.yaml  dist/shop.md
 *
 * An app of more than MAX_STACKS_LISTED stacks (a GitOps monorepo) lists
 * only the stacks with security risks, warnings or changed files (in that
 * order), at most MAX_STACKS_LISTED of them, and counts the others.
 */
export function summarize(output: SynthOutput, outdir: string, changes: readonly FileChange[], totalFiles: number): string {
  const lines: string[] = [];
  const stacks = sortedStacks(output.stacks);
  const within = (p: string, stack: Stack) => p === stack.node.path || p.startsWith(`${stack.node.path}/`);
  const warningsOf = (stack: Stack) => [...output.gaps, ...(output.warnings ?? [])].filter((g) => within(g.path, stack)).length;
  const risksOf = (stack: Stack) => (output.risks ?? []).filter((r) => within(r.path, stack)).length;
  let notable = stacks;
  if (stacks.length > MAX_STACKS_LISTED) {
    const changed = new Set(changes.map((c) => classifyPath(c.path)).map((r) => ('stack' in r ? `${r.env}/${r.stack}` : '')));
    // Security risks first, then warnings, then changes: a broad change must not hide a risk.
    const rank = (s: Stack) => (risksOf(s) > 0 ? 0 : warningsOf(s) > 0 ? 1 : changed.has(`${environmentOf(s) ?? ''}/${s.stackName}`) ? 2 : 3);
    // A stable sort: by name within a rank.
    notable = stacks.map((s) => ({ s, r: rank(s) })).filter((x) => x.r < 3).sort((a, b) => a.r - b.r).map((x) => x.s);
  }
  const listed = notable.slice(0, MAX_STACKS_LISTED);
  const shown = (rel: string) => path.join(outdir, rel);
  for (const stack of listed) {
    const name = stack.stackName;
    const env = environmentOf(stack);
    const prefix = env ? `${env}/` : '';
    const kube = output.files.get(`${prefix}kubernetes/${name}/${name}.k8s.yaml`);
    const compose = output.files.get(`${prefix}swarm/${name}/compose.yaml`);
    const parts: string[] = [];
    const paths: string[] = [];
    if (kube !== undefined) {
      const kinds = new Map<string, number>();
      for (const kind of topLevelKinds(kube)) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      parts.push(`kubernetes ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}`);
      paths.push(shown(`${prefix}kubernetes/${name}/`));
    }
    if (compose !== undefined) {
      const services = serviceCount(compose);
      parts.push(`swarm ${services} service${services === 1 ? '' : 's'}`);
      paths.push(shown(`${prefix}swarm/${name}/compose.yaml`));
    }
    if (output.files.has(`${prefix}${name}.md`)) paths.push(shown(`${prefix}${name}.md`));
    const warnings = warningsOf(stack);
    if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
    const risks = risksOf(stack);
    if (risks) parts.push(`${risks} security risk${risks === 1 ? '' : 's'}`);
    lines.push(`${prefix}${name}: ${parts.join('; ')}`);
    lines.push(`  ${paths.join('  ')}`);
  }
  if (listed.length < stacks.length) {
    const where = `each described in ${shown('[<env>/]<stack>.md')}`;
    lines.push(listed.length === 0
      ? `(${stacks.length} stacks, none with changed files, warnings or security risks; ${where})`
      : `(${stacks.length} stacks: ${listed.length < notable.length ? `the first ${listed.length} of ${notable.length}` : `the ${listed.length}`} `
        + `with security risks, warnings or changed files are listed, in that order; ${stacks.length - listed.length} more not listed, ${where})`);
  }
  lines.push(`wrote ${outdir}: ${totalFiles} files, ${changeText(changes)}`);
  return lines.join('\n');
}

/** "2 changed, 1 added, 0 removed" or "no changes". */
export function changeText(changes: readonly FileChange[]): string {
  if (changes.length === 0) return 'no changes';
  const n = (c: FileChange['change']) => changes.filter((x) => x.change === c).length;
  return `${n('changed')} changed, ${n('added')} added, ${n('removed')} removed`;
}

/** Stacks ordered as in the output directory: top-level first, then by environment, then by name. */
export function sortedStacks(stacks: readonly Stack[]): Stack[] {
  const key = (s: Stack) => `${environmentOf(s) ?? ''}/${s.stackName}`;
  return [...stacks].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

// The files are Conductor's own output (block style, two-space indents), so
// lines tell what a YAML parse would, at a fraction of the start-up cost.

/** The `kind` of each document of a Kubernetes manifest file, in order. */
export function topLevelKinds(text: string): string[] {
  return [...text.matchAll(/^kind: (\S+)$/gm)].map((m) => m[1]);
}

/** The number of services of a stack file. */
export function serviceCount(text: string): number {
  const block = /^services:\n((?:(?: .*)?\n)*)/m.exec(text)?.[1] ?? '';
  return block.split('\n').filter((l) => /^ {2}[^\s#][^:]*:/.test(l)).length;
}
