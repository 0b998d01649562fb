/**
 * Size limits of the Kubernetes objects a Config and a plaintext Secret
 * become. The API server refuses a ConfigMap or Secret whose values add up
 * to more than 1 MiB (MaxSecretSize, for both kinds). `kubectl apply`
 * without `--server-side` also copies the whole object, as JSON, into its
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, and all
 * annotations of an object together are limited to 256 KiB: a larger
 * ConfigMap is refused with "metadata.annotations: Too long".
 */
import { Config } from '../model/config';
import type { ProblemCollector } from '../model/problems';
import { Secret } from '../model/secret';

const KUBERNETES = 'kubernetes';
const MAX_OBJECT_DATA_BYTES = 1024 * 1024;
const MAX_ANNOTATIONS_BYTES = 256 * 1024;
/** Room for what the annotation holds besides the data: apiVersion, kind, metadata (name, namespace, labels). */
const ANNOTATION_OVERHEAD_BYTES = 2 * 1024;

export function configSizeLimits(config: Config, c: ProblemCollector): void {
  const values = { ...config.env, ...config.files };
  const bytes = Object.values(values).reduce((n, v) => n + Buffer.byteLength(String(v)), 0);
  const path = config.node.path;
  if (bytes > MAX_OBJECT_DATA_BYTES) {
    c.targetLimit(path, 'files', KUBERNETES, `files and env values together must be at most ${MAX_OBJECT_DATA_BYTES} bytes `
      + '(one ConfigMap: the API server refuses a larger one)', `${bytes} bytes`);
    return;
  }
  const json = Buffer.byteLength(JSON.stringify(values)) + ANNOTATION_OVERHEAD_BYTES;
  if (json > MAX_ANNOTATIONS_BYTES) {
    c.warning(path, 'files', `the ConfigMap is about ${json} bytes as JSON: \`kubectl apply\` without \`--server-side\` copies it into the `
      + `last-applied-configuration annotation, and annotations are limited to ${MAX_ANNOTATIONS_BYTES} bytes, so it fails with `
      + '"metadata.annotations: Too long"; apply with `kubectl apply --server-side`', KUBERNETES);
  }
}

/** A plaintext secret's value, never shown: only its size. */
export function secretSizeLimit(secret: Secret, c: ProblemCollector): void {
  const value = secret.plaintextValue;
  if (typeof value !== 'string') return;
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_OBJECT_DATA_BYTES) {
    c.targetLimit(secret.node.path, 'value', KUBERNETES, `must be at most ${MAX_OBJECT_DATA_BYTES} bytes (the API server refuses a larger Secret)`,
      `${bytes} bytes`);
  }
}
