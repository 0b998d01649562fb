import { Construct } from 'constructs';
import { contentHash } from './hash';
import { checkKeySegment, checkExecText, checkText, ENV_NAME_PATTERN, ENV_NAME_RULE, EXEC_STRING_RULE, oversizedExecString, FILE_NAME_PATTERN, FILE_NAME_RULE } from './names';
import { ProblemCollector } from './problems';
import { Resource } from './resource';

export interface ConfigProps {
  /**
   * Files by name (one path segment each) and their text content.
   * @default - no files
   */
  readonly files?: { readonly [fileName: string]: string };

  /**
   * Environment entries, for workloads that take this config as env.
   * @default - no env entries
   */
  readonly env?: { readonly [name: string]: string };
}

/**
 * Non-secret configuration: files and env entries.
 *
 * Kubernetes: one ConfigMap named `<name>-<hash>`. Swarm: one config per file
 * named `<name>-<file>-<hash>`, written next to the stack file. The hash of
 * the content is in the name on both targets, so changing the content rolls
 * the workloads that use it (and Swarm never tries to update an immutable
 * config that is in use).
 */
export class Config extends Resource {
  public readonly files: { readonly [fileName: string]: string };
  public readonly env: { readonly [name: string]: string };

  constructor(scope: Construct, id: string, props: ConfigProps = {}) {
    super(scope, id);
    this.files = { ...(props.files ?? {}) };
    this.env = { ...(props.env ?? {}) };
  }

  /** Sorted file names. */
  public get fileNames(): string[] {
    return Object.keys(this.files).sort();
  }

  /** Sorted env entry names. */
  public get envNames(): string[] {
    return Object.keys(this.env).sort();
  }

  /** Hash of all content (files and env), used in the Kubernetes ConfigMap name. */
  public get hash(): string {
    const files = this.fileNames.map((f) => [f, this.files[f]]);
    const env = this.envNames.map((k) => [k, this.env[k]]);
    return contentHash(JSON.stringify({ files, env }));
  }

  /** `<name>-<hash>`: the ConfigMap name. */
  public get hashedName(): string {
    return `${this.name}-${this.hash}`;
  }

  protected validateProps(c: ProblemCollector): void {
    const path = this.node.path;
    if (this.fileNames.length === 0 && this.envNames.length === 0) {
      c.error(path, 'files', 'a Config needs at least one file or env entry');
    }
    for (const f of this.fileNames) {
      if (!FILE_NAME_PATTERN.test(f)) c.error(path, `files[${JSON.stringify(f)}]`, FILE_NAME_RULE, f);
      else if (checkKeySegment(f)) c.error(path, `files[${JSON.stringify(f)}]`, checkKeySegment(f)!, f);
      if (typeof this.files[f] !== 'string') {
        c.error(path, `files[${JSON.stringify(f)}]`, 'content must be a string', this.files[f]);
        continue;
      }
      if (checkText(this.files[f])) c.error(
        path,
        `files[${JSON.stringify(f)}]`,
        checkText(this.files[f])!,
        `${Buffer.byteLength(this.files[f])} bytes`,
      );
    }
    for (const k of this.envNames) {
      if (!ENV_NAME_PATTERN.test(k)) c.error(path, `env[${JSON.stringify(k)}]`, ENV_NAME_RULE, k);
      if (typeof this.env[k] !== 'string') c.error(path, `env[${JSON.stringify(k)}]`, 'value must be a string', this.env[k]);
      else if (oversizedExecString(`${k}=${this.env[k]}`)) c.error(
        path,
        `env[${JSON.stringify(k)}]`,
        EXEC_STRING_RULE,
        oversizedExecString(`${k}=${this.env[k]}`),
      );
      else if (checkExecText(this.env[k])) c.error(path, `env[${JSON.stringify(k)}]`, checkExecText(this.env[k])!, this.env[k]);
      // Files and env entries are keys of one ConfigMap.
      if (k in this.files) c.error(
        path,
        `env[${JSON.stringify(k)}]`,
        'must not have the name of a file of the same config (both are keys of one ConfigMap)',
        k,
      );
    }
  }
}
