import type { Config } from '../../../lib';
import { realWebApp } from '../apps/real-servers';
import { containersOf, deployStack, removeStack, sh, step, waitForReplicas } from '../support';
import { identities, secureAs, uidsOf } from './real-checks';

const STACK = 'web';
const SITE = `${STACK}_site`;

/** The page the example's Config holds (not the image's own index.html). */
const PAGE = (() => {
  const config = realWebApp().stacks[0].node.findChild('pages') as Config;
  return config.files['index.html'];
})();

/**
 * The seed web app (apps/web.ts) on real nginx, its image swapped and
 * nothing else: 5 replicas converge with the example's own `wget` health
 * check, nginx serves the page of its Config on the target port 8080 under a read-only
 * root (pid and temp files on the example's scratch mounts), as the
 * library's non-root user, with no capability.
 */
export function realWebScenario(): void {
  beforeAll(async () => {
    await step('real web: deploy (detached)', () => deployStack(STACK, realWebApp(), { wait: false }));
  });

  test('5 replicas of nginx converge, each healthy by the example\'s own health check', async () => {
    await step('real web: 5 replicas healthy', () => waitForReplicas(SITE, 5, 150_000));
    const ids = await identities(SITE);
    expect(ids.map((i) => i.health)).toEqual(Array(5).fill('healthy'));
  });

  test('nginx serves the page its Config holds on the target port, every nginx process as uid 10001', async () => {
    for (const c of await containersOf(SITE)) {
      expect(await sh(SITE, 'wget -q -O - http://127.0.0.1:8080/', { container: c.container })).toBe(PAGE);
      const uids = await uidsOf(SITE, c.container, 'nginx');
      expect(uids.length).toBeGreaterThanOrEqual(2);
      expect(new Set(uids)).toEqual(new Set(['10001']));
      // Where nginx writes under the read-only root: the scratch mounts the example declares.
      expect(await sh(SITE, 'cat /tmp/nginx.pid >/dev/null && ls -d /tmp/client_temp', { container: c.container })).toContain('/tmp/client_temp');
    }
  });

  test('every container runs under the library\'s secure defaults (the example overrides none)', async () => {
    for (const i of await identities(SITE)) expect(i).toEqual({ container: i.container, ...secureAs(10001) });
  });

  afterAll(async () => {
    await step('real web: stack removed', () => removeStack(STACK));
  });
}
