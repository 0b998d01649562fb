/**
 * Container image references, checked with the grammar of the distribution
 * reference library that both the docker CLI and the kubelet use:
 * `[host[:port]/]path[:tag][@digest]`, path components lower case.
 */

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

export const IMAGE_RULE = 'must be an image reference such as "ghcr.io/acme/api:1.4.2" (lower-case repository, optional registry, tag and digest)';

export function checkImage(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.length === 0) return 'must be a non-empty image reference';
  if (image.length > 255 + 128 + 80) return 'must be at most 463 characters';
  if (!REFERENCE.test(image)) return IMAGE_RULE;
  return undefined;
}

/** True when the reference names no tag or the tag `latest` (and no digest). */
export function isFloatingTag(image: string): boolean {
  if (image.includes('@')) return false;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 || image.slice(colon + 1) === 'latest';
}

/**
 * The Docker Hub official ("library") image a reference names, tag and
 * digest ignored: `postgres:16`, `library/postgres`,
 * `docker.io/library/redis@sha256:...` -> `postgres`, `redis`; undefined for
 * any other repository (`myorg/postgres`, `postgres-exporter`). With
 * `mirrors`, the same repository path on another registry counts too
 * (`registry.example.com:5000/mysql:8`, `mirror.local/library/nats`): a
 * registry mirror or pull-through cache keeps Docker Hub's paths.
 */
export function officialImageName(image: string, options: { readonly mirrors?: boolean } = {}): string | undefined {
  const parts = image.split('@')[0].split('/');
  parts[parts.length - 1] = parts[parts.length - 1].split(':')[0];
  // As the docker CLI reads it: a first component with a "." or ":", or "localhost", is a registry.
  const registry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]) ? parts[0] : undefined;
  const repo = registry !== undefined ? parts.slice(1) : parts;
  const dockerHub = registry === undefined || registry === 'docker.io' || registry === 'index.docker.io';
  if (!dockerHub && !options.mirrors) return undefined;
  if (repo.length === 1) return repo[0];
  if (repo.length === 2 && repo[0] === 'library') return repo[1];
  return undefined;
}
