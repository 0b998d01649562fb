import type { ComposeService } from '../swarm/compose-types';
import { Docker } from './docker';
import { mountSources, StackFiles } from './stack-files';

/**
 * What must hold before anything changes. `docker stack deploy` checks
 * none of it: it creates and updates services one by one and fails half-way
 * at the first missing external secret or network.
 */
export interface PreflightResult {
  readonly problems: string[];
  /** The engine's API version (`docker version`), when it answered. */
  readonly apiVersion?: string;
}

/** Engine API versions that introduced what a stack file can use (Docker Engine API history). */
const API_FEATURES: readonly { readonly version: string; readonly what: string; readonly uses: (s: ComposeService) => boolean }[] = [
  { version: '1.41', what: 'job services (deploy.mode replicated-job / global-job)', uses: (s) => /-job$/.test(s.deploy?.mode ?? '') },
  { version: '1.41', what: 'cap_add / cap_drop', uses: (s) => (s.cap_add?.length ?? 0) + (s.cap_drop?.length ?? 0) > 0 },
  { version: '1.40', what: 'placement.max_replicas_per_node', uses: (s) => s.deploy?.placement?.max_replicas_per_node !== undefined },
];

/** The engine answers and is a Swarm manager; the external objects exist; the API is recent enough. */
export async function preflight(docker: Docker, stacks: readonly StackFiles[]): Promise<PreflightResult> {
  const info = await docker.attempt(['info', '--format', '{{json .Swarm}}']);
  if (info.status !== 0) {
    const why = firstLine(info.stderr || info.stdout);
    return { problems: [`the Docker engine does not answer (docker info): ${why}; check DOCKER_HOST or the docker context`] };
  }
  const problems: string[] = [];
  const swarm = JSON.parse(info.stdout.trim() || '{}') as { LocalNodeState?: string; ControlAvailable?: boolean };
  if (swarm.LocalNodeState !== 'active') {
    const state = swarm.LocalNodeState || 'unknown';
    problems.push(`the engine is not part of a swarm (state ${state}): run \`docker swarm init\` or point DOCKER_HOST at a manager`);
    return { problems };
  }
  if (!swarm.ControlAvailable) problems.push('the engine is a swarm worker, not a manager: stacks can only be deployed to a manager');

  const apiVersion = (await docker.attempt(['version', '--format', '{{.Server.APIVersion}}'])).stdout.trim();
  for (const f of API_FEATURES) {
    const users = stacks.flatMap((st) => Object.entries(st.compose.services).filter(([, s]) => f.uses(s)).map(([k]) => `${st.name}/${k}`));
    if (users.length && apiVersion && compareVersions(apiVersion, f.version) < 0) {
      problems.push(`the engine's API ${apiVersion} is older than ${f.version}, which ${f.what} need: ${users.join(', ')}`);
    }
  }

  const [secrets, networks, configs] = await Promise.all([
    docker.lines(['secret', 'ls', '--format', '{{.Name}}']),
    docker.lines(['network', 'ls', '--format', '{{.Name}}']),
    docker.lines(['config', 'ls', '--format', '{{.Name}}']),
  ]);
  for (const st of stacks) {
    const services = Object.values(st.compose.services);
    const used = {
      secrets: new Set(services.flatMap((s) => mountSources(s.secrets))),
      configs: new Set(services.flatMap((s) => mountSources(s.configs))),
    };
    for (const [key, def] of Object.entries(st.compose.secrets ?? {})) {
      const name = def.name ?? key;
      if (def.external && used.secrets.has(key) && !secrets.includes(name)) {
        problems.push(`stack ${st.name}: external secret "${name}" does not exist: printf '%s' "$VALUE" | docker secret create ${name} -`);
      }
    }
    for (const [key, def] of Object.entries(st.compose.configs ?? {})) {
      const name = def.name ?? key;
      if (def.external && used.configs.has(key) && !configs.includes(name)) {
        problems.push(`stack ${st.name}: external config "${name}" does not exist: docker config create ${name} FILE`);
      }
    }
    for (const [key, def] of Object.entries(st.compose.networks ?? {})) {
      const name = def.name ?? key;
      if (def.external && !networks.includes(name)) {
        problems.push(`stack ${st.name}: external network "${name}" does not exist: docker network create --driver overlay --attachable ${name}`);
      }
    }
  }
  return { problems, apiVersion };
}

/** Compares dotted versions numerically: 1.41 > 1.9. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
