import { DURATION_RULE, parseDuration } from './duration';
import { checkExecText } from './names';
import { isPortNumber, Port } from './ports';
import { ProblemCollector } from './problems';
import { MAX_INT32 } from './quantity';

export interface HttpCheckOptions {
  /** Container port to probe. */
  readonly port: number;
  /**
   * How Swarm runs this check, since its healthcheck can only run a command
   * inside the container: `'wget'` or `'curl'` (the image has that tool), or
   * an exec command of your own. Choosing one silences the target-gap warning.
   * @default - `wget -q -O /dev/null http://127.0.0.1:<port><path>`, with a
   * warning: the image must have wget (busybox and alpine do; distroless does not)
   */
  readonly swarmCommand?: 'wget' | 'curl' | string[];
}

export interface TcpCheckOptions {
  /**
   * How Swarm runs this check: `'nc'` (the image has netcat) or an exec command.
   * @default - `nc -z 127.0.0.1 <port>`, with a warning: the image must have nc
   */
  readonly swarmCommand?: 'nc' | string[];
}

export type CheckKind = 'http' | 'tcp' | 'command';

/**
 * What a health check runs. Kubernetes probes it natively; Swarm runs a
 * command inside the container, so http and tcp checks become a command.
 */
export class HealthCheck {
  /** An HTTP GET that must answer 2xx/3xx. */
  public static http(path: string, options: HttpCheckOptions): HealthCheck {
    return new HealthCheck('http', { path, port: options.port, swarmCommand: options.swarmCommand });
  }

  /** A TCP connection that must open. */
  public static tcp(port: number, options: TcpCheckOptions = {}): HealthCheck {
    return new HealthCheck('tcp', { port, swarmCommand: options.swarmCommand });
  }

  /** A command that must exit 0, run inside the container (exec form, no shell). */
  public static command(command: string[]): HealthCheck {
    return new HealthCheck('command', { command });
  }

  private constructor(
    public readonly kind: CheckKind,
    private readonly spec: { path?: string; port?: number; command?: string[]; swarmCommand?: string | string[] },
  ) {}

  public get path(): string | undefined {
    return this.spec.path;
  }

  public get port(): number | undefined {
    return this.spec.port;
  }

  /** The exec command of a `command` check. */
  public get command(): string[] | undefined {
    return this.spec.command;
  }

  /** The user's explicit choice of Swarm command for an http/tcp check. */
  public get swarmCommand(): string | string[] | undefined {
    return this.spec.swarmCommand;
  }

  /** The exec command Swarm runs for this check. */
  public get commandForSwarm(): string[] {
    const choice = this.spec.swarmCommand;
    if (Array.isArray(choice)) return choice;
    const url = `http://127.0.0.1:${this.spec.port}${this.spec.path}`;
    switch (this.kind) {
      case 'command':
        return this.spec.command!;
      case 'http':
        return choice === 'curl' ? ['curl', '-fsS', '-o', '/dev/null', url] : ['wget', '-q', '-O', '/dev/null', url];
      case 'tcp':
        return ['nc', '-z', '127.0.0.1', String(this.spec.port)];
    }
  }

  public validate(c: ProblemCollector, path: string, field: string): void {
    if (this.kind === 'http') {
      if (typeof this.spec.path !== 'string' || !this.spec.path.startsWith('/')) c.error(
        path,
        `${field}.path`,
        'must start with "/"',
        this.spec.path,
      );
      else if (/\s/.test(this.spec.path)) c.error(path, `${field}.path`, 'must not contain white space', this.spec.path);
    }
    if (this.kind !== 'command' && !isPortNumber(this.spec.port)) c.error(
      path,
      `${field}.port`,
      'must be an integer from 1 to 65535',
      this.spec.port,
    );
    const isCommand = (cmd: unknown) => Array.isArray(cmd) && cmd.length > 0 && cmd.every((s) => typeof s === 'string' && s.length > 0);
    if (this.kind === 'command' && !isCommand(this.spec.command)) c.error(
      path,
      `${field}.command`,
      'must be a non-empty list of non-empty strings',
      this.spec.command,
    );
    else if (this.kind === 'command') this.spec.command!.forEach((
      s,
      i
    ) => checkExecText(s) && c.error(path, `${field}.command[${i}]`, checkExecText(s)!, s));
    const choice = this.spec.swarmCommand;
    const tools = this.kind === 'http' ? ['wget', 'curl'] : ['nc'];
    if (choice !== undefined && !isCommand(choice) && !tools.includes(choice as string)) {
      c.error(path, `${field}.swarmCommand`, `must be ${tools.map((t) => `"${t}"`).join(' or ')} or a non-empty list of strings`, choice);
    }
  }
}

