import { Construct } from 'constructs';
import { ApiAccessRule, validateApiAccess } from './api-access';
import { Config } from './config';
import { HelperContainer, resolveHelper, validateHelpers } from './containers';
import { validateEnv } from './env';
import { Health, resolveHealth, validateHealth, validateHealthPort } from './health';
import { checkImage } from './image';
import { Lifecycle, resolveLifecycle, validateLifecycle } from './lifecycle';
import { validateMetadata } from './metadata';
import {
  defaultSecretPath, HostPathOptions, Mount, MountConfigOptions, MountSecretOptions, MountVolumeOptions, ScratchOptions, SecretEnv,
  validateHostPaths, validateMounts,
} from './mounts';
import { ARG_STRING_RULE, checkContainerPath, checkExecText, oversizedExecString } from './names';
import { Network, validateMembership } from './network';
import { PlacementProps, validatePlacement } from './placement';
import { Exposure, Port, PortProps, resolvePort, validatePorts } from './ports';
import { ProblemCollector } from './problems';
import { referenceChecker } from './references';
import { Resource } from './resource';
import { Resources, resolveResources, validateResources } from './resources';
import { RolloutProps } from './rollout';
import { Secret } from './secret';
import { resolveSecurity, Security, securityOverrides, validateSecurity } from './security';
import { FoundRisk, securityRisks } from './security-risks';
import { Volume } from './volume';
import { WorkloadBaseProps, WorkloadKind } from './workload-props';

export type { WorkloadBaseProps, WorkloadKind } from './workload-props';

/**
 * What every workload has: one main container, its ports, env, mounts,
 * health, resources and security settings.
 */
export abstract class WorkloadBase extends Resource {
  public abstract readonly kind: WorkloadKind;
  public readonly image: string;
  public readonly command?: string[];
  public readonly args?: string[];
  public readonly workingDir?: string;
  public readonly labels: { readonly [key: string]: string };
  public readonly annotations: { readonly [key: string]: string };
  private readonly props: WorkloadBaseProps;
  private readonly _env: { [name: string]: string };
  private readonly _ports: PortProps[];
  private readonly _mounts: Mount[] = [];
  private readonly _envConfigs: Config[] = [];
  private readonly _secretEnv: SecretEnv[] = [];
  private readonly _networks: Network[];
  /** `allowHostAccess` of each host path mount, in order. */
  private readonly _hostAccess: unknown[] = [];

  constructor(scope: Construct, id: string, props: WorkloadBaseProps) {
    super(scope, id);
    this.props = props;
    this.image = props.image;
    this.command = props.command;
    this.args = props.args;
    this.workingDir = props.workingDir;
    this.labels = { ...(props.labels ?? {}) };
    this.annotations = { ...(props.annotations ?? {}) };
    this._env = { ...(props.env ?? {}) };
    this._ports = [...(props.ports ?? [])];
    this._networks = Array.isArray(props.networks) ? [...props.networks] : [];
  }

  /** Adds a literal environment variable. */
  public addEnv(name: string, value: string): this {
    this._env[name] = value;
    return this;
  }

  /** Adds a port. */
  public addPort(port: PortProps): this {
    this._ports.push(port);
    return this;
  }

  /**
   * Mounts the files of a config: all of them in the directory `path`, or
   * one file at `path` with `options.file`.
   */
  public mountConfig(config: Config, path: string, options: MountConfigOptions = {}): this {
    this._mounts.push({ kind: 'config', path, config, file: options.file });
    return this;
  }

  /** Takes every env entry of the config as environment variables. */
  public envFromConfig(config: Config): this {
    this._envConfigs.push(config);
    return this;
  }

  /** Mounts a secret as a file, by default at `/run/secrets/<secret name>` on both targets. */
  public mountSecret(secret: Secret, options: MountSecretOptions = {}): this {
    this._mounts.push({ kind: 'secret', path: options.path ?? defaultSecretPath(secret), secret });
    return this;
  }

  /**
   * Exposes a secret to the process under the env name `name`.
   * Kubernetes: `name` holds the value. Swarm keeps secret values out of the
   * environment: the secret is mounted as a file and `<name>_FILE` holds its
   * path (the convention of the official postgres, mysql and redis images).
   * The secret is also mounted at `/run/secrets/<secret>` on both targets.
   */
  public envFromSecret(name: string, secret: Secret): this {
    this._secretEnv.push({ name, secret });
    if (!this._mounts.some((m) => m.kind === 'secret' && m.secret === secret)) this.mountSecret(secret);
    return this;
  }

  /** Mounts a persistent volume at `path`. */
  public mountVolume(path: string, volume: Volume, options: MountVolumeOptions = {}): this {
    this._mounts.push({ kind: 'volume', path, volume, readOnly: options.readOnly ?? false });
    return this;
  }

  /** Mounts writable scratch space at `path` (needed for `/tmp` with a read-only root filesystem). */
  public mountScratch(path: string, options: ScratchOptions = {}): this {
    this._mounts.push({ kind: 'scratch', path, sizeLimit: options.sizeLimit, inMemory: options.inMemory ?? false });
    return this;
  }

  /**
   * Mounts the node's file or directory `hostPath` at `path`. Only with
   * `allowHostAccess: true`: the container gets at the host's filesystem,
   * and synth reports it as a security risk. Kubernetes: a hostPath volume;
   * Swarm: a bind mount. The path must exist on the node.
   */
  public mountHostPath(path: string, hostPath: string, options: HostPathOptions): this {
    this._mounts.push({ kind: 'host', path, hostPath, readOnly: options?.readOnly ?? false });
    this._hostAccess.push(options?.allowHostAccess);
    return this;
  }

