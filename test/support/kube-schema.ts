import Ajv, { ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { SCHEMAS } from './paths';

type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; additionalProperties?: unknown };

/**
 * Strict validation against the official Kubernetes 1.27 JSON schemas:
 * every definition that lists `properties` is closed (unknown fields are
 * rejected, like `kubectl apply --validate=strict`), except maps that
 * declare `additionalProperties` themselves. See ../shared/schemas/SOURCES.md.
 */
class KubeSchema {
  private readonly ajv: Ajv;
  private readonly byGvk = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const file = path.join(SCHEMAS, 'kubernetes-1.27', '_definitions.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { definitions: Record<string, Schema> };
    for (const [name, def] of Object.entries(doc.definitions)) {
      close(def);
      const gvks = (def['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[];
      for (const g of gvks) this.byGvk.set(`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`, name);
    }
    this.ajv = new Ajv({ strict: false, allErrors: true });
    // Numeric widths and int-or-string are enforced by `type`; these formats add nothing.
    for (const f of ['int32', 'int64', 'int-or-string', 'double']) this.ajv.addFormat(f, true);
    this.ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
    this.ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    this.ajv.addSchema({ definitions: doc.definitions }, 'k8s');
  }

  /** Error messages; empty when the object is valid. */
  public validate(obj: { apiVersion?: string; kind?: string; metadata?: { name?: string } }): string[] {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const name = this.byGvk.get(key);
    if (!name) return [`no Kubernetes 1.27 schema for ${key}`];
    let fn = this.compiled.get(name);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `k8s#/definitions/${name}` });
      this.compiled.set(name, fn);
    }
    if (fn(obj as unknown)) return [];
    return (fn.errors ?? []).map(
      (e) => `${obj.kind}/${obj.metadata?.name}${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${String(
        e.params.additionalProperty,
      )}` : ''}`,
    );
  }
}

function close(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(close);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const s = node as Schema;
  if (s.properties && s.additionalProperties === undefined) s.additionalProperties = false;
  for (const v of Object.values(s)) close(v);
}

let instance: KubeSchema | undefined;

/** The shared validator (building it takes a moment). */
export function kubeSchema(): KubeSchema {
  instance ??= new KubeSchema();
  return instance;
}
