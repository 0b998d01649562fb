/**
 * Property-based tests (fast-check) on random apps.
 *
 * - Valid apps (support/arbitraries.ts `validApp`: many workloads of every
 *   kind, random combinations of every feature) render without a problem,
 *   every Kubernetes object validates strictly against the 1.27 schema and
 *   the API server's rules, every stack file passes the Compose schema, the
 *   Swarm manager's rules and `docker stack config`, and what the model says
 *   is in the output on both targets.
 * - Broken apps (`mutatedApp`) get a ValidationError (or, when the change
 *   happened to be valid, valid output): never another error, never an
 *   invalid file.
 * - Strict mode fails exactly when a target gap exists, naming each gap.
 *
 * The seed is fixed so that CI runs the same models every time; explore
 * with CONDUCTOR_FUZZ_SEED=<n> (and CONDUCTOR_FUZZ_RUNS=<n> models per
 * property). A counterexample prints as a spec: add it to
 * fuzz-regressions.test.ts.
 */
import fc from 'fast-check';
import { ValidationError } from '../../lib';
import type { App } from '../../lib';
import { permute, mutatedApp, validApp } from './support/arbitraries';
import { checkRendered, checkValidationError, CONSTRUCT_TREE, DockerBatch } from './support/properties';
import { buildApp } from './support/spec';

const SEED = Number(process.env.CONDUCTOR_FUZZ_SEED ?? 20251123);
const RUNS = Number(process.env.CONDUCTOR_FUZZ_RUNS ?? 300);
const TIMEOUT = Math.max(120_000, RUNS * 600);

/** Fails with each model whose stack files the docker CLI refused or read differently, as specs. */
async function expectDockerAccepts(batch: DockerBatch): Promise<void> {
  const failures = await batch.run();
  expect(failures.map((f) => `${f.errors.join('\n')}\n  in ${JSON.stringify(f.spec)}`)).toEqual([]);
}

describe(`property-based (seed ${SEED}, ${RUNS} models per property)`, () => {
  let batch: DockerBatch;
  beforeEach(() => {
    batch = new DockerBatch();
  });
  afterEach(() => batch.dispose());

  test('valid apps render, and every file passes every oracle and says what the model says', async () => {
    fc.assert(fc.property(validApp, (spec) => {
      const app = buildApp(spec);
      let errors: string[];
      try {
        errors = checkRendered(spec, app, batch);
      } catch (e) {
        errors = [`render threw ${(e as Error).name}: ${(e as Error).message}`];
      }
      if (errors.length) throw new Error(errors.join('\n'));
    }), { seed: SEED, numRuns: RUNS });
    expect(batch.size).toBeGreaterThan(RUNS);
    await expectDockerAccepts(batch);
  }, TIMEOUT);

  test('broken apps get a ValidationError (or valid output), never another error or an invalid file', async () => {
    const seen = { defined: 0, validationErrors: 0, rendered: 0 };
    fc.assert(fc.property(mutatedApp, ({ spec }) => {
      let app: App;
      try {
        app = buildApp(spec);
      } catch (e) {
        // Refused by the construct tree while the app is defined: nothing is rendered or written.
        if (CONSTRUCT_TREE.test((e as Error).message)) return;
        throw new Error(`defining the app threw ${(e as Error).name}: ${(e as Error).message}`);
      }
      seen.defined++;
      let errors: string[];
      try {
        errors = checkRendered(spec, app, batch);
        seen.rendered++;
      } catch (e) {
        if (!(e instanceof ValidationError)) throw new Error(
          `render threw ${(e as Error).name}, not a ValidationError: ${(e as Error).message}\n${(e as Error).stack}`,
        );
        seen.validationErrors++;
        errors = checkValidationError(e, app);
      }
      if (errors.length) throw new Error(errors.join('\n'));
    }), { seed: SEED, numRuns: RUNS });
    // Most broken apps must be refused, and a few must have stayed valid (so both branches ran).
    expect(seen.validationErrors).toBeGreaterThan(RUNS / 2);
    expect(seen.rendered).toBeGreaterThan(0);
    await expectDockerAccepts(batch);
  }, TIMEOUT);

  test('strict mode fails exactly when there are target gaps or run-time warnings, with one problem per gap or warning', () => {
    fc.assert(fc.property(validApp, (spec) => {
      const loose = buildApp(spec).render({ targets: spec.targets });
      const strict = buildApp({ ...spec, strict: true });
      if (loose.gaps.length === 0 && loose.warnings.length === 0) {
        expect(strict.render({ targets: spec.targets }).files).toEqual(loose.files);
        return;
      }
      let error: unknown;
      try {
        strict.render({ targets: spec.targets });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      const problems = (error as ValidationError).problems.map((p) => `${p.path} ${p.field} ${p.rule}`).sort();
      const gaps = loose.gaps.map((g) => `${g.path} ${g.field} strict mode forbids target gaps: [${g.target}] ${g.message}`);
      const warnings = loose.warnings.map(
        (w) => `${w.path} ${w.field} strict mode forbids run-time warnings: ${w.target ? `[${w.target}] ` : ''}${w.message}`,
      );
      expect(problems).toEqual([...gaps, ...warnings].sort());
    }), { seed: SEED, numRuns: Math.ceil(RUNS / 5) });
  }, TIMEOUT);

  test('declaration order that means nothing (stacks, workloads, configs, secrets, volumes, networks, ingresses, env, labels, files) does not ' +
    'change a byte', () => {
    fc.assert(fc.property(validApp, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (spec, seed) => {
      const a = buildApp(spec).render({ targets: spec.targets }).files;
      const b = buildApp(permute(spec, seed)).render({ targets: spec.targets }).files;
      expect([...b.keys()]).toEqual([...a.keys()]);
      expect(b).toEqual(a);
    }), { seed: SEED, numRuns: Math.ceil(RUNS / 5) });
  }, TIMEOUT);
});
