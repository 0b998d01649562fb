import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ValidationError } from '../../../lib';
import type { App } from '../../../lib';
import { writtenPath } from '../../../lib/model/resource';
import type { ComposeFile } from '../../../lib/swarm/compose-types';
import type { FileSet } from '../../../lib/synth/render';
import { writeTree } from '../../../lib/synth/writer';
import { dockerStackConfigAsync } from '../../support/docker';
import { tempDir } from '../../support/synth';
import { outputErrors, parseOutput } from './check-output';
import { dockerViewErrors, roundTripErrors } from './roundtrip';
import { ENV_NAMES } from './arbitraries';
import type { AppSpec } from './spec';

/** Errors the construct tree throws while the app is defined (documented in docs/guarantees.md). */
export const CONSTRUCT_TREE = /There is already a Construct with name|: id: must be a non-empty string|: scope: must be inside a Stack|: scope: an Environment must be created directly in the App/;

/**
 * Renders the app and runs every in-process oracle on its output; empty
 * when all is well. The stack files are added to `docker` for the real
 * loader, run in a batch afterwards. Throws what render throws.
 */
export function checkRendered(spec: AppSpec, app: App, docker?: DockerBatch): string[] {
  const out = app.render({ targets: spec.targets });
  const parsed = parseOutput(out.files);
  docker?.add(spec, out.files);
  return [...outputErrors(out.files, parsed), ...roundTripErrors(spec, parsed, out.files)];
}

/** A ValidationError that names construct paths of the app, fields and rules, one line each. */
export function checkValidationError(e: ValidationError, app: App): string[] {
  // Paths as the app wrote its ids ("a/b" for the tree's "a--b"): lib/model/resource.ts writtenPath.
  const paths = new Set(app.node.findAll().flatMap((c) => [c.node.path, writtenPath(c)]));
  const errors: string[] = [];
  if (e.problems.length === 0) errors.push('a ValidationError without problems');
  for (const p of e.problems) {
    if (!paths.has(p.path) && p.path !== '(app)') errors.push(`problem at ${p.path}, which is no construct path`);
    if (typeof p.field !== 'string' || p.field === '' || typeof p.rule !== 'string' || p.rule === '') errors.push(
      `problem without field or rule: ${JSON.stringify(p)}`,
    );
  }
  if (e.message.split('\n').length !== e.problems.length + 1) errors.push('not one message line per problem');
  return errors;
}

/**
 * `docker stack config` (the docker CLI's own loader) on many stack files:
 * each model's output is written under one temp dir as it is checked, and
 * `run` loads every stack file, several at a time, comparing what the
 * loader read with the model. The docker CLI is far slower than the
 * in-process oracles, so it runs once for the whole property.
 */
export class DockerBatch {
  private readonly root = tempDir('conductor-fuzz-docker-');
  private readonly entries: { spec: AppSpec; dir: string; files: string[] }[] = [];

  public get size(): number {
    return this.entries.reduce((n, e) => n + e.files.length, 0);
  }

  public add(spec: AppSpec, files: FileSet): void {
    const composeFiles = [...files.keys()].filter((f) => /(^|\/)swarm\/[^/]+\/compose\.yaml$/.test(f));
    if (composeFiles.length === 0) return;
    const dir = path.join(this.root, String(this.entries.length));
    writeTree(dir, files);
    this.entries.push({ spec, dir, files: composeFiles });
  }

  /** Problems, each with the spec of its model (to make a regression test of). */
  public async run(concurrency = 4): Promise<{ spec: AppSpec; errors: string[] }[]> {
    const jobs = this.entries.flatMap((e) => e.files.map((f) => ({ e, f })));
    const loaded = new Map<(typeof this.entries)[number], Map<string, ComposeFile>>();
    const failures: { spec: AppSpec; errors: string[] }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const { e, f } = jobs[next++];
        // Every env name the models use is set in the deploying shell: an empty value in a stack file would take it.
        const r = await dockerStackConfigAsync(path.join(e.dir, f), SHELL);
        if (r.status !== 0 || r.stderr !== '') failures.push({ spec: e.spec, errors: [`${f}: docker stack config: ${r.status} ${r.stderr.trim()}`] });
        else {
          if (!loaded.has(e)) loaded.set(e, new Map());
          loaded.get(e)!.set(f, parse(r.stdout) as ComposeFile);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    for (const [e, files] of loaded) {
      const errors = dockerViewErrors(e.spec, files);
      if (errors.length) failures.push({ spec: e.spec, errors });
    }
    return failures;
  }

  public dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

const SHELL = Object.fromEntries(ENV_NAMES.map((n) => [n, 'set-in-the-deploying-shell']));

