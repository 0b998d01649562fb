import { stringify } from 'yaml';

// No line folding: long strings stay on one line, so diffs show real changes.
// YAML 1.1 rules for quoting: kubectl (sigs.k8s.io/yaml) and Go's yaml.v2 read
// an unquoted `on`, `yes` or `n` as a boolean, so such strings must be quoted.
const OPTIONS = { version: '1.1', lineWidth: 0, minContentWidth: 0 } as const;

/** One YAML document. */
export function toYaml(value: unknown): string {
  return stringify(value, OPTIONS);
}

/** Several YAML documents in one file, separated by `---`. */
export function toYamlDocuments(values: unknown[]): string {
  return values.map((v) => stringify(v, OPTIONS)).join('---\n');
}
