/**
 * The Swarm target (lib/targets.ts): its checks and its renderer,
 * `swarm/<stack>/compose.yaml` for `docker stack deploy` plus the config
 * (and opted-in secret) files beside it, and what the stack's summary
 * says before deploying on Swarm.
 */
import type { Stack } from '../model/stack';
import { GENERATED_HEADER } from '../synth/header';
import { toYaml } from '../synth/yaml';
import type { TargetRenderer } from '../targets';
import { checkSwarm } from './check';
import { renderSwarmStack } from './stack';
import { volumeOwnershipNotes } from './volume-ownership';

export const swarmTarget: TargetRenderer = {
  target: 'swarm',
  check: checkSwarm,
  render(stack: Stack, reportRisk) {
    const out = renderSwarmStack(stack, reportRisk);
    return [{ path: 'compose.yaml', content: GENERATED_HEADER + toYaml(out.compose) }, ...out.files];
  },
  notes: volumeOwnershipNotes,
};
