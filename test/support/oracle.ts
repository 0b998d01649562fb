import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App, ValidationError } from '../../lib';
import type { Problem, SynthOptions, SynthOutput } from '../../lib';
import type { ComposeFile, ComposeService } from '../../lib/swarm/compose-types';
import { writeTree } from '../../lib/synth/writer';
import { composeSchemaErrors } from './compose-schema';
import { dockerStackConfig, StackConfigResult } from './docker';
import { kubeSchema } from './kube-schema';
import { KubeObject, newStack, tempDir } from './synth';

/**
 * What neither `docker stack config` nor the schema checks but `docker stack
 * deploy` or the Swarm manager refuses (DESIGN "Facts that bite"): every
 * service has an image, service keys have no dots, every referenced config,
 * secret, volume and network (but `default`) is declared at the top level, and long-syntax ports are
 * port numbers (the loader takes `published: 99999`).
 */
export function composeDeployErrors(doc: ComposeFile): string[] {
  const errors: string[] = [];
  for (const [key, s] of Object.entries(doc.services ?? {}) as [string, ComposeService][]) {
    if (!s.image) errors.push(`services.${key}: no image`);
    if (key.includes('.')) errors.push(`services.${key}: a dotted service key`);
    for (const c of s.configs ?? []) if (!doc.configs?.[c.source]) errors.push(`services.${key}: undefined config ${c.source}`);
    // Compose's short form (`secrets: [name]`) is valid too.
    for (const c of s.secrets ?? []) {
      const source = typeof c === 'string' ? c : c.source;
      if (!doc.secrets?.[source]) errors.push(`services.${key}: undefined secret ${source}`);
    }
    const isPort = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;
    for (const p of s.ports ?? []) {
      if (!isPort(p.target) || (p.published !== undefined && !isPort(p.published))) errors.push(
        `services.${key}: port out of range ${JSON.stringify(p)}`,
      );
    }
    for (const v of s.volumes ?? []) {
      if (v.type === 'volume' && !doc.volumes?.[v.source!]) errors.push(`services.${key}: undefined volume ${v.source}`);
    }
    // `docker stack deploy` refuses an undeclared network, except Swarm's own `default`.
    const networks = Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});
    for (const n of networks) if (n !== 'default' && !doc.networks?.[n]) errors.push(`services.${key}: undefined network ${n}`);
  }
  return errors;
}

export interface CheckedStack {
  /** Every Kubernetes object of the stack, parsed. */
  readonly kube: KubeObject[];
  /** The stack's Compose document, parsed. */
  readonly compose: ComposeFile;
  /** Every output file of the render. */
  readonly files: Map<string, string>;
  /** The whole render (gaps, secretFiles, stacks). */
  readonly out: SynthOutput;
}

/**
 * Renders the app in memory and checks every output with the oracles:
 * each Kubernetes object of every stack validates strictly against the
 * Kubernetes 1.27 schemas, and each stack file passes the Compose v3.13
 * schema and the deploy checks above. Returns the parsed output of one
 * stack (the first, or `stackName`).
 */
export function renderChecked(app: App, stackName?: string): CheckedStack {
  const out = app.render();
  for (const [file, text] of out.files) {
    if (file.endsWith('.k8s.yaml')) {
      const objects = parseAllDocuments(text).map((d) => d.toJSON() as KubeObject);
      expect({ file, errors: objects.flatMap((o) => kubeSchema().validate(o)) }).toEqual({ file, errors: [] });
    } else if (file.endsWith('/compose.yaml')) {
      const doc = parse(text) as ComposeFile;
      expect({ file, errors: [...composeSchemaErrors(doc), ...composeDeployErrors(doc)] }).toEqual({ file, errors: [] });
    }
  }
  const name = stackName ?? out.stacks[0].stackName;
  const kubeText = out.files.get(`kubernetes/${name}/${name}.k8s.yaml`);
  const composeText = out.files.get(`swarm/${name}/compose.yaml`);
  if (kubeText === undefined || composeText === undefined) throw new Error(`no output for stack ${name}`);
  const kube = parseAllDocuments(kubeText).map((d) => d.toJSON() as KubeObject);
  const compose = parse(composeText) as ComposeFile;
  return { kube, compose, files: out.files, out };
}

/** Writes the output to a fresh temp dir and runs `docker stack config` on the stack's file. */
export function stackConfig(files: Map<string, string>, stackName: string): StackConfigResult {
  const root = tempDir('conductor-stack-config-');
  try {
    writeTree(root, files);
    return dockerStackConfig(path.join(root, 'swarm', stackName, 'compose.yaml'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The problems of an app that must not validate (fails the test when it renders). */
export function problemsOf(app: App, options: SynthOptions = {}): { problems: readonly Problem[]; message: string } {
  try {
    app.render(options);
  } catch (e) {
    if (e instanceof ValidationError) return { problems: e.problems, message: e.message };
    throw e;
  }
  throw new Error('expected a ValidationError, but the app rendered');
}

export interface ExpectedProblem {
  readonly path: string;
  readonly field: string;
  /** A fragment of the rule text. */
  readonly rule: string;
  /** The offending value; leave out for problems that have none. */
  readonly value?: unknown;
}

/**
 * Asserts that rendering fails with a problem naming the construct path,
 * the field, the rule and the offending value, both in `problems` and in
 * the error message (one line per problem).
 */
export function expectProblem(app: App, expected: ExpectedProblem): Problem {
  const { problems, message } = problemsOf(app);
  const match = problems.find((p) => p.path === expected.path && p.field === expected.field && p.rule.includes(expected.rule));
  if (!match) {
    throw new Error(`no problem ${expected.path}: ${expected.field}: ...${expected.rule}... among:\n${message}`);
  }
  if ('value' in expected) expect(match.value).toEqual(expected.value);
  const line = message.split('\n').find((l) => l.startsWith(`  - ${expected.path}: ${expected.field}: `) && l.includes(expected.rule));
  expect(line).toBeDefined();
  if ('value' in expected) {
    const v = expected.value;
    const shown = typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v) ?? 'undefined';
    expect(line).toContain(`(got ${shown.length > 80 ? shown.slice(0, 77) : shown}`);
  }
  return match;
}

/** One bad-input case: a description, what to build in stack `s`, and the problem it must give. */
export type InvalidCase = [string, (stack: import('../../lib').Stack) => void, ExpectedProblem];

/**
 * The bad-input table of a concept: one test per case, titled by its description,
 * that builds the case in a fresh stack `s` and expects its problem (see `expectProblem`).
 */
export function testBadInput(cases: readonly InvalidCase[]): void {
  test.each(cases)('%s', (_, build, expected) => {
    const { app, stack } = newStack('s');
    build(stack);
    expectProblem(app, expected);
  });
}
