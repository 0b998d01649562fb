import { Docker } from './docker';
import { Drift, serviceDrift } from './drift';
import { replicaCounts, serviceRows, stackServices } from './engine';
import { scopedName, StackFiles } from './stack-files';

export interface ServiceStatus {
  readonly name: string;
  readonly running: number;
  readonly desired: number;
  /** Swarm's UpdateStatus.State of the last update, or `-`. */
  readonly update: string;
  readonly drift: readonly Drift[];
}

export interface StackStatus {
  readonly stack: string;
  readonly services: readonly ServiceStatus[];
  /** Services of the stack on the engine that dist/ does not have. */
  readonly extra: readonly string[];
}

/** What runs, per service of the stack file, and where it differs from the file. */
export async function stackStatus(docker: Docker, stack: StackFiles): Promise<StackStatus> {
  const [infos, rows] = await Promise.all([stackServices(docker, stack.name), serviceRows(docker, stack.name)]);
  const keys = Object.keys(stack.compose.services).sort();
  const services = keys.map((key): ServiceStatus => {
    const name = scopedName(stack.name, key);
    const info = infos.get(name);
    const counts = replicaCounts(rows.get(name));
    const update = info?.UpdateStatus?.State ?? '-';
    return { name, running: counts.running, desired: counts.desired, update, drift: serviceDrift(stack, key, info?.Spec) };
  });
  const known = new Set(services.map((s) => s.name));
  return { stack: stack.name, services, extra: [...infos.keys()].filter((n) => !known.has(n)).sort() };
}

export function hasDrift(s: StackStatus): boolean {
  return s.extra.length > 0 || s.services.some((x) => x.drift.length > 0);
}

/** The report: a line per service, then one per drifted field. */
export function formatStatus(s: StackStatus): string[] {
  const lines = [`stack ${s.stack}: ${hasDrift(s) ? 'DRIFT' : 'in sync with dist/'}`];
  const width = Math.max(...s.services.map((x) => x.name.length), 8);
  for (const x of s.services) {
    lines.push(`  ${x.name.padEnd(width)}  ${`${x.running}/${x.desired}`.padEnd(7)} running  update ${x.update}${x.drift.length ? '  drift' : ''}`);
    for (const d of x.drift) lines.push(`    ${d.field}: dist/ has ${d.expected}, the engine runs ${d.actual}`);
  }
  for (const e of s.extra) lines.push(`  ${e.padEnd(width)}  not in dist/ (remove it with \`docker service rm ${e}\`)`);
  return lines;
}