export interface HealthProps {
  /** What to run. */
  readonly check: HealthCheck;
  /**
   * Time between checks (Kubernetes `periodSeconds`, Swarm `healthcheck.interval`).
   * @default '10s'
   */
  readonly interval?: string;
  /**
   * How long one check may take before it counts as failed.
   * @default '5s'
   */
  readonly timeout?: string;
  /**
   * Consecutive failures before the container counts as unhealthy.
   * @default 3
   */
  readonly retries?: number;
  /**
   * Time the workload gets to start before failures count. Kubernetes: a
   * startup probe allowing `startPeriod / interval` failures. Swarm: `start_period`.
   * @default '0s' - no start period
   */
  readonly startPeriod?: string;
}

/** Health settings with defaults applied, times in milliseconds. */
export interface Health {
  readonly check: HealthCheck;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly startPeriodMs: number;
}

export function resolveHealth(h: HealthProps): Health {
  return {
    check: h.check,
    intervalMs: parseDuration(h.interval ?? '10s') ?? NaN,
    timeoutMs: parseDuration(h.timeout ?? '5s') ?? NaN,
    retries: h.retries ?? 3,
    startPeriodMs: parseDuration(h.startPeriod ?? '0s') ?? NaN,
  };
}

export function validateHealth(h: HealthProps, c: ProblemCollector, path: string): void {
  if (!(h.check instanceof HealthCheck)) {
    c.error(path, 'health.check', 'must be made with HealthCheck.http(), .tcp() or .command()', h.check);
    return;
  }
  h.check.validate(c, path, 'health.check');
  const r = resolveHealth(h);
  // Kubernetes probe fields are whole seconds, at least 1.
  const seconds = (field: string, text: string | undefined, ms: number, min: number) => {
    if (text === undefined) return;
    if (Number.isNaN(ms)) c.error(path, `health.${field}`, DURATION_RULE, text);
    else if (ms % 1000 !== 0 || ms < min * 1000) c.error(
      path,
      `health.${field}`,
      `must be whole seconds, at least ${min}s (Kubernetes probes count in seconds)`,
      text,
    );
  };
  seconds('interval', h.interval, r.intervalMs, 1);
  seconds('timeout', h.timeout, r.timeoutMs, 1);
  seconds('startPeriod', h.startPeriod, r.startPeriodMs, 0);
  // Kubernetes refuses a failureThreshold below 1 (an int32); Swarm reads retries 0 as its default (3).
  // A timeout longer than the interval is valid on both targets (the next check waits for the running one).
  if (!Number.isInteger(r.retries) || r.retries < 1 || r.retries > MAX_INT32) {
    c.error(path, 'health.retries', 'must be a positive integer', h.retries);
  }
}

/**
 * A "target port without a container port": an http/tcp check of a port
 * that is a Service port of this workload but none its container listens
 * on (port 80 -> targetPort 8080, check on 80) probes nothing, on both
 * targets. A port the workload does not declare at all is a run-time
 * warning (lib/model/checks/health-port.ts).
 */
export function validateHealthPort(health: HealthProps | undefined, ports: readonly Port[], c: ProblemCollector, path: string): void {
  const check = health?.check;
  if (!(check instanceof HealthCheck) || check.kind === 'command' || !isPortNumber(check.port)) return;
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
