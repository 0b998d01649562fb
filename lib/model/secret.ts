import { Construct } from 'constructs';
import { checkKeySegment, checkText } from './names';
import { ProblemCollector } from './problems';
import { Resource } from './resource';

export interface ExistingSecretOptions {
  /**
   * Key inside the existing Kubernetes Secret that holds the value.
   * (A Swarm secret holds exactly one value and has no keys.)
   * @default 'value'
   */
  readonly key?: string;
}

export interface PlaintextSecretProps {
  /** The secret value. It WILL be written to the output directory in plain text (Kubernetes: base64). */
  readonly value: string;
  /**
   * Must be exactly `'the value is written to dist in plaintext'`: an explicit
   * acknowledgement, since no secret value reaches the output otherwise.
   */
  readonly acknowledge: 'the value is written to dist in plaintext';
}

/** Where a secret's value comes from. */
export type SecretSource = 'existing' | 'plaintext';

const KEY_PATTERN = /^[-._a-zA-Z0-9]+$/;

/**
 * A secret value, referenced by name; the value itself never appears in the
 * output unless created with the loudly named `unsafePlaintext`.
 *
 * Kubernetes: a reference to an existing Secret (create it with kubectl,
 * Sealed Secrets, External Secrets Operator or SOPS). Swarm: an
 * `external: true` secret (create it with `docker secret create`).
 * Mounted as a file at `/run/secrets/<name>` on both targets.
 */
export class Secret extends Resource {
  /** Reference a secret that exists on the cluster / swarm. */
  public static fromExisting(scope: Construct, name: string, options: ExistingSecretOptions = {}): Secret {
    return new Secret(scope, name, 'existing', options.key ?? 'value', undefined);
  }

  /**
   * A secret whose value is written into the output, in plain text (Swarm:
   * a file next to the stack file; Kubernetes: a Secret object). Only for
   * throw-away environments; synth prints a warning naming each file.
   */
  public static unsafePlaintext(scope: Construct, name: string, props: PlaintextSecretProps): Secret {
    return new Secret(scope, name, 'plaintext', 'value', props);
  }

  public readonly source: SecretSource;
  /** Key inside the Kubernetes Secret. */
  public readonly key: string;
  private readonly plaintext?: PlaintextSecretProps;

  private constructor(scope: Construct, id: string, source: SecretSource, key: string, plaintext?: PlaintextSecretProps) {
    super(scope, id);
    this.source = source;
    this.key = key;
    this.plaintext = plaintext;
  }

  /** The value of an `unsafePlaintext` secret; undefined for references. */
  public get plaintextValue(): string | undefined {
    return this.plaintext?.value;
  }

  protected validateProps(c: ProblemCollector): void {
    const path = this.node.path;
    if (typeof this.key !== 'string' || !KEY_PATTERN.test(this.key)) c.error(
      path,
      'key',
      'must be letters, digits, "-", "_" or "." (a Secret key)',
      this.key,
    );
    // mountSecret renders `subPath: <key>`: ".." would mount the directory above the secret's volume.
    else if (checkKeySegment(this.key)) c.error(path, 'key', checkKeySegment(this.key)!, this.key);
    if (this.plaintext) {
      if (this.plaintext.acknowledge !== 'the value is written to dist in plaintext') {
        c.error(path, 'acknowledge', 'must be exactly "the value is written to dist in plaintext"', this.plaintext.acknowledge);
      }
      if (typeof this.plaintext.value !== 'string' || this.plaintext.value.length === 0) {
        c.error(path, 'value', 'must be a non-empty string');
      } else if (checkText(this.plaintext.value)) {
        // The value goes into a YAML string (Kubernetes stringData) and a UTF-8 file (Swarm). Never echo it.
        c.error(path, 'value', checkText(this.plaintext.value)!);
      }
    }
  }
}
