import { App, Config, Stack, Swarm, WorkloadBase } from '../../../lib';
import { defineMarketplace } from '../../../apps/marketplace';
import { defineShop } from '../../../apps/shop';
import { defineWeb } from '../../../apps/web';
import { APP_IMAGE, NATS_IMAGE, NGINX_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE } from '../support/server-images';

/**
 * The examples of apps/ deployed with real server software: only the image
 * changes (a local stand-in of the same software, built from Debian
 * packages: ../support/server-images/), plus `endpoint_mode: dnsrr` for a
 * service that clients reach by name and that publishes no port. This
 * kernel has no IPVS, so a service's virtual IP carries no traffic here; in
 * dnsrr mode the service name resolves to its tasks' addresses. (A service
 * publishing a port in ingress mode must keep its virtual IP: Swarm refuses
 * dnsrr with the routing mesh; nothing here connects to those by name.)
 */
export interface RealImage {
  /** The local image; undefined keeps the example's own (a workload that gets no task here). */
  readonly image: string | undefined;
  /** Reached by name from another service (and publishes no port). */
  readonly dnsrr?: boolean;
}

/** The secret the shop example references (`Secret.fromExisting`); the suite creates it. */
export const SHOP_DB_SECRET = 'db-password';
export const SHOP_DB_PASSWORD = 'e2e-shop-db-password-7f3a';

export const WEB_IMAGES: Readonly<Record<string, RealImage>> = { site: { image: NGINX_IMAGE.tag } };

export const SHOP_IMAGES: Readonly<Record<string, RealImage>> = {
  db: { image: POSTGRES_IMAGE.tag, dnsrr: true },
  cache: { image: REDIS_IMAGE.tag, dnsrr: true },
  api: { image: APP_IMAGE.tag, dnsrr: true },
  web: { image: NGINX_IMAGE.tag },
};

/** Swaps the images of `stack`'s workloads through `Swarm.override`; every workload must have one. */
export function withRealImages(stack: Stack, images: Readonly<Record<string, RealImage>>, tags: Readonly<Record<string, string>> = {}): Stack {
  const workloads: readonly WorkloadBase[] = stack.workloads;
  const missing = workloads.filter((w) => !images[w.name]).map((w) => w.name);
  const stale = Object.keys(images).filter((n) => !workloads.some((w) => w.name === n));
  if (missing.length || stale.length) {
    throw new Error(`real images out of date with ${stack.node.id}: none for ${missing.join(', ') || '-'}; stale ${stale.join(', ') || '-'}`);
  }
  for (const w of workloads) {
    const r = images[w.name];
    const image = tags[w.name] ?? r.image;
    Swarm.override(w, { ...(image ? { image } : {}), ...(r.dnsrr ? { deploy: { endpoint_mode: 'dnsrr' } } : {}) });
  }
  return stack;
}

/** The seed web app (apps/web.ts) on nginx. */
export function realWebApp(): App {
  const app = new App({ outdir: 'unused' });
  withRealImages(defineWeb(app), WEB_IMAGES);
  return app;
}

/** What the second version of the shop's web Config adds to its `default.conf`: an answer at /config-version. */
export const WEB_CONFIG_V2_LOCATION = '  location = /config-version { default_type text/plain; return 200 "2\\n"; }';

/**
 * The shop example (apps/shop.ts) on postgres, redis, nginx and the app image;
 * `tags` replaces an image per workload (a rolling update). `webConfigV2`
 * edits the web Config's `default.conf` as a user would edit apps/shop.ts
 * (one more location), before synthesis.
 */
export function realShopApp(tags: Readonly<Record<string, string>> = {}, webConfigV2 = false): App {
  const app = new App({ outdir: 'unused' });
  const stack = withRealImages(defineShop(app), SHOP_IMAGES, tags);
  if (webConfigV2) {
    const config = stack.node.findChild('web-config') as Config;
    const files = config.files as Record<string, string>;
    files['default.conf'] = files['default.conf'].replace(/}\n$/, `${WEB_CONFIG_V2_LOCATION}\n}\n`);
  }
  return app;
}

/** The secret the marketplace example references; the suite creates it. */
export const MARKET_DB_SECRET = 'postgres-password';
export const MARKET_DB_PASSWORD = 'e2e-market-db-password-19c4';

/**
 * The marketplace's images: postgres, NATS, and the app image for its own
 * services (checkout, its worker, migration and report, the storefront).
 * The log agent keeps `fluent/fluent-bit` (not in Debian): its placement
 * (worker nodes only) gives it no task on this manager-only swarm, so
 * nothing ever pulls it.
 */
export const MARKETPLACE_IMAGES: Readonly<Record<string, RealImage>> = {
  postgres: { image: POSTGRES_IMAGE.tag, dnsrr: true },
  queue: { image: NATS_IMAGE.tag, dnsrr: true },
  checkout: { image: APP_IMAGE.tag, dnsrr: true },
  migrate: { image: APP_IMAGE.tag },
  worker: { image: APP_IMAGE.tag },
  'nightly-report': { image: APP_IMAGE.tag },
  storefront: { image: APP_IMAGE.tag },
  'log-agent': { image: undefined },
};

/** The marketplace example (apps/marketplace.ts) on postgres, NATS and the app image. */
export function realMarketplaceApp(): App {
  const app = new App({ outdir: 'unused' });
  withRealImages(defineMarketplace(app), MARKETPLACE_IMAGES);
  return app;
}
