import { CpuAmount, MemoryAmount } from '../model/quantity';

/** Swarm reads `cpus` as a decimal string of cores. */
export function swarmCpus(cpu: CpuAmount): string {
  return String(cpu.millicores / 1000);
}

/** Swarm reads memory with binary b/k/m/g suffixes (go-units RAMInBytes); exact bytes otherwise. */
export function swarmMemory(memory: MemoryAmount): string {
  const b = memory.bytes;
  for (const [unit, size] of [['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10]] as const) {
    if (b % size === 0) return `${b / size}${unit}`;
  }
  return String(b);
}
