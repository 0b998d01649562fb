import { Construct } from 'constructs';
import { Config } from './config';
import { Health, HealthCheck, HealthProps, resolveHealth, validateHealth } from './health';
import { checkImage } from './image';
import {
  defaultSecretPath, HostPathOptions, Mount, MountConfigOptions, MountSecretOptions, MountVolumeOptions, ScratchOptions, SecretEnv,
} from './mounts';
import { Network, validateMembership } from './network';
import {
  ARG_STRING_RULE, checkContainerPath, checkExecText, checkText, checkLabelKey, EXEC_STRING_RULE, oversizedExecString, checkLabelValue,
  ENV_NAME_PATTERN, ENV_NAME_RULE,
  MOUNT_ROOT_RULE, normalizeContainerPath,
} from './names';
import { ApiAccessRule, validateApiAccess } from './api-access';
import { HelperContainer, HelperContainerProps, resolveHelper, validateHelper } from './containers';
import { Lifecycle, LifecycleProps, resolveLifecycle, validateLifecycle } from './lifecycle';
import { PlacementProps, validatePlacement } from './placement';
import { RolloutProps } from './rollout';
import { Exposure, isPortNumber, Port, PORT_NAME_PATTERN, PortProps, PublishMode, resolvePort } from './ports';
import { ProblemCollector } from './problems';
import { MEBIBYTE, MEMORY_RULE, parseMemory } from './quantity';
import { findStack, Resource } from './resource';
import { Resources, ResourcesProps, resolveResources, validateResources } from './resources';
import { resolveSecurity, Security, SecurityProps, securityOverrides, validateSecurity } from './security';
import { Secret } from './secret';
import { FoundRisk, securityRisks } from './security-risks';
import { Volume } from './volume';

/** Kinds of workload; each renderer maps every kind. */
export type WorkloadKind = 'deployment' | 'stateful' | 'daemon' | 'job' | 'cron';

export interface WorkloadBaseProps {
  /** Container image reference, e.g. `ghcr.io/acme/api:1.4.2`. */
  readonly image: string;

  /**
   * Replaces the image's ENTRYPOINT (Kubernetes `command`, Swarm `entrypoint`).
   * @default - the image's entrypoint
   */
  readonly command?: string[];

  /**
   * Replaces the image's CMD (Kubernetes `args`, Swarm `command`).
   * @default - the image's CMD
   */
  readonly args?: string[];

  /**
   * Working directory of the container.
   * @default - the image's working directory
   */
  readonly workingDir?: string;

  /**
   * Literal environment variables. Rendered sorted by name.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string };

  /**
   * Ports the container listens on, and who can reach them.
   * @default - no ports
   */
  readonly ports?: PortProps[];

  /**
   * Health check: Kubernetes probes, Swarm `healthcheck`.
   * @default - no health check
   */
  readonly health?: HealthProps;

  /**
   * CPU and memory requests and limits.
   * @default - no requests or limits
   */
  readonly resources?: ResourcesProps;

  /**
   * User, group, root filesystem, privilege escalation, capabilities and seccomp of the container.
   * @default - non-root 10001:10001, read-only root filesystem, all capabilities dropped
   */
  readonly security?: SecurityProps;

  /**
   * Labels on the workload (Kubernetes object and pod metadata; Swarm
   * `deploy.labels` and container labels).
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };

  /**
   * Annotations (Kubernetes object metadata; Swarm `deploy.labels`).
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };

  /**
   * Containers running beside the main one. Kubernetes: more containers in
   * the pod (sharing localhost). Swarm has no pods: each sidecar becomes a
   * service `<workload>-<sidecar>` with the same mode, replicas, placement
   * and networks; it does not share localhost (a target gap).
   * @default - none
   */
  readonly sidecars?: HelperContainerProps[];

  /**
   * Containers that run to completion, in order, before the main one.
   * Kubernetes: initContainers. Swarm has no form for them: rendering Swarm
   * fails (do the step in the main command, or in a Job).
   * @default - none
   */
  readonly initContainers?: HelperContainerProps[];

  /**
   * Which nodes may run the replicas, and how they spread.
   * @default - any node
   */
  readonly placement?: PlacementProps;

  /**
   * How the container stops: grace period, stop signal and pre-stop command.
   * @default - each target's stop defaults
   */
  readonly lifecycle?: LifecycleProps;

  /**
   * Access to the Kubernetes API: a ServiceAccount, Role and RoleBinding with
   * these rules, and the token mounted. Kubernetes only: rendering Swarm fails.
   * @default - no API access, no token mounted
   */
  readonly apiAccess?: ApiAccessRule[];

