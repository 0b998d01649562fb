import { ProblemCollector } from './problems';

/** How a port is reachable. */
export enum Exposure {
  /**
   * Only from inside the stack. Kubernetes: ClusterIP Service. Swarm: no
   * published port; reachable by service name on the stack's networks.
   */
  INTERNAL = 'internal',
  /**
   * On every node at a fixed or allocated port. Kubernetes: NodePort
   * Service (`nodePort` or allocated in 30000-32767). Swarm: published port
   * (`nodePort`, or allocated by Swarm in 30000-32767).
   */
  NODE_PORT = 'node-port',
  /**
   * From outside, at `port`. Kubernetes: LoadBalancer Service. Swarm:
   * published at `port` on every node (routing mesh).
   */
  LOAD_BALANCER = 'load-balancer',
}

/** Swarm publish mode (Kubernetes: see `PortProps.swarmPublishMode`). */
export enum PublishMode {
  /** Swarm routing mesh: every node accepts the port. */
  INGRESS = 'ingress',
  /** Bound on the node running the task only (Kubernetes: container hostPort). */
  HOST = 'host',
}

export type Protocol = 'tcp' | 'udp';

export interface PortProps {
  /** The port clients connect to (Kubernetes Service port, Swarm published port). */
  readonly port: number;

  /**
   * The port the container listens on.
   * @default - same as `port`
   */
  readonly targetPort?: number;

  /**
   * Transport protocol.
   * @default 'tcp'
   */
  readonly protocol?: Protocol;

  /**
   * Port name (IANA service name rules: at most 15 lower-case letters, digits, "-").
   * @default `<protocol>-<port>`, e.g. `tcp-80`
   */
  readonly name?: string;

  /**
   * Who can reach the port: the stack only, every node (node port), or a load balancer.
   * @default Exposure.INTERNAL
   */
  readonly exposure?: Exposure;

  /**
   * Fixed node port for `Exposure.NODE_PORT`, 30000-32767.
   * @default - allocated by the orchestrator
   */
  readonly nodePort?: number;

  /**
   * Swarm publish mode for exposed ports. `HOST` binds the published port on
   * the node running the task; on Kubernetes it adds a container hostPort.
   * @default PublishMode.INGRESS
   */
  readonly publishMode?: PublishMode;
}

/** A port with every default applied. */
export interface Port {
  /** The port clients connect to. */
  readonly port: number;
  /** The port the container listens on. */
  readonly targetPort: number;
  /** Transport protocol. */
  readonly protocol: Protocol;
  /** Port name. */
  readonly name: string;
  /** Who can reach the port. */
  readonly exposure: Exposure;
  /**
   * Fixed node port.
   * @default - allocated by the orchestrator
   */
  readonly nodePort?: number;
  /** Swarm publish mode. */
  readonly publishMode: PublishMode;
}

export function resolvePort(p: PortProps): Port {
  const protocol = p.protocol ?? 'tcp';
  return {
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    protocol,
    name: p.name ?? `${protocol}-${p.port}`,
    exposure: p.exposure ?? Exposure.INTERNAL,
    nodePort: p.nodePort,
    publishMode: p.publishMode ?? PublishMode.INGRESS,
  };
}

export function isPortNumber(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

/**
 * IANA service names, as the API server checks them (IsValidPortName): at
 * most 15 characters, at least one letter, no "-" at either end and no "--".
 */
export const PORT_NAME_PATTERN = /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The ports of a workload: numbers, protocol, exposure, name; each name, front and target once. */
export function validatePorts(ports: readonly PortProps[], c: ProblemCollector, path: string): void {
  const names = new Set<string>();
  const targets = new Set<string>();
  const fronts = new Set<string>();
  ports.forEach((given, i) => {
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
    c.oneOf(path, `${field}.exposure`, Exposure, p.exposure);
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
