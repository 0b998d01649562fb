import { CPU_RULE, CpuAmount, MEBIBYTE, MEMORY_RULE, MemoryAmount, parseCpu, parseMemory } from './quantity';
import { ProblemCollector } from './problems';

export interface CpuResourceProps {
  /** Reserved CPU, e.g. `'250m'` or `'0.5'`. @default - none */
  readonly request?: string;
  /** CPU ceiling. @default - none */
  readonly limit?: string;
}

export interface MemoryResourceProps {
  /** Reserved memory, e.g. `'128Mi'`. @default - none */
  readonly request?: string;
  /** Memory ceiling; the container is killed above it. @default - none */
  readonly limit?: string;
}

/**
 * Requests (reservations) and limits. Kubernetes: container `resources`.
 * Swarm: `deploy.resources.reservations / limits`. Nothing is set unless
 * given (cdk8s-plus's own large defaults are not used).
 */
export interface ResourcesProps {
  /**
   * CPU request and limit, in cores or millicores (`250m`).
   * @default - no CPU request or limit
   */
  readonly cpu?: CpuResourceProps;
  /**
   * Memory request and limit (`128Mi`).
   * @default - no memory request or limit
   */
  readonly memory?: MemoryResourceProps;
}

export interface Resources {
  readonly cpuRequest?: CpuAmount;
  readonly cpuLimit?: CpuAmount;
  readonly memoryRequest?: MemoryAmount;
  readonly memoryLimit?: MemoryAmount;
}

/** Parsed resources; call only after `validateResources` reported nothing. */
export function resolveResources(r: ResourcesProps | undefined): Resources {
  return {
    cpuRequest: r?.cpu?.request !== undefined ? parseCpu(r.cpu.request) : undefined,
    cpuLimit: r?.cpu?.limit !== undefined ? parseCpu(r.cpu.limit) : undefined,
    memoryRequest: r?.memory?.request !== undefined ? parseMemory(r.memory.request) : undefined,
    memoryLimit: r?.memory?.limit !== undefined ? parseMemory(r.memory.limit) : undefined,
  };
}

export function validateResources(r: ResourcesProps | undefined, c: ProblemCollector, path: string, prefix = 'resources'): void {
  if (!r) return;
  const cpu = (field: 'request' | 'limit') => {
    const text = r.cpu?.[field];
    if (text === undefined) return undefined;
    const v = parseCpu(text);
    if (!v) c.error(path, `${prefix}.cpu.${field}`, CPU_RULE, text);
    return v;
  };
  const memory = (field: 'request' | 'limit') => {
    const text = r.memory?.[field];
    if (text === undefined) return undefined;
    const v = parseMemory(text);
    if (!v) c.error(path, `${prefix}.memory.${field}`, MEMORY_RULE, text);
    // cdk8s-plus-27 renders memory in whole mebibytes.
    else if (v.bytes % MEBIBYTE !== 0) c.error(path, `${prefix}.memory.${field}`, 'must be a whole number of mebibytes (e.g. "128Mi", "1Gi")', text);
    return v;
  };
  const [cr, cl, mr, ml] = [cpu('request'), cpu('limit'), memory('request'), memory('limit')];
  if (cr && cl && cl.millicores < cr.millicores) c.error(
    path,
    `${prefix}.cpu.limit`,
    `must not be below ${prefix}.cpu.request (${cr.text})`,
    cl.text,
  );
  if (mr && ml && ml.bytes < mr.bytes) c.error(path, `${prefix}.memory.limit`, `must not be below ${prefix}.memory.request (${mr.text})`, ml.text);
  if (ml && ml.bytes < 6 * MEBIBYTE) c.error(path, `${prefix}.memory.limit`, 'must be at least 6Mi (the smallest limit Docker accepts)', ml.text);
}
