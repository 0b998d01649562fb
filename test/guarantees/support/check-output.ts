import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import type { ScalarTag } from 'yaml';
import type { ComposeFile } from '../../../lib/swarm/compose-types';
import type { FileSet } from '../../../lib/synth/render';
import { writeTree } from '../../../lib/synth/writer';
import { composeSchemaErrors } from '../../support/compose-schema';
import { dockerStackConfig } from '../../support/docker';
import { kubeSchema } from '../../support/kube-schema';
import { composeDeployErrors } from '../../support/oracle';
import type { KubeObject } from '../../support/synth';
import { tempDir } from '../../support/synth';
import { composeSemanticErrors, kubeSemanticErrors } from './semantics';

const STACK_FILE = /^(?:([^/]+)\/)?kubernetes\/([^/]+)\/\2\.k8s\.yaml$/;
const COMPOSE_FILE = /^(?:([^/]+)\/)?swarm\/([^/]+)\/compose\.yaml$/;
const INDEX_FILE = /^(?:([^/]+)\/)?kubernetes\/kustomization\.yaml$/;

/** Parsed output of one synth, by file. */
export interface ParsedOutput {
  readonly kube: Map<string, KubeObject[]>;
  readonly compose: Map<string, ComposeFile>;
}

/**
 * A plain scalar that Go's YAML readers parse with strconv (underscores
 * dropped, 0b/0o/0x prefixes, exponents): a number, whatever YAML 1.1 says.
 */
const GO_NUMBER: ScalarTag = {
  tag: 'tag:conductor.test,2025:go-number',
  default: true,
  test: /^(?:[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?0[bBoOxX][0-9a-fA-F_]+)$/,
  // Only its type matters here (a number where a string belongs).
  resolve: (s: string) => Number(s.replace(/_/g, '')) || 0,
};

/**
 * Reads the output as Go programs do: kubectl (sigs.k8s.io/yaml) and the
 * docker CLI read YAML 1.1, where an unquoted `on`, `y`, `0x1F` or `12:30`
 * is no string. A string the writer failed to quote then breaks a schema
 * type or the round trip of the value.
 */
export function parseOutput(files: FileSet): ParsedOutput {
  const kube = new Map<string, KubeObject[]>();
  const compose = new Map<string, ComposeFile>();
  const options = { version: '1.1' as const, customTags: [GO_NUMBER] };
  for (const [file, text] of files) {
    if (STACK_FILE.test(file)) kube.set(file, parseAllDocuments(text, options).map((d) => d.toJSON() as KubeObject));
    else if (COMPOSE_FILE.test(file)) compose.set(file, parse(text, options) as ComposeFile);
  }
  return { kube, compose };
}

/**
 * Every oracle on every file of one synth, without the docker CLI: the
 * strict Kubernetes 1.27 schema and the API server's rules for each
 * object, the Compose schema and the Swarm manager's rules for each stack
 * file (all read as YAML 1.1), and each environment's kustomization (no
 * object twice across its stacks). Returns the problems, empty when all is well.
 */
export function outputErrors(files: FileSet, parsed: ParsedOutput = parseOutput(files)): string[] {
  const errors: string[] = [];
  for (const [file, objects] of parsed.kube) {
    for (const o of objects) errors.push(...kubeSchema().validate(o).map((e) => `${file}: ${e}`));
    errors.push(...kubeSemanticErrors(objects).map((e) => `${file}: ${e}`));
  }
  for (const [file, doc] of parsed.compose) {
    const [, env, stack] = COMPOSE_FILE.exec(file)!;
    const dir = `${env ? `${env}/` : ''}swarm/${stack}/`;
    const stackFiles = new Map([...files].filter(([f]) => f.startsWith(dir)).map(([f, t]) => [f.slice(dir.length), t]));
    errors.push(
      ...[...composeSchemaErrors(doc), ...composeDeployErrors(doc), ...composeSemanticErrors(doc, stack, stackFiles)].map((e) => `${file}: ${e}`),
    );
  }
  for (const [file, text] of files) {
    const m = INDEX_FILE.exec(file);
    if (!m) continue;
    const prefix = m[1] ? `${m[1]}/` : '';
    const ids = new Map<string, string>();
    for (const stack of (parse(text) as { resources: string[] }).resources) {
      const objects = parsed.kube.get(`${prefix}kubernetes/${stack}/${stack}.k8s.yaml`);
      if (!objects) {
        errors.push(`${file}: resource ${stack} has no stack file`);
        continue;
      }
      for (const o of objects) {
        const id = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
        if (ids.has(id) && ids.get(id) !== stack) errors.push(`${file}: ${id} is in stacks ${ids.get(id)} and ${stack} (kustomize refuses it)`);
        ids.set(id, stack);
      }
    }
  }
  return errors;
}

/**
 * `docker stack config` on every stack file of a synth, written to a temp
 * dir (the real loader of the docker CLI, with the stack's config and
 * secret files beside it). Returns the problems and each stack's
 * normalized config as the loader printed it.
 */
export function dockerErrors(files: FileSet): { errors: string[]; loaded: Map<string, ComposeFile> } {
  const errors: string[] = [];
  const loaded = new Map<string, ComposeFile>();
  const composeFiles = [...files.keys()].filter((f) => COMPOSE_FILE.test(f));
  if (composeFiles.length === 0) return { errors, loaded };
  const root = tempDir('conductor-fuzz-');
  try {
    writeTree(root, files);
    for (const f of composeFiles) {
      const r = dockerStackConfig(path.join(root, f));
      if (r.status !== 0 || r.stderr !== '') errors.push(`${f}: docker stack config: ${r.status} ${r.stderr.trim()}`);
      else loaded.set(f, parse(r.stdout) as ComposeFile);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { errors, loaded };
}
