/*
 * Run by test/synth/name-keyed.test.ts in a process of its own (plain
 * node, not Jest's sandbox):
 *   node --allow-natives-syntax -r tsx/cjs test/support/hidden-classes.ts <stacks>
 * Builds an app of <stacks> small stacks, renders the Swarm target of all
 * of them, then the Kubernetes objects of a few, and prints as JSON whether
 * the Deployments of different stacks share their hidden classes (V8 maps).
 */
import { App, Config, Secret, Stack, Volume, Workload } from '../../lib';
import { renderKubernetesStack } from '../../lib/kubernetes/chart';

const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const n = Number(process.argv[2]);
const app = new App();
for (let i = 0; i < n; i++) {
  const s = new Stack(app, `s${i}`);
  const cfg = new Config(s, `s${i}-config`, { files: { 'a.conf': 'a' }, env: { A: 'a' } });
  const secret = Secret.fromExisting(s, `s${i}-db`);
  new Workload(s, `s${i}`, { image: 'nginx:1.27', ports: [{ port: 80 }] })
    .envFromConfig(cfg).envFromSecret('PW', secret).mountVolume('/data', new Volume(s, `s${i}-data`));
}
app.render({ targets: ['swarm'] });
const stacks = app.stacks;
type Deployment = { spec: { template: { spec: object } } };
const deployment = (s: Stack) => renderKubernetesStack(s).find((o) => o.kind === 'Deployment') as unknown as Deployment;
// The first objects of a kind may keep hidden classes that later ones generalized: compare from the fourth on.
const [, , , a, ...others] = [stacks[0], stacks[1], stacks[2], stacks[3], stacks[n - 2], stacks[n - 1]].map(deployment);
process.stdout.write(JSON.stringify({
  spec: others.every((o) => haveSameMap(a.spec, o.spec)),
  podSpec: others.every((o) => haveSameMap(a.spec.template.spec, o.spec.template.spec)),
}) + '\n');
