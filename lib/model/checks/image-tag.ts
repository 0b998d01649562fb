import { checkImage, isFloatingTag } from '../image';
import type { ProblemCollector } from '../problems';
import type { WorkloadBase } from '../workload-base';

/**
 * An image without a tag or digest, or tagged `latest`: the registry moves
 * it, so the same commit of a GitOps repository deploys different software
 * over time (and nodes run whatever they pulled last).
 */
export function checkImageTags(w: WorkloadBase, c: ProblemCollector): void {
  const images: [string, unknown][] = [['image', w.image]];
  for (const [kind, helpers] of [['sidecars', w.givenProps.sidecars], ['initContainers', w.givenProps.initContainers]] as const) {
    (Array.isArray(helpers) ? helpers : []).forEach((h, i) => images.push([`${kind}[${i}].image`, h?.image]));
  }
  for (const [field, image] of images) {
    // Invalid references are errors of the model.
    if (typeof image !== 'string' || checkImage(image) || !isFloatingTag(image)) continue;
    const what = /:latest$/.test(image) ? 'is tagged "latest"' : 'has no tag or digest (both targets pull "latest")';
    c.warning(w.node.path, field, `"${image}" ${what}: the tag moves, so the same commit deploys different software over time; `
      + 'pin a version tag or a digest (@sha256:...)');
  }
}
