import { sortedStacks } from './summary';
import { environmentOf } from '../synth/environment';
import type { Io } from './io';
import { loadApps } from './load-app';

export interface GraphCommandOptions {
  readonly app: string;
  readonly stacks?: string[];
  readonly environments?: string[];
  /** Only the Mermaid diagrams, each after a `%% <stack>` comment. */
  readonly mermaid: boolean;
}

/**
 * `conductor graph`: prints what synth writes to `<stack>.md` (a Mermaid
 * topology and the workload table) for each stack, after validating the app.
 */
export function graphCommand(o: GraphCommandOptions, io: Io): number {
  const apps = loadApps(o.app);
  const blocks: string[] = [];
  for (const app of apps) {
    const output = app.render({ stacks: o.stacks, environments: o.environments });
    for (const stack of sortedStacks(output.stacks)) {
      const env = environmentOf(stack);
      const md = output.files.get(`${env ? `${env}/` : ''}${stack.stackName}.md`);
      if (md === undefined) continue;
      if (!o.mermaid) {
        blocks.push(md);
        continue;
      }
      const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1];
      if (diagram !== undefined) blocks.push(`%% stack ${env ? `${env}/` : ''}${stack.stackName}\n${diagram}\n`);
    }
  }
  io.out(blocks.join('\n').replace(/\n$/, ''));
  return 0;
}
