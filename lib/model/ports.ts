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
