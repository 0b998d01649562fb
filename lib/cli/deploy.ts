import { realClock } from '../delivery/clock';
import { Docker, dockerCli, DockerRunner } from '../delivery/docker';
import { deliver, PreflightError } from '../delivery/deploy';
import { lineView, liveView } from '../delivery/progress';
import type { Io } from './io';
import { swarmOutput, SwarmOutputOptions } from './swarm-output';

export interface DeployCommandOptions extends SwarmOutputOptions {
  readonly timeoutMs?: number;
  readonly rollback: boolean;
  readonly resolveImage?: 'always' | 'changed' | 'never';
  /** A live table instead of timestamped lines. @default stdout is a terminal */
  readonly live?: boolean;
}

/**
 * `conductor deploy`: the committed Swarm stack files (refused when stale),
 * to the engine the docker CLI points at. Exit 0 when every stack converged
 * or was unchanged; 1 on a preflight problem (nothing deployed) or a stack
 * that failed (rolled back unless --no-rollback).
 */
export async function deployCommand(o: DeployCommandOptions, io: Io, runner: DockerRunner = dockerCli): Promise<number> {
  const stacks = swarmOutput(o);
  const live = o.live ?? process.stdout.isTTY === true;
  try {
    const reports = await deliver(stacks, {
      docker: new Docker(runner),
      clock: realClock,
      log: io.out,
      view: () => (live ? liveView((t) => process.stdout.write(t)) : lineView(io.out)),
      timeoutMs: o.timeoutMs,
      rollback: o.rollback,
      resolveImage: o.resolveImage,
    });
    const failed = reports.filter((r) => r.result === 'failed');
    if (failed.length) {
      const how = o.rollback ? 'rolled back' : 'left as it is (--no-rollback)';
      io.err(`conductor: deploy failed: ${failed.map((r) => `${r.stack} (${r.error})`).join('; ')}; ${how}`);
      return 1;
    }
    const counts = ['deployed', 'unchanged'].map((k) => `${reports.filter((r) => r.result === k).length} ${k}`);
    io.out(`deploy: ${reports.length} stack${reports.length === 1 ? '' : 's'}, ${counts.join(', ')}`);
    return 0;
  } catch (e) {
    if ((e as Error).name !== 'PreflightError') throw e;
    io.err(`conductor: ${(e as PreflightError).message}`);
    return 1;
  }
}
