import { Config } from './config';
import type { SecretEnv } from './mounts';
import { checkExecText, ENV_NAME_PATTERN, ENV_NAME_RULE, EXEC_STRING_RULE, oversizedExecString } from './names';
import { ProblemCollector } from './problems';
import type { CheckReference } from './references';

/**
 * The environment of a workload's main container: literal `env`, the names
 * of `envFromSecret` and the configs of `envFromConfig`. Each name once,
 * whichever way it is set.
 */
export function validateEnv(
  env: { readonly [name: string]: string },
  secretEnv: readonly SecretEnv[],
  envConfigs: readonly Config[],
  c: ProblemCollector,
  path: string,
  checkReference: CheckReference,
): void {
  const seen = new Set<string>();
  for (const [k, v] of Object.entries(env)) {
    if (!ENV_NAME_PATTERN.test(k)) c.error(path, `env[${JSON.stringify(k)}]`, ENV_NAME_RULE, k);
    if (typeof v !== 'string') c.error(path, `env[${JSON.stringify(k)}]`, 'value must be a string', v);
    else if (oversizedExecString(`${k}=${v}`)) c.error(path, `env[${JSON.stringify(k)}]`, EXEC_STRING_RULE, oversizedExecString(`${k}=${v}`));
    else if (checkExecText(v)) c.error(path, `env[${JSON.stringify(k)}]`, checkExecText(v)!, v);
    seen.add(k);
  }
  for (const { name } of secretEnv) {
    if (typeof name !== 'string' || !ENV_NAME_PATTERN.test(name)) c.error(path, 'envFromSecret', ENV_NAME_RULE, name);
    else if (seen.has(name)) c.error(path, 'envFromSecret', 'must not repeat an env name already set', name);
    seen.add(name);
  }
  for (const config of envConfigs) {
    if (!checkReference('envFromConfig', config, Config)) continue;
    if (config.envNames.length === 0) c.error(path, 'envFromConfig', 'the config has no env entries', config.node.path);
    // Kubernetes would give the secret's value, Swarm the config's value beside NAME_FILE.
    for (const { name } of secretEnv) {
      if (name in config.env) c.error(
        path,
        'envFromSecret',
        `must not repeat an env entry of config ${config.name} (taken with envFromConfig)`,
        name,
      );
    }
  }
}
