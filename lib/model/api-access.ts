import { ProblemCollector } from './problems';

/** One permission on the Kubernetes API. */
export interface ApiAccessRule {
  /** API groups, `''` for the core group. @default [''] */
  readonly apiGroups?: string[];
  /** Resource types, e.g. `pods`, `configmaps`, `deployments`. */
  readonly resources: string[];
  /** Verbs, e.g. `get`, `list`, `watch`. */
  readonly verbs: string[];
  /** Only these objects. @default - all of the type, in the stack's namespace */
  readonly resourceNames?: string[];
}

const VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*']);

export function validateApiAccess(rules: ApiAccessRule[] | undefined, c: ProblemCollector, path: string): void {
  (rules ?? []).forEach((r, i) => {
    const field = `apiAccess[${i}]`;
    if (!Array.isArray(r.resources) || r.resources.length === 0 || r.resources.some((x) => typeof x !== 'string' || !/^[a-z*][a-z0-9/*-]*$/.test(x))) {
      c.error(path, `${field}.resources`, 'must be a non-empty list of lower-case resource types', r.resources);
    }
    if (!Array.isArray(r.verbs) || r.verbs.length === 0 || r.verbs.some((v) => !VERBS.has(v))) {
      c.error(path, `${field}.verbs`, `must be a non-empty list of ${[...VERBS].join(', ')}`, r.verbs);
    }
    for (const f of ['apiGroups', 'resourceNames'] as const) {
      const v = r[f];
      if (v !== undefined && (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string'))) {
        c.error(path, `${field}.${f}`, 'must be a non-empty list of strings', v);
      }
    }
  });
}
