import { APP_IMAGE } from './app';
import { BuiltImage, buildServerImage } from './build';
import { NATS_IMAGE } from './nats';
import { NGINX_IMAGE } from './nginx';
import { POSTGRES_IMAGE } from './postgres';
import { REDIS_IMAGE } from './redis';
import { ServerImageSpec } from './spec';

export { APP_IMAGE, NATS_IMAGE, NGINX_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE };
export type { BuiltImage, ServerImageSpec };

/** A second tag of the postgres image (same packages, same root filesystem): a rolling update of the database. */
export const POSTGRES_IMAGE_V2 = `${POSTGRES_IMAGE.tag}-2`;

export const SERVER_IMAGES: readonly ServerImageSpec[] = [POSTGRES_IMAGE, NGINX_IMAGE, REDIS_IMAGE, NATS_IMAGE, APP_IMAGE];

/** Builds (or takes from the cache) and imports every server image; one line of figures each. */
export function buildServerImages(busybox: string, env: NodeJS.ProcessEnv): BuiltImage[] {
  return SERVER_IMAGES.map((s) => buildServerImage(s, busybox, env, s === POSTGRES_IMAGE ? [POSTGRES_IMAGE_V2] : []));
}
