import * as fs from 'fs';
import { parse } from 'yaml';
import { writeDeployFile } from '../../lib/delivery/deploy-file';
import { SPEC_HASH_LABEL } from '../../lib/delivery/stack-files';
import { defaultTimeoutMs, MIN_TIMEOUT_MS } from '../../lib/delivery/timeout';
import type { ComposeService } from '../../lib/swarm/compose-types';
import { shopStack, stackDir } from './support';

describe('the stack file deploy hands to docker stack deploy', () => {
  test('only the services to change, each with its hash label; every top-level object; files by absolute path', () => {
    const stack = shopStack();
    const { file, cleanup } = writeDeployFile(stack, ['web']);
    try {
      const doc = parse(fs.readFileSync(file, 'utf8'));
      expect(Object.keys(doc.services)).toEqual(['web']);
      expect(doc.services.web.deploy.labels).toEqual({ [SPEC_HASH_LABEL]: stack.hashes.get('web') });
      expect(doc.configs.page).toEqual({ file: `${stack.dir}/configs/page.html`, labels: { 'app.kubernetes.io/managed-by': 'conductor' } });
      expect(doc.secrets).toEqual({ token: { external: true, name: 'token' } });
      expect(file.startsWith(stack.dir)).toBe(false);
    } finally {
      cleanup();
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  test('escaped interpolation ($$) and Go templates reach docker stack deploy as synth wrote them', () => {
    const stack = stackDir('s', {
      services: { w: { image: 'a:1', environment: { PRICE: '$$5', SLOT: '{{.Task.Slot}}' }, deploy: { mode: 'replicated' } } },
    });
    const { file, cleanup } = writeDeployFile(stack, ['w']);
    try {
      expect(parse(fs.readFileSync(file, 'utf8')).services.w.environment).toEqual({ PRICE: '$$5', SLOT: '{{.Task.Slot}}' });
    } finally {
      cleanup();
    }
  });

  test('the hash covers the service and the files it uses, nothing else', () => {
    const a = shopStack();
    expect(shopStack().hashes).toEqual(a.hashes);
    expect(shopStack('v2').hashes.get('web')).not.toBe(a.hashes.get('web'));
    expect(shopStack('v1', 'web:2').hashes.get('worker')).toBe(a.hashes.get('worker'));
  });
});

describe('the default timeout: scaled from the rollout settings', () => {
  const svc = (
    replicas: number,
    update: Partial<NonNullable<ComposeService['deploy']['update_config']>>,
    health?: ComposeService['healthcheck'],
  ): ComposeService => ({
    image: 'a:1',
    deploy: {
      mode: 'replicated',
      replicas,
      update_config: { parallelism: 1, delay: '0s', failure_action: 'pause', monitor: '5s', order: 'start-first', ...update },
    },
    ...(health ? { healthcheck: health } : {}),
  });

  test('at least 3 minutes', () => {
    expect(defaultTimeoutMs([svc(1, {})])).toBe(MIN_TIMEOUT_MS);
    expect(MIN_TIMEOUT_MS).toBe(180_000);
  });

  test('batches of parallelism tasks, each its delay, monitor, health check and a start; the slowest service counts', () => {
    // 10 replicas one at a time: 10 × (10s delay + 30s monitor + (5s start + 10s × 4) health + 20s start) = 1050s.
    const slow = svc(10, { parallelism: 1, delay: '10s', monitor: '30s' }, {
      test: ['CMD', 'true'],
      interval: '10s',
      timeout: '1s',
      retries: 3,
      start_period: '5s',
    });
    expect(defaultTimeoutMs([svc(1, {}), slow])).toBe(1_050_000);
    // The same, 5 at a time: 2 batches.
    expect(defaultTimeoutMs([
      { ...slow, deploy: { ...slow.deploy, update_config: { ...slow.deploy.update_config!, parallelism: 5 } } },
    ])).toBe(210_000);
  });
});
