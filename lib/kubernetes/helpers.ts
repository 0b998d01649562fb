import * as kplus from 'cdk8s-plus-27';
import { HelperContainer } from '../model/containers';
import { isFloatingTag } from '../model/image';
import { resourcesProps, securityContextProps } from './container';
import { literal, literalList } from './expansion';

/** cdk8s-plus props of a sidecar or init container. */
export function helperContainerProps(h: HelperContainer): kplus.ContainerProps {
  return {
    name: h.name,
    image: h.image,
    imagePullPolicy: isFloatingTag(h.image) ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT,
    command: literalList(h.command),
    args: literalList(h.args),
    workingDir: h.workingDir,
    envVariables: Object.fromEntries(Object.entries(h.env).map(([k, v]) => [k, kplus.EnvValue.fromValue(literal(v))])),
    resources: resourcesProps(h.resources),
    securityContext: securityContextProps(h.security),
  };
}
