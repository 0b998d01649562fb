import { checkImage } from './image';
import { ARG_STRING_RULE, checkContainerPath, checkExecText, checkName, ENV_NAME_PATTERN, ENV_NAME_RULE, EXEC_STRING_RULE, oversizedExecString } from './names';
import { ProblemCollector } from './problems';
import { Resources, ResourcesProps, resolveResources, validateResources } from './resources';
import { resolveSecurity, Security, SecurityProps, validateSecurity } from './security';

/**
 * A helper container beside a workload's main container: a sidecar (runs
 * alongside) or an init container (runs to completion first).
 */
export interface HelperContainerProps {
  /** Container name (DNS label). */
  readonly name: string;
  /** Container image, e.g. `busybox:1.36`. */
  readonly image: string;
  /** Replaces ENTRYPOINT. @default - the image's */
  readonly command?: string[];
  /** Replaces CMD. @default - the image's */
  readonly args?: string[];
  /**
   * Environment variables of the container.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string };
  /**
   * Working directory of the container.
   * @default - the image's
   */
  readonly workingDir?: string;
  /**
   * CPU and memory requests and limits of the container.
   * @default - none
   */
  readonly resources?: ResourcesProps;
  /**
   * User, group, root filesystem and capabilities of the container.
   * @default - the same secure defaults as the main container
   */
  readonly security?: SecurityProps;
}

/** A helper container with defaults applied. */
export interface HelperContainer {
  readonly name: string;
  readonly image: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly env: { readonly [name: string]: string };
  readonly workingDir?: string;
  readonly resources: Resources;
  readonly security: Security;
}

export function resolveHelper(h: HelperContainerProps): HelperContainer {
  const env = h.env ?? {};
  return {
    name: h.name,
    image: h.image,
    command: h.command,
    args: h.args,
    env: Object.fromEntries(Object.keys(env).sort().map((k) => [k, env[k]])),
    workingDir: h.workingDir,
    resources: resolveResources(h.resources),
    security: resolveSecurity(h.security),
  };
}

export function validateHelper(h: HelperContainerProps, c: ProblemCollector, path: string, field: string): void {
  const nameRule = checkName(h.name);
  if (nameRule) c.error(path, `${field}.name`, nameRule, h.name);
  else if (h.name === 'main') c.error(path, `${field}.name`, 'must not be "main" (the workload\'s own container)', h.name);
  const imageRule = checkImage(h.image);
  if (imageRule) c.error(path, `${field}.image`, imageRule, h.image);
  for (const f of ['command', 'args'] as const) {
    const v = h[f];
    if (v !== undefined && (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))) c.error(
      path,
      `${field}.${f}`,
      'must be a list of strings',
      v,
    );
    else {
      v?.forEach((s, i) => {
        if (oversizedExecString(s)) c.error(path, `${field}.${f}[${i}]`, ARG_STRING_RULE, oversizedExecString(s));
        else if (checkExecText(s)) c.error(path, `${field}.${f}[${i}]`, checkExecText(s)!, s);
      });
    }
  }
  for (const [k, v] of Object.entries(h.env ?? {})) {
    if (!ENV_NAME_PATTERN.test(k)) c.error(path, `${field}.env[${JSON.stringify(k)}]`, ENV_NAME_RULE, k);
    if (typeof v !== 'string') c.error(path, `${field}.env[${JSON.stringify(k)}]`, 'value must be a string', v);
    else if (oversizedExecString(`${k}=${v}`)) c.error(
      path,
      `${field}.env[${JSON.stringify(k)}]`,
      EXEC_STRING_RULE,
      oversizedExecString(`${k}=${v}`),
    );
    else if (checkExecText(v)) c.error(path, `${field}.env[${JSON.stringify(k)}]`, checkExecText(v)!, v);
  }
  if (h.workingDir !== undefined) {
    const r = checkContainerPath(h.workingDir);
    if (r) c.error(path, `${field}.workingDir`, r, h.workingDir);
  }
  validateResources(h.resources, c, path, `${field}.resources`);
  validateSecurity(h.security, c, path, `${field}.security`);
}

/** The sidecars and init containers of a workload; the names of all of them once (they share one pod on Kubernetes). */
export function validateHelpers(
  sidecars: readonly HelperContainerProps[],
  initContainers: readonly HelperContainerProps[],
  c: ProblemCollector,
  path: string,
): void {
  const names = new Set<string>();
  for (const [field, list] of [['sidecars', sidecars], ['initContainers', initContainers]] as const) {
    list.forEach((h, i) => {
      validateHelper(h, c, path, `${field}[${i}]`);
      if (names.has(h.name)) c.error(path, `${field}[${i}].name`, 'must not repeat a container name', h.name);
      names.add(h.name);
    });
  }
}
