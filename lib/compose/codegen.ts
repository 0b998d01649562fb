import * as path from 'path';
import { HealthCheck } from '../model/health';
import { RestartCondition } from '../model/lifecycle';
import { NodeRole } from '../model/placement';
import { Exposure, PublishMode } from '../model/ports';
import { FailureAction, RolloutOrder } from '../model/rollout';
import { AccessMode } from '../model/volume';
import { ImportPlan, PlannedMount, PlannedWorkload } from './plan';
import { ComposeImportNote, formatNote } from './problems';

export interface CodegenOptions {
  /** Module the generated code imports the constructs from, e.g. `cdk8s-conductor`. */
  readonly libraryModule: string;
  /** Absolute path of the file to write: config files are read relative to it. */
  readonly outFile: string;
  /** Every note of the import (the plan's and the model's). */
  readonly notes: readonly ComposeImportNote[];
}

const WIDTH = 110;

// Props whose values are members of these enums print as `Enum.MEMBER`.
const ENUMS: Record<string, [string, Record<string, string>]> = {
  exposure: ['Exposure', Exposure],
  publishMode: ['PublishMode', PublishMode],
  order: ['RolloutOrder', RolloutOrder],
  failureAction: ['FailureAction', FailureAction],
  condition: ['RestartCondition', RestartCondition],
  nodeRole: ['NodeRole', NodeRole],
  accessMode: ['AccessMode', AccessMode],
};

const RESERVED = new Set([
  'app', 'stack', 'file', 'fs', 'path', 'App', 'Stack', 'Config', 'Secret', 'Volume', 'Network', 'Workload', 'StatefulWorkload',
  'DaemonWorkload', 'Job', 'HealthCheck', 'Exposure', 'PublishMode', 'RolloutOrder', 'FailureAction', 'RestartCondition', 'NodeRole',
  'AccessMode',
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package',
  'private', 'protected', 'public', 'await', 'async', 'of', 'undefined', 'require', 'module', 'exports', 'process', 'console',
]);

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Control characters and U+2028/U+2029 (line terminators in older JavaScript) are written as \uXXXX escapes. */
const needsUnicodeEscape = (code: number) => code < 0x20 || code === 0x2028 || code === 0x2029;

/** A TypeScript string literal in single quotes. */
export function quote(s: string): string {
  let body = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = s.charCodeAt(i);
    body += ESCAPES[c] ?? (needsUnicodeEscape(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c);
  }
  return `'${body}'`;
}

/** `file('<rel>')` in the generated code: a config file read when the app runs. */
class FileRead {
  constructor(public readonly rel: string) {}
}

/** A setting written once and shared by several services: printed as its variable's name. */
class SharedRef {
  constructor(public readonly name: string) {}
}

/** Props that services often repeat identically, with the type a shared constant needs. */
const SHAREABLE: Readonly<Record<string, string>> = {
  security: 'SecurityProps', rollout: 'RolloutProps', health: 'HealthProps', resources: 'ResourcesProps',
  restartPolicy: 'RestartPolicyProps', lifecycle: 'LifecycleProps', placement: 'PlacementProps',
};

const propKey = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : quote(k));

class Printer {
  public readonly used = new Set<string>();

