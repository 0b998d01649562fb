import { Docker, dockerCli, DockerRunner } from '../delivery/docker';
import { formatStatus, hasDrift, stackStatus } from '../delivery/status';
import type { Io } from './io';
import { swarmOutput, SwarmOutputOptions } from './swarm-output';

/**
 * `conductor status`: per stack and service, running vs desired tasks, the
 * last update's state, and each field where the engine differs from the
 * committed stack files. Exit 1 when anything drifted (a gate for CI or cron).
 */
export async function statusCommand(o: SwarmOutputOptions, io: Io, runner: DockerRunner = dockerCli): Promise<number> {
  const docker = new Docker(runner);
  let drifted = 0;
  for (const stack of swarmOutput(o)) {
    const status = await stackStatus(docker, stack);
    for (const line of formatStatus(status)) io.out(line);
    if (hasDrift(status)) drifted++;
  }
  if (drifted) io.err(`conductor: ${drifted} stack${drifted === 1 ? '' : 's'} drifted from the output directory: \`conductor deploy\` restores it`);
  return drifted ? 1 : 0;
}