  /**
   * Networks this workload joins (also `joinNetwork()`). Only members of a
   * shared network may talk; in a stack with networks, a workload that
   * joins none is a member of the implicit network `default`.
   * @default - none
   */
  readonly networks?: Network[];
}

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
    this.validateEnv(c, path);
    this.validatePorts(c, path);
    this.validateMounts(c, path);
    this.validateHostPaths(c, path);
    this.validateMetadata(c, path);
    if (this.props.health) validateHealth(this.props.health, c, path);
    this.validateHealthPort(c, path);
    validateResources(this.props.resources, c, path);
    validateSecurity(this.props.security, c, path);
    validatePlacement(this.props.placement, c, path);
    validateLifecycle(this.props.lifecycle, c, path);
    validateApiAccess(this.props.apiAccess, c, path);
    this.validateHelpers(c, path);
    validateMembership(this, this._networks, c);
    for (const r of this.securityRisks) c.risk(path, r.field, r.message);
  }

  /**
   * A "target port without a container port": an http/tcp check of a port
   * that is a Service port of this workload but none its container listens
   * on (port 80 -> targetPort 8080, check on 80) probes nothing, on both
   * targets. A port the workload does not declare at all is a run-time
   * warning (lib/model/checks/health-port.ts).
   */
  private validateHealthPort(c: ProblemCollector, path: string): void {
    const check = this.props.health?.check;
    if (!(check instanceof HealthCheck) || check.kind === 'command' || !isPortNumber(check.port)) return;
    const ports = this.ports;
    if (ports.some((p) => p.targetPort === check.port)) return;
    const i = ports.findIndex((p) => p.port === check.port);
    if (i >= 0) {
      c.error(
        path,
        'health.check.port',
        `must be a port the container listens on (a targetPort): ${check.port} is the Service port of ports[${i}], whose container port is ` +
          `${ports[i].targetPort}`,
        check.port,
      );
    }
  }

  private validateHelpers(c: ProblemCollector, path: string): void {
    const names = new Set<string>();
    for (const [field, list] of [['sidecars', this.props.sidecars ?? []], ['initContainers', this.props.initContainers ?? []]] as const) {
      list.forEach((h, i) => {
        validateHelper(h, c, path, `${field}[${i}]`);
        if (names.has(h.name)) c.error(path, `${field}[${i}].name`, 'must not repeat a container name', h.name);
        names.add(h.name);
      });
    }
  }

  private validateEnv(c: ProblemCollector, path: string): void {
    const seen = new Set<string>();
    for (const [k, v] of Object.entries(this._env)) {
      if (!ENV_NAME_PATTERN.test(k)) c.error(path, `env[${JSON.stringify(k)}]`, ENV_NAME_RULE, k);
      if (typeof v !== 'string') c.error(path, `env[${JSON.stringify(k)}]`, 'value must be a string', v);
      else if (oversizedExecString(`${k}=${v}`)) c.error(path, `env[${JSON.stringify(k)}]`, EXEC_STRING_RULE, oversizedExecString(`${k}=${v}`));
      else if (checkExecText(v)) c.error(path, `env[${JSON.stringify(k)}]`, checkExecText(v)!, v);
      seen.add(k);
    }
    for (const { name } of this._secretEnv) {
      if (typeof name !== 'string' || !ENV_NAME_PATTERN.test(name)) c.error(path, 'envFromSecret', ENV_NAME_RULE, name);
      else if (seen.has(name)) c.error(path, 'envFromSecret', 'must not repeat an env name already set', name);
      seen.add(name);
    }
    for (const config of this._envConfigs) {
      if (!this.checkReference(c, path, 'envFromConfig', config, Config)) continue;
      if (config.envNames.length === 0) c.error(path, 'envFromConfig', 'the config has no env entries', config.node.path);
      // Kubernetes would give the secret's value, Swarm the config's value beside NAME_FILE.
      for (const { name } of this._secretEnv) {
        if (name in config.env) c.error(
          path,
          'envFromSecret',
          `must not repeat an env entry of config ${config.name} (taken with envFromConfig)`,
          name,
        );
      }
    }
  }

  private validatePorts(c: ProblemCollector, path: string): void {
    const names = new Set<string>();
    const targets = new Set<string>();
    const fronts = new Set<string>();
    this._ports.forEach((given, i) => {
      const field = `ports[${i}]`;
      const p = resolvePort(given);
      if (!isPortNumber(p.port)) c.error(path, `${field}.port`, 'must be an integer from 1 to 65535', given.port);
      // An absent targetPort is the port, reported above.
      if (given.targetPort !== undefined && !isPortNumber(p.targetPort)) c.error(
        path,
        `${field}.targetPort`,
        'must be an integer from 1 to 65535',
        given.targetPort,
      );
      if (p.protocol !== 'tcp' && p.protocol !== 'udp') c.error(path, `${field}.protocol`, 'must be "tcp" or "udp"', p.protocol);
      if (!Object.values(Exposure).includes(p.exposure)) c.error(
        path,
        `${field}.exposure`,
        `must be one of ${Object.values(Exposure).join(', ')}`,
        p.exposure,
      );
      if (!Object.values(PublishMode).includes(p.publishMode)) c.error(path, `${field}.publishMode`, 'must be "ingress" or "host"', p.publishMode);
      // A name derived from an invalid port ("tcp--80") is reported as that port.
      const derived = given.name === undefined && !isPortNumber(p.port);
      if (!derived && (typeof p.name !== 'string' || p.name.length > 15 || !PORT_NAME_PATTERN.test(p.name))) {
        c.error(
          path,
          `${field}.name`,
          'must be at most 15 lower-case letters, digits and "-", with at least one letter and no "--" (IANA service name)',
          p.name,
        );
      }
      if (p.nodePort !== undefined) {
        if (p.exposure !== Exposure.NODE_PORT) c.error(path, `${field}.nodePort`, 'is only allowed with exposure NODE_PORT', p.nodePort);
        else if (!Number.isInteger(p.nodePort) || p.nodePort < 30000 || p.nodePort > 32767) c.error(
          path,
          `${field}.nodePort`,
          'must be an integer from 30000 to 32767 (the Kubernetes node port range)',
          p.nodePort,
        );
      }
      if (given.publishMode !== undefined && p.exposure === Exposure.INTERNAL) {
        c.error(path, `${field}.publishMode`, 'is only allowed on an exposed port (NODE_PORT or LOAD_BALANCER)', given.publishMode);
      }
      const dup = (set: Set<string>, key: string, what: string, value: unknown) => {
        if (set.has(key)) c.error(path, field, `must not repeat ${what}`, value);
        set.add(key);
      };
      dup(names, p.name, 'a port name', p.name);
      dup(fronts, `${p.port}/${p.protocol}`, 'a port number and protocol', p.port);
      dup(targets, `${p.targetPort}/${p.protocol}`, 'a targetPort and protocol', p.targetPort);
    });
  }

  /** Host path mounts: an explicit opt-in each, reported as a security risk. */
  private validateHostPaths(c: ProblemCollector, path: string): void {
    let k = 0;
    this._mounts.forEach((m, i) => {
      if (m.kind !== 'host') return;
      const field = `mounts[${i}]`;
      const access = this._hostAccess[k++];
      if (access !== true) {
        c.error(
          path,
          `${field}.allowHostAccess`,
          'must be true: a host path mount gives the container access to the node\'s filesystem, so it needs an explicit opt-in',
          access,
        );
      }
      const rule = checkContainerPath(m.hostPath);
      if (rule) c.error(path, `${field}.hostPath`, rule, m.hostPath);
      else if (normalizeContainerPath(m.hostPath) === '/') c.error(
        path,
        `${field}.hostPath`,
        'must not be "/" (the node\'s whole filesystem)',
        m.hostPath,
      );
      if (typeof m.readOnly !== 'boolean') c.error(path, `${field}.readOnly`, 'must be true or false', m.readOnly);
    });
  }

  /** Every relaxation of a secure default, from the one list of lib/model/security-risks.ts. */
  public get securityRisks(): FoundRisk[] {
    const hostMounts = this._mounts.flatMap((mount, index) => (mount.kind === 'host' ? [{ index, mount }] : []));
    const p = this.props;
    return securityRisks({ ...p, ports: this._ports, hostMounts, annotations: this.annotations });
  }

  private validateMounts(c: ProblemCollector, path: string): void {
    const paths = new Set<string>();
    this._mounts.forEach((m, i) => {
      const field = `mounts[${i}]`;
      const rule = checkContainerPath(m.path);
      if (rule) c.error(path, `${field}.path`, rule, m.path);
      else if (normalizeContainerPath(m.path) === '/') c.error(path, `${field}.path`, MOUNT_ROOT_RULE, m.path);
      const normalized = typeof m.path === 'string' ? normalizeContainerPath(m.path) : m.path;
      if (paths.has(normalized)) c.error(path, `${field}.path`, 'must not mount two things at the same path', m.path);
      paths.add(normalized);
      switch (m.kind) {
        case 'config':
          if (!this.checkReference(c, path, `${field}.config`, m.config, Config)) break;
          if (m.file !== undefined && !(m.file in m.config.files)) c.error(
            path,
            `${field}.file`,
            `must be a file of config ${m.config.name} (${m.config.fileNames.join(', ') || 'it has none'})`,
            m.file,
          );
          if (m.file === undefined && m.config.fileNames.length === 0) c.error(
            path,
            `${field}.config`,
            'the config has no files to mount',
            m.config.node.path,
          );
          break;
        case 'secret':
          this.checkReference(c, path, `${field}.secret`, m.secret, Secret);
          break;
        case 'volume':
          this.checkReference(c, path, `${field}.volume`, m.volume, Volume);
          if (typeof m.readOnly !== 'boolean') c.error(path, `${field}.readOnly`, 'must be true or false', m.readOnly);
          break;
        case 'scratch':
          if (typeof m.inMemory !== 'boolean') c.error(path, `${field}.inMemory`, 'must be true or false', m.inMemory);
          if (m.sizeLimit !== undefined) {
            const size = parseMemory(m.sizeLimit);
            if (!size) c.error(path, `${field}.sizeLimit`, MEMORY_RULE, m.sizeLimit);
            // Not a target's bound but the renderer's: cdk8s-plus-27 takes an emptyDir sizeLimit as a Size in mebibytes.
            else if (size.bytes % MEBIBYTE !== 0) c.error(
              path,
              `${field}.sizeLimit`,
              'must be a whole number of mebibytes (e.g. "64Mi")',
              m.sizeLimit,
            );
          }
          break;
      }
    });
    // On Swarm a config mounted as a directory is one mount per file, at <path>/<file>: those
    // targets must not be the path of another mount either (swarmkit and the engine refuse it).
    const targets = new Map<string, { expanded: boolean; base: string }>();
    this._mounts.forEach((m, i) => {
      if (typeof m.path !== 'string' || checkContainerPath(m.path)) return;
      const base = normalizeContainerPath(m.path);
      const files = m.kind === 'config' && m.file === undefined && m.config instanceof Config ? m.config.fileNames : undefined;
      for (const [t, file] of files ? files.map((f) => [normalizeContainerPath(`${base}/${f}`), f] as const) : [[base, undefined] as const]) {
        const other = targets.get(t);
        // The same path twice is reported above.
        if (other && other.base !== base && (other.expanded || file !== undefined)) {
          c.error(
            path,
            `mounts[${i}].path`,
            `must not mount two things at the same path: on Swarm each file of a config mounted as a directory is a mount of its own, and ${t} is ` +
              `taken twice`,
            m.path,
          );
        }
        targets.set(t, { expanded: file !== undefined, base });
      }
    });
  }

  private validateMetadata(c: ProblemCollector, path: string): void {
    for (const [field, map] of [['labels', this.labels], ['annotations', this.annotations]] as const) {
      for (const [k, v] of Object.entries(map)) {
        const keyRule = checkLabelKey(k);
        if (keyRule) c.error(path, `${field}[${JSON.stringify(k)}]`, `key ${keyRule}`, k);
        if (field === 'labels') {
          const valueRule = checkLabelValue(v);
          if (valueRule) c.error(path, `${field}[${JSON.stringify(k)}]`, `value ${valueRule}`, v);
        } else if (typeof v !== 'string') c.error(path, `${field}[${JSON.stringify(k)}]`, 'value must be a string', v);
        else if (checkText(v)) c.error(path, `${field}[${JSON.stringify(k)}]`, checkText(v)!, v);
      }
    }
  }

  /**
   * True when `r` is a `kind` of this workload's stack. A JavaScript caller
   * can pass a name (or anything) where a Config, Secret or Volume belongs:
   * that is a problem to report, not a crash.
   */
  private checkReference(c: ProblemCollector, path: string, field: string, r: unknown, kind: typeof Config | typeof Secret | typeof Volume): boolean {
    if (!(r instanceof kind)) {
      const how = kind === Secret ? 'Secret.fromExisting or Secret.unsafePlaintext' : `new ${kind.name}(stack, name, ...)`;
      c.error(
        path,
        field,
        `must be a ${kind.name} defined in stack ${this.stackName} (${how})${typeof r === 'string' ? '; a name alone defines nothing' : ''}`,
        r,
      );
      return false;
    }
    if (findStack(r) !== findStack(this)) {
      c.error(path, field, `must belong to the same stack (${this.stackName}); each stack deploys on its own`, r.node.path);
      return false;
    }
    return true;
  }
}

function uniqueByName<T extends Resource>(items: T[]): T[] {
  const byName = new Map<string, T>();
  for (const item of items) byName.set(item.name, item);
  return [...byName.keys()].sort().map((k) => byName.get(k)!);
}