  /** Prints a value at `indent`; `key` is its prop name (for enums). */
  public value(v: unknown, indent: string, key?: string, comments: Record<string, string> = {}, forceBlock = false): string {
    if (v instanceof FileRead) return `file(${quote(v.rel)})`;
    if (v instanceof SharedRef) return v.name;
    if (v instanceof HealthCheck) {
      this.used.add('HealthCheck');
      return `HealthCheck.command(${this.value(v.command, indent)})`;
    }
    if (key !== undefined && typeof v === 'string' && ENUMS[key]) {
      const [name, e] = ENUMS[key];
      const member = Object.keys(e).find((m) => e[m] === v);
      if (member) {
        this.used.add(name);
        return `${name}.${member}`;
      }
    }
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      const items = v.map((x) => this.value(x, inner));
      const line = `[${items.join(', ')}]`;
      if (!forceBlock && indent.length + line.length <= WIDTH && !line.includes('\n')) return line;
      return `[\n${items.map((i) => `${inner}${i},\n`).join('')}${indent}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      const parts = entries.map(([k, x]) => (x instanceof SharedRef && x.name === k ? k : `${propKey(k)}: ${this.value(x, inner, k)}`));
      const line = `{ ${parts.join(', ')} }`;
      if (!forceBlock && Object.keys(comments).length === 0 && indent.length + line.length <= WIDTH && !line.includes('\n')) return line;
      return `{\n${entries.map(([k], i) => `${comments[k] ? `${inner}// ${comments[k]}\n` : ''}${inner}${parts[i]},\n`).join('')}${indent}}`;
    }
    throw new Error(`internal: cannot print ${String(v)}`);
  }
}

function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Word-wraps `text` into comment lines. */
function commentLines(text: string, indent: string, first = '// ', rest = '//   '): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length + 1 > WIDTH - indent.length && line.trim() !== first.trim()) {
      lines.push(indent + line.trimEnd());
      line = rest;
    }
    line += `${word} `;
  }
  lines.push(indent + line.trimEnd());
  return lines;
}

/**
 * Readable TypeScript that makes the constructs of the plan with the
 * public API: the same calls `buildPlan` makes.
 */
