import { App, Stack, Workload } from '../../lib';
import { MAX_STACKS_LISTED, summarize } from '../../lib/cli/summary';
import type { FileChange } from '../../lib/synth/compare';

/** An app of `n` stacks, one workload each; the stacks in `gapped` use autoscaling (a Swarm gap: a warning). */
function app(n: number, gapped: readonly number[] = []) {
  const a = new App({ outdir: 'unused' });
  for (let i = 0; i < n; i++) {
    const s = new Stack(a, `s${String(i).padStart(3, '0')}`);
    new Workload(s, 'web', {
      image: 'nginx:1.27',
      ...(gapped.includes(i) ? { autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 80 }, resources: { cpu: { request: '100m' } } } : {}),
    });
  }
  return a.render();
}

const changed = (path: string): FileChange => ({ path, change: 'changed' });
const stackLines = (text: string) => text.split('\n').filter((l) => /^s\d{3}: /.test(l)).map((l) => l.slice(0, 4));

describe('the synth summary', () => {
  test(`up to ${MAX_STACKS_LISTED} stacks: every stack has its lines, changed or not`, () => {
    const text = summarize(app(MAX_STACKS_LISTED), 'dist', [], 81);
    expect(stackLines(text)).toHaveLength(MAX_STACKS_LISTED);
    expect(text).not.toMatch(/^\(\d+ stacks/m);
    expect(text.split('\n').pop()).toBe('wrote dist: 81 files, no changes');
  });

  test('more stacks: only those with changed files, warnings or security risks, and a count of the others', () => {
    const out = app(300, [7]);
    const text = summarize(
      out,
      'dist',
      [changed('kubernetes/s042/s042.k8s.yaml'), changed('s100.md'), changed('kubernetes/kustomization.yaml')],
      1201,
    );
    // The stack with a warning first.
    expect(stackLines(text)).toEqual(['s007', 's042', 's100']);
    expect(text).toContain('s007: kubernetes 1 Namespace, 1 Deployment, 1 HorizontalPodAutoscaler; swarm 1 service; 1 warning');
    expect(text).toContain(
      '(300 stacks: the 3 with security risks, warnings or changed files are listed, in that order; 297 more not listed, each described in ' +
        'dist/[<env>/]<stack>.md)',
    );
    expect(text.split('\n')).toHaveLength(3 * 2 + 2);
  });

  test(`more stacks, none notable: one line; many notable: the first ${MAX_STACKS_LISTED}`, () => {
    const quiet = summarize(app(30), 'dist', [], 121);
    expect(quiet).toBe(
      '(30 stacks, none with changed files, warnings or security risks; each described in dist/[<env>/]<stack>.md)\n' +
        'wrote dist: 121 files, no changes',
    );
    const out = app(40);
    const all = out.stacks.map((s) => changed(`swarm/${s.stackName}/compose.yaml`));
    const busy = summarize(out, 'dist', all, 161);
    expect(stackLines(busy)).toEqual(out.stacks.slice(0, MAX_STACKS_LISTED).map((s) => s.stackName));
    expect(busy).toContain(
      `(40 stacks: the first ${MAX_STACKS_LISTED} of 40 with security risks, warnings or changed files are listed, in that order; 20 more not ` +
        `listed, each described in dist/[<env>/]<stack>.md)`,
    );
  });

  test('a stack with a warning is listed before stacks that only changed, even past the first 20', () => {
    const out = app(40, [35]);
    const all = out.stacks.map((s) => changed(`swarm/${s.stackName}/compose.yaml`));
    expect(stackLines(summarize(out, 'dist', all, 161))).toEqual(['s035', ...out.stacks.slice(0, MAX_STACKS_LISTED - 1).map((s) => s.stackName)]);
  });
});