  /** Joins a network (see `Network`). */
  public joinNetwork(network: Network): this {
    this._networks.push(network);
    return this;
  }

  /** The Networks this workload joined, each once, sorted by name. */
  public get networks(): Network[] {
    return uniqueByName(this._networks.filter((n): n is Network => n instanceof Network));
  }

  /** Literal env, sorted by name. */
  public get env(): { readonly [name: string]: string } {
    return Object.fromEntries(Object.keys(this._env).sort().map((k) => [k, this._env[k]]));
  }

  public get ports(): Port[] {
    return this._ports.map(resolvePort);
  }

  /** Ports other than INTERNAL. */
  public get exposedPorts(): Port[] {
    return this.ports.filter((p) => p.exposure !== Exposure.INTERNAL);
  }

  public get mounts(): readonly Mount[] {
    return this._mounts;
  }

  public get envConfigs(): readonly Config[] {
    return this._envConfigs;
  }

  public get secretEnv(): readonly SecretEnv[] {
    return this._secretEnv;
  }

  /** Every config this workload uses (mounted or as env), each once, by name. */
  public get configs(): Config[] {
    const all = [...this._envConfigs, ...this._mounts.flatMap((m) => (m.kind === 'config' ? [m.config] : []))];
    return uniqueByName(all);
  }

  /** Every secret this workload uses, each once, by name. */
  public get secrets(): Secret[] {
    return uniqueByName(this._mounts.flatMap((m) => (m.kind === 'secret' ? [m.secret] : [])));
  }

  public get health(): Health | undefined {
    return this.props.health ? resolveHealth(this.props.health) : undefined;
  }

  public get resources(): Resources {
    return resolveResources(this.props.resources);
  }

  public get security(): Security {
    return resolveSecurity(this.props.security);
  }

  /** Names of the security fields set explicitly, i.e. departures from the secure defaults. */
  public get securityOverrides(): string[] {
    return securityOverrides(this.props.security);
  }

  /** The props as given (for target-gap decisions). */
  public get givenProps(): WorkloadBaseProps {
    return this.props;
  }

  /** Rollout props as given; undefined for kinds that do not roll out. */
  public get givenRollout(): RolloutProps | undefined {
    return undefined;
  }

  public get sidecars(): HelperContainer[] {
    return (this.props.sidecars ?? []).map(resolveHelper);
  }

  public get initContainers(): HelperContainer[] {
    return (this.props.initContainers ?? []).map(resolveHelper);
  }

  public get placement(): PlacementProps {
    return this.props.placement ?? {};
  }

  public get lifecycle(): Lifecycle {
    return resolveLifecycle(this.props.lifecycle);
  }

  public get apiAccess(): ApiAccessRule[] {
    return this.props.apiAccess ?? [];
  }

  protected validateProps(c: ProblemCollector): void {
    const path = this.node.path;
    const imageRule = checkImage(this.image);
    if (imageRule) c.error(path, 'image', imageRule, this.image);
    for (const f of ['command', 'args'] as const) {
      const v = this[f];
      if (v !== undefined && (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))) c.error(path, f, 'must be a list of strings', v);
      else {
        v?.forEach((s, i) => {
          if (oversizedExecString(s)) c.error(path, `${f}[${i}]`, ARG_STRING_RULE, oversizedExecString(s));
          else if (checkExecText(s)) c.error(path, `${f}[${i}]`, checkExecText(s)!, s);
        });
      }
    }
    if (this.workingDir !== undefined) {
      const rule = checkContainerPath(this.workingDir);
      if (rule) c.error(path, 'workingDir', rule, this.workingDir);
    }
    const checkReference = referenceChecker(c, path, this);
    validateEnv(this._env, this._secretEnv, this._envConfigs, c, path, checkReference);
    validatePorts(this._ports, c, path);
    validateMounts(this._mounts, c, path, checkReference);
    validateHostPaths(this._mounts, this._hostAccess, c, path);
    validateMetadata(this.labels, this.annotations, c, path);
    if (this.props.health) validateHealth(this.props.health, c, path);
    validateHealthPort(this.props.health, this.ports, c, path);
    validateResources(this.props.resources, c, path);
    validateSecurity(this.props.security, c, path);
    validatePlacement(this.props.placement, c, path);
    validateLifecycle(this.props.lifecycle, c, path);
    validateApiAccess(this.props.apiAccess, c, path);
    validateHelpers(this.props.sidecars ?? [], this.props.initContainers ?? [], c, path);
    validateMembership(this, this._networks, c);
    for (const r of this.securityRisks) c.risk(path, r.field, r.message);
  }

  /** Every relaxation of a secure default, from the one list of lib/model/security-risks.ts. */
  public get securityRisks(): FoundRisk[] {
    const hostMounts = this._mounts.flatMap((mount, index) => (mount.kind === 'host' ? [{ index, mount }] : []));
    const p = this.props;
    return securityRisks({ ...p, ports: this._ports, hostMounts, annotations: this.annotations });
  }
}

function uniqueByName<T extends Resource>(items: T[]): T[] {
  const byName = new Map<string, T>();
  for (const item of items) byName.set(item.name, item);
  return [...byName.keys()].sort().map((k) => byName.get(k)!);
}