export function generateTypeScript(plan: ImportPlan, options: CodegenOptions): string {
  const p = new Printer();
  const names = new Set<string>(RESERVED);
  const variable = (id: string, suffix: string): string => {
    let v = camel(id);
    if (!/^[A-Za-z_$]/.test(v)) v = `_${v}`;
    if (names.has(v)) v = `${v}${suffix}`;
    for (let i = 2; names.has(v); i++) v = `${camel(id)}${suffix}${i}`;
    names.add(v);
    return v;
  };
  const outDir = path.dirname(options.outFile);
  const used = {
    configs: new Set(plan.workloads.flatMap((w) => w.mounts.flatMap((m) => (m.kind === 'config' ? [m.config] : [])))),
    secrets: new Set(plan.workloads.flatMap((w) => w.mounts.flatMap((m) => (m.kind === 'secret' ? [m.secret] : [])))),
    volumes: new Set(plan.workloads.flatMap((w) => w.mounts.flatMap((m) => (m.kind === 'volume' ? [m.volume] : [])))),
    networks: new Set(plan.workloads.flatMap((w) => w.networks)),
  };
  const vars = {
    configs: new Map<string, string>(), secrets: new Map<string, string>(), volumes: new Map<string, string>(), networks: new Map<string, string>(),
  };
  const body: string[] = [];
  const classes = new Set<string>(['App', 'Stack']);

  /** `const v = <head><props>)` or `<head><props>);`, props inline when the line fits. */
  const declare = (section: keyof typeof vars, id: string, suffix: string, head: string, props?: object) => {
    const lead = used[section].has(id) ? `const ${(vars[section].set(id, variable(id, suffix)), vars[section].get(id))} = ` : '';
    const inline = props === undefined ? '' : p.value(props, '');
    const fits = lead.length + head.length + inline.length + 3 <= WIDTH;
    const args = props === undefined ? '' : `, ${fits ? inline : p.value(props, '', undefined, {}, true)}`;
    body.push(`${lead}${head}${args});`);
  };

  if (plan.configs.length) {
    classes.add('Config');
    body.push('', '// Configs: files read next to this one (their content is hashed into the config names).');
    for (const c of plan.configs) {
      const relative = (source: string) => path.relative(outDir, source).split(path.sep).join('/');
      const files = Object.fromEntries(Object.entries(c.files).map(([f, { source }]) => [f, new FileRead(relative(source))]));
      declare('configs', c.id, 'Config', `new Config(stack, ${quote(c.id)}`, { files });
    }
  }
  if (plan.secrets.length) {
    classes.add('Secret');
    body.push('', '// Secrets: references to secrets created beforehand on the cluster / swarm (never their values).');
    for (const s of plan.secrets) declare('secrets', s.id, 'Secret', `Secret.fromExisting(stack, ${quote(s.id)}`);
  }
  if (plan.volumes.length) {
    classes.add('Volume');
    body.push('', '// Volumes: Kubernetes PersistentVolumeClaims, Swarm named volumes.');
    for (const v of plan.volumes) {
      declare('volumes', v.id, 'Volume', `new Volume(stack, ${quote(v.id)}`, Object.keys(v.props).length ? v.props : undefined);
    }
  }
  if (plan.networks.length) {
    classes.add('Network');
    body.push('', '// Networks: only workloads that share one may talk (Kubernetes NetworkPolicies, Swarm overlay networks).');
    for (const n of plan.networks) {
      declare('networks', n.id, 'Network', `new Network(stack, ${quote(n.id)}`, Object.keys(n.props).length ? n.props : undefined);
    }
  }

  const shared = shareRepeatedSettings(plan, p, variable, body);

  body.push('', '// Services.');
  for (const w of plan.workloads) {
    classes.add(w.kind);
    body.push('');
    body.push(...commentLines(`${w.service}${w.id !== w.service ? ` (renamed ${w.id})` : ''}: ${KIND_TEXT[w.kind]}`, ''));
    for (const n of options.notes.filter((x) => x.service === w.service)) body.push(...commentLines(formatNote(n), '', '//   note: ', '//     '));
    const props: Record<string, unknown> = { ...w.props };
    const comments = { ...w.comments };
    for (const [key, ref] of shared.get(w) ?? []) {
      props[key] = ref;
      delete comments[key];
    }
    const raw = p.value(props, '', undefined, comments, true);
    const networks = w.networks.map((id) => vars.networks.get(id)!);
    const withNetworks = networks.length ? raw.replace(/\n}$/, `\n  networks: [${networks.join(', ')}],\n}`) : raw;
    const calls = w.mounts.map((m) => mountCall(m, vars, p));
    const expr = `new ${w.kind}(stack, ${quote(w.id)}, ${withNetworks})`;
    if (calls.length === 0) body.push(`${expr};`);
    else if (calls.length === 1 && calls[0].length + w.id.length < WIDTH - 8) {
      const v = variable(w.id, w.kind === 'Job' ? 'Job' : 'Workload');
      body.push(`const ${v} = ${expr};`, `${v}.${calls[0]};`);
    } else {
      const v = variable(w.id, w.kind === 'Job' ? 'Job' : 'Workload');
      body.push(`const ${v} = ${expr};`, `${v}`, ...calls.map((c, i) => `  .${c}${i === calls.length - 1 ? ';' : ''}`));
    }
  }

  const header: string[] = [
    `// Imported by \`conductor import\` (cdk8s-conductor) from ${path.relative(outDir, path.resolve(plan.file)).split(path.sep).join('/')}.`,
    '// This file is the source of the stack now: change it, then run `npx conductor synth`.',
    '// Compose keys that Conductor maps differently, or not at all, are noted below and above each',
    '// service (the whole mapping: docs/compose-import.md of cdk8s-conductor).',
  ];
  const fileNotes = options.notes.filter((n) => n.service === undefined);
  if (fileNotes.length) {
    header.push('//', '// Notes on the whole file:');
    for (const n of fileNotes) header.push(...commentLines(formatNote(n), '', '//   - ', '//     '));
  }
  const imports = [...classes, ...p.used].sort((a, b) => a.localeCompare(b));
  const out = [...header, ''];
  if (plan.configs.length) out.push("import * as fs from 'fs';", "import * as path from 'path';");
  out.push(importLine(imports, options.libraryModule));
  if (plan.configs.length) {
    out.push('', '/** A file of the imported project, relative to this one. */', 'function file(name: string): string {',
      "  return fs.readFileSync(path.join(__dirname, name), 'utf8');", '}');
  }
  out.push('', 'const app = new App();', `const stack = new Stack(app, ${quote(plan.stackName)});`, ...body, '', 'app.synth();', '');
  return out.join('\n');
}

