/**
 * The e2e test apps, checked without an engine (this file is in the unit
 * project): their Kubernetes output validates strictly against 1.27 and
 * builds with `kubectl kustomize` (1.27); their stack files pass the Compose
 * schema and `docker stack config`, which reads back exactly the literal
 * values of the model (no `$` interpolated away).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App } from '../../lib';
import { defineMarketplace } from '../../apps/marketplace';
import type { ComposeFile } from '../../lib/swarm/compose-types';
import { writeTree } from '../../lib/synth/writer';
import { composeSchemaErrors } from '../support/compose-schema';
import { dockerStackConfig } from '../support/docker';
import { expandLikeSwarm } from '../support/swarm-template';
import { kubeSchema } from '../support/kube-schema';
import { kustomizeBuild } from '../support/kubectl';
import { stackConfig } from '../support/oracle';
import { KubeObject, tempDir } from '../support/synth';
import { DELIVER_STACK, defineDeliver, DeliverVariant } from './apps/deliver';
import { FEATURES_STACK, featuresApp } from './apps/features';
import { HEALTH_STACK, healthApp } from './apps/health';
import { IMAGE_V1, IMAGE_V2 } from './apps/images';
import { IMPORTED, importedApp } from './apps/imported';
import { MARKETPLACE_STACK, marketplaceApp } from './apps/marketplace';
import { ROLLOUT_STACK, rolloutApp } from './apps/rollout';

const variants: [string, () => App, string][] = [
  [`${FEATURES_STACK}, generation 1`, () => featuresApp(1), FEATURES_STACK],
  [`${FEATURES_STACK}, generation 2`, () => featuresApp(2), FEATURES_STACK],
  [`${HEALTH_STACK}`, () => healthApp(false), HEALTH_STACK],
  [`${HEALTH_STACK}, broken update`, () => healthApp(true), HEALTH_STACK],
  [`${ROLLOUT_STACK}, image :1`, () => rolloutApp(IMAGE_V1), ROLLOUT_STACK],
  [`${ROLLOUT_STACK}, image :2`, () => rolloutApp(IMAGE_V2), ROLLOUT_STACK],
  ...(['v1', 'v2', 'broken'] as DeliverVariant[]).map(
    (v): [string, () => App, string] => [`${DELIVER_STACK}, ${v}`, () => deliverApp(v), DELIVER_STACK],
  ),
];

function deliverApp(variant: DeliverVariant): App {
  const app = new App({ outdir: 'unused' });
  defineDeliver(app, variant);
  return app;
}

describe.each(variants)('e2e app %s', (_, makeApp, stack) => {
  const out = makeApp().render();
  const root = tempDir('conductor-e2e-apps-');
  writeTree(root, out.files);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const kubeText = out.files.get(`kubernetes/${stack}/${stack}.k8s.yaml`)!;
  const composeText = out.files.get(`swarm/${stack}/compose.yaml`)!;

  test('its escape hatches (images, commands, endpoint_mode, health checks, env, labels) relax no secure default', () => {
    expect(out.risks.filter((r) => /^(Swarm\.override\.|Kubernetes escape hatch: )/.test(r.field))).toEqual([]);
  });

  test('every Kubernetes object validates strictly against Kubernetes 1.27', () => {
    const objects = parseAllDocuments(kubeText).map((d) => d.toJSON() as KubeObject);
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.flatMap((o) => kubeSchema().validate(o))).toEqual([]);
  });

  test('kubectl kustomize (1.27) builds the stack, and the result validates strictly', () => {
    const built = kustomizeBuild(path.join(root, 'kubernetes', stack));
    expect(built.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      parseAllDocuments(kubeText).map((d) => d.toJSON() as KubeObject).map((o) => `${o.kind}/${o.metadata.name}`).sort(),
    );
    expect(built.flatMap((o) => kubeSchema().validate(o))).toEqual([]);
  });

  test('the stack file validates against the Compose v3.13 schema', () => {
    expect(composeSchemaErrors(parse(composeText))).toEqual([]);
  });

  test('`docker stack config` loads the stack file and reads back every command and env value literally', () => {
    const r = dockerStackConfig(path.join(root, 'swarm', stack, 'compose.yaml'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const loaded = parse(r.stdout) as ComposeFile;
    for (const w of out.stacks[0].workloads) {
      const s = loaded.services[w.name];
      expect({ service: w.name, entrypoint: s.entrypoint, command: s.command }).toEqual({ service: w.name, entrypoint: w.command, command: w.args });
      const env = s.environment ?? {};
      // As the task gets it: swarmkit runs env values through Go templates (support/swarm-template.ts).
      for (const [k, v] of Object.entries(w.env)) expect({ service: w.name, env: k, value: expandLikeSwarm(env[k]) }).toEqual({
        service: w.name,
        env: k,
        value: v,
      });
    }
  });
});

test('the apps exercise `$` in commands and env, which `docker stack deploy` would otherwise interpolate', () => {
  const out = featuresApp(1).render();
  const text = out.files.get(`swarm/${FEATURES_STACK}/compose.yaml`)!;
  expect(text).toContain('$$(id -u)');
  expect(text).toContain('$$SLOT');
});

describe('the marketplace stand-ins (e2e: the marketplace example)', () => {
  const own = new App({ outdir: 'unused' });
  defineMarketplace(own);
  const example = parse(own.render({ targets: ['swarm'] }).files.get(`swarm/${MARKETPLACE_STACK}/compose.yaml`)!) as ComposeFile;
  const out = marketplaceApp().render();
  const text = out.files.get(`swarm/${MARKETPLACE_STACK}/compose.yaml`)!;
  const deployed = parse(text) as ComposeFile;

  test('what the suite deploys is the example\'s own stack file but for images, commands, the database\'s health command and the queue\'s ' +
    'slot env', () => {
    const strip = (c: ComposeFile) => JSON.parse(JSON.stringify(c, (k, v) => (['image', 'command'].includes(k) ? undefined : v))) as ComposeFile;
    const [a, b] = [strip(example), strip(deployed)];
    b.services.postgres.healthcheck!.test = a.services.postgres.healthcheck!.test;
    delete b.services.queue.environment;
    expect(b).toEqual(a);
    expect(Object.values(deployed.services).map((s) => s.image)).toEqual(Object.values(deployed.services).map(() => IMAGE_V1));
  });

  test('its overrides relax no secure default: the example\'s risks, no more', () => {
    expect(out.risks).toEqual(own.render().risks);
  });

  test('its Kubernetes output is the example\'s own', () => {
    expect(out.files.get(`kubernetes/${MARKETPLACE_STACK}/${MARKETPLACE_STACK}.k8s.yaml`)).toBe(
      own.render().files.get(`kubernetes/${MARKETPLACE_STACK}/${MARKETPLACE_STACK}.k8s.yaml`),
    );
  });

  test('the stack file passes the Compose schema and `docker stack config`', () => {
    expect(composeSchemaErrors(deployed)).toEqual([]);
    const r = stackConfig(out.files, MARKETPLACE_STACK);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

test.each(Object.keys(IMPORTED) as (keyof typeof IMPORTED)[])(
  'the imported %s stand-ins: their Swarm.override (image, command, health check, endpoint_mode) relaxes no secure default',
  (which) => {
    const { risks } = importedApp(which).app.render();
    expect(risks.filter((r) => /^(Swarm\.override\.|Kubernetes escape hatch: )/.test(r.field))).toEqual([]);
  },
);
