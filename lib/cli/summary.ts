import { parseAllDocuments } from 'yaml';
import { SynthOutput } from '../synth/app';

/** A few lines per stack: Kubernetes objects per kind, Swarm services, where the files went. */
export function summarize(output: SynthOutput, outdir: string): string {
  const lines: string[] = [];
  for (const stack of output.stacks) {
    const name = stack.stackName;
    const kube = output.files.get(`kubernetes/${name}/${name}.k8s.yaml`);
    const parts: string[] = [];
    if (kube !== undefined) {
      const kinds = new Map<string, number>();
      for (const d of parseAllDocuments(kube)) {
        const kind = String((d.toJSON() as { kind?: string })?.kind);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      parts.push(`kubernetes: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}`);
    }
    if (output.files.has(`swarm/${name}/compose.yaml`)) {
      parts.push(`swarm: ${stack.workloads.length} service${stack.workloads.length === 1 ? '' : 's'}`);
    }
    lines.push(`${name}: ${parts.join('; ')}`);
  }
  const gaps = output.gaps.length ? `, ${output.gaps.length} warning${output.gaps.length === 1 ? '' : 's'}` : '';
  lines.push(`wrote ${output.files.size} files to ${outdir}${gaps}`);
  return lines.join('\n');
}
