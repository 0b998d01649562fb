/**
 * CPU and memory quantities, parsed once into numbers so that each renderer
 * prints its own format (Kubernetes `500m` / `128Mi`, Swarm `"0.5"` / `128M`).
 */

/** Kubernetes: replica counts (workloads and the HorizontalPodAutoscaler), utilization targets and probe settings are int32. */
export const MAX_INT32 = 2147483647;

/** A CPU amount in thousandths of a core. */
export interface CpuAmount {
  readonly millicores: number;
  readonly text: string;
}

/** A memory amount in bytes. */
export interface MemoryAmount {
  readonly bytes: number;
  readonly text: string;
}

const CPU = /^(\d+(\.\d+)?|\.\d+)(m)?$/;

export const CPU_RULE = 'must be cores ("0.5", "2") or millicores ("500m"), positive, in steps of 1m';

/** Parses "500m", "0.5", "2" or a number of cores. */
export function parseCpu(value: unknown): CpuAmount | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const m = CPU.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const millicores = m[3] ? n : n * 1000;
  const whole = Math.round(millicores);
  if (whole <= 0 || Math.abs(millicores - whole) > 1e-6) return undefined;
  return { millicores: whole, text };
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
const MEMORY = /^(\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

export const MEMORY_RULE = 'must be a whole number with a Kubernetes suffix (Ki, Mi, Gi, Ti, k, M, G, T), e.g. "256Mi"';

/** Parses Kubernetes memory quantities with integer amounts ("256Mi", "1G", "1048576"). */
export function parseMemory(value: unknown): MemoryAmount | undefined {
  if (typeof value !== 'string') return undefined;
  const m = MEMORY.exec(value);
  if (!m) return undefined;
  const unit = m[2] ? (BINARY[m[2]] ?? DECIMAL[m[2]]) : 1;
  const bytes = Number(m[1]) * unit;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) return undefined;
  return { bytes, text: value };
}

export const MEBIBYTE = 2 ** 20;