/**
 * Settings that two or more services have identically (value and comment)
 * are written once, as a typed constant before the services, and each
 * service refers to it. Returns, per workload, the props to replace.
 */
function shareRepeatedSettings(
  plan: ImportPlan, p: Printer, variable: (id: string, suffix: string) => string, body: string[],
): Map<ImportPlan['workloads'][number], Map<string, SharedRef>> {
  const out = new Map<ImportPlan['workloads'][number], Map<string, SharedRef>>();
  const lines: string[] = [];
  // Each workload's props by name (the classes' props types differ: a Job has no rollout).
  const propsOf = new Map(plan.workloads.map((w): [PlannedWorkload, Readonly<Record<string, unknown>>] => [w, { ...w.props }]));
  for (const [key, type] of Object.entries(SHAREABLE)) {
    const groups = new Map<string, ImportPlan['workloads'][number][]>();
    for (const w of plan.workloads) {
      const value = propsOf.get(w)![key];
      if (value === undefined) continue;
      const k = JSON.stringify([value, value instanceof HealthCheck ? value.command : null, w.comments[key] ?? '']);
      groups.set(k, [...(groups.get(k) ?? []), w]);
    }
    for (const users of groups.values()) {
      if (users.length < 2) continue;
      const name = variable(key, 'Shared');
      const ref = new SharedRef(name);
      for (const w of users) out.set(w, new Map([...(out.get(w) ?? []), [key, ref]]));
      p.used.add(type);
      const comment = users[0].comments[key] ? `: ${users[0].comments[key]}` : '';
      lines.push('', ...commentLines(`${key} of ${users.map((w) => w.id).join(', ')}${comment}`, ''));
      lines.push(`const ${name}: ${type} = ${p.value(propsOf.get(users[0])![key], '', key)};`);
    }
  }
  if (lines.length) body.push('', '// Settings several services share (written once).', ...lines);
  return out;
}

const KIND_TEXT: Record<string, string> = {
  Workload: 'a replicated service',
  StatefulWorkload: 'a replicated service with a volume per replica',
  DaemonWorkload: 'a global service (one task per node)',
  Job: 'a replicated job',
};

function importLine(names: string[], module: string): string {
  const line = `import { ${names.join(', ')} } from ${quote(module)};`;
  if (line.length <= WIDTH) return line;
  return `import {\n  ${names.join(', ')},\n} from ${quote(module)};`;
}

function mountCall(m: PlannedMount, vars: Record<'configs' | 'secrets' | 'volumes' | 'networks', Map<string, string>>, p: Printer): string {
  switch (m.kind) {
    case 'config':
      return `mountConfig(${vars.configs.get(m.config)}, ${quote(m.path)}, { file: ${quote(m.file)} })`;
    case 'secret':
      return `mountSecret(${vars.secrets.get(m.secret)}${m.path !== undefined ? `, { path: ${quote(m.path)} }` : ''})`;
    case 'volume':
      return `mountVolume(${quote(m.path)}, ${vars.volumes.get(m.volume)}${m.readOnly ? ', { readOnly: true }' : ''})`;
    case 'scratch':
      return `mountScratch(${quote(m.path)}${m.sizeLimit !== undefined ? `, { sizeLimit: ${quote(m.sizeLimit)} }` : ''})`;
    case 'host':
      return `mountHostPath(${quote(m.path)}, ${quote(m.hostPath)}, { allowHostAccess: true${m.readOnly ? ', readOnly: true' : ''} })`;
    case 'perReplica':
      return `mountPerReplicaVolume(${quote(m.path)}, ${quote(m.name)}${Object.keys(m.props).length ? `, ${p.value(m.props, '  ')}` : ''})`;
  }
}
