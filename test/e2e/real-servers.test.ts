/**
 * The examples as the real-server scenario deploys them (apps/real-servers.ts),
 * checked without an engine: the stack file is the example's own but for
 * `image` and, on services reached by name, `deploy.endpoint_mode: dnsrr`.
 * No command, user, mount, health check or security setting differs.
 */
import { parse } from 'yaml';
import { App, Stack } from '../../lib';
import { defineMarketplace } from '../../apps/marketplace';
import { defineShop } from '../../apps/shop';
import { defineWeb } from '../../apps/web';
import type { ComposeFile } from '../../lib/swarm/compose-types';
import { composeSchemaErrors } from '../support/compose-schema';
import { stackConfig } from '../support/oracle';
import {
  MARKETPLACE_IMAGES, RealImage, realMarketplaceApp, realShopApp, realWebApp, SHOP_IMAGES, WEB_IMAGES,
} from './apps/real-servers';

const cases: [string, (app: App) => Stack, () => App, Readonly<Record<string, RealImage>>][] = [
  ['web', defineWeb, realWebApp, WEB_IMAGES],
  ['shop', defineShop, realShopApp, SHOP_IMAGES],
  ['marketplace', defineMarketplace, realMarketplaceApp, MARKETPLACE_IMAGES],
];

describe.each(cases)('the %s example on real server images', (stack, define, real, images) => {
  const own = new App({ outdir: 'unused' });
  define(own);
  const ownOut = own.render();
  const example = parse(ownOut.files.get(`swarm/${stack}/compose.yaml`)!) as ComposeFile;
  const out = real().render();
  const deployed = parse(out.files.get(`swarm/${stack}/compose.yaml`)!) as ComposeFile;

  test('the deployed stack file differs from the example\'s only in image and endpoint_mode', () => {
    const swapped = ['image', 'endpoint_mode'];
    const strip = (c: ComposeFile) => JSON.parse(JSON.stringify(c, (k, v) => (swapped.includes(k) ? undefined : v))) as ComposeFile;
    expect(strip(deployed)).toEqual(strip(example));
    // The fields set aside are what the override set, and only where it set them.
    for (const [name, s] of Object.entries(deployed.services)) {
      const want = { name, image: images[name].image ?? example.services[name].image, mode: images[name].dnsrr ? 'dnsrr' : undefined };
      expect({ name, image: s.image, mode: s.deploy?.endpoint_mode }).toEqual(want);
      expect(example.services[name].deploy?.endpoint_mode).toBeUndefined();
    }
    // And the configs written next to the stack file are the example's, byte for byte.
    const configs = (files: ReadonlyMap<string, string>) => [...files].filter(([f]) => f.startsWith(`swarm/${stack}/configs/`));
    expect(configs(out.files)).toEqual(configs(ownOut.files));
  });

  test('swapping images and endpoint_mode through Swarm.override relaxes no secure default: the example\'s risks, no more', () => {
    expect(out.risks).toEqual(ownOut.risks);
  });

  test('a service keeps its virtual IP where it publishes a port (Swarm refuses dnsrr with the routing mesh)', () => {
    for (const s of Object.values(deployed.services)) if (s.ports?.length) expect(s.deploy?.endpoint_mode).toBeUndefined();
  });

  test('its Kubernetes output is the example\'s own', () => {
    expect(out.files.get(`kubernetes/${stack}/${stack}.k8s.yaml`)).toBe(ownOut.files.get(`kubernetes/${stack}/${stack}.k8s.yaml`));
  });

  test('the stack file passes the Compose schema and `docker stack config`', () => {
    expect(composeSchemaErrors(deployed)).toEqual([]);
    const r = stackConfig(out.files, stack);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
