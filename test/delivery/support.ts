import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { readStackFiles, SPEC_HASH_LABEL, StackFiles } from '../../lib/delivery/stack-files';
import type { ComposeFile } from '../../lib/swarm/compose-types';
import type { ServiceSpec } from '../../lib/delivery/engine';

/** Writes a stack directory (compose.yaml and the given files) and reads it as deploy does. */
export function stackDir(name: string, compose: ComposeFile, files: Record<string, string> = {}): StackFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conductor-delivery-test-'));
  fs.writeFileSync(path.join(dir, 'compose.yaml'), stringify(compose));
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return readStackFiles(name, dir);
}

/** A two-service stack: web (2 replicas, a config) and worker (an external secret). */
export function shopStack(page = 'v1', image = 'web:1'): StackFiles {
  return stackDir('shop', {
    services: {
      web: { image, configs: [{ source: 'page', target: '/srv/index.html' }], deploy: { mode: 'replicated', replicas: 2 } },
      worker: {
        image: 'worker:1',
        environment: { A: '1' },
        secrets: [{ source: 'token', target: '/run/secrets/token' }],
        deploy: { mode: 'replicated' },
      },
    },
    configs: { page: { file: './configs/page.html', labels: { 'app.kubernetes.io/managed-by': 'conductor' } } },
    secrets: { token: { external: true, name: 'token' } },
  }, { 'configs/page.html': page });
}

/** The spec the engine shows for a service of `stack` deployed by conductor deploy. */
export function deployedSpec(stack: StackFiles, key: string, change: (s: ServiceSpec) => ServiceSpec = (s) => s): ServiceSpec {
  const c = stack.compose.services[key];
  const env = Object.entries((c.environment ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  return change({
    Name: `${stack.name}_${key}`,
    Labels: { 'com.docker.stack.namespace': stack.name, [SPEC_HASH_LABEL]: stack.hashes.get(key)! },
    TaskTemplate: {
      ContainerSpec: {
        Image: c.image,
        ...(env.length ? { Env: env } : {}),
        ...(c.configs ? { Configs: c.configs.map((m) => ({ ConfigName: `${stack.name}_${m.source}` })) } : {}),
        ...(c.secrets ? { Secrets: c.secrets.map((m) => ({ SecretName: m.source })) } : {}),
      },
    },
    Mode: { Replicated: { Replicas: c.deploy.replicas ?? 1 } },
  });
}
