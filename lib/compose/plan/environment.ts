import * as fs from 'fs';
import * as path from 'path';
import { ENV_NAME_PATTERN } from '../../model/names';
import { parseEnvFile } from '../syntax';
import { isDict, Keys } from './context';
import { ServicePlanning } from './service-planning';

/** `env_file` and `environment` -> env. */
export function planEnvironment(s: ServicePlanning): void {
  const { ctx, svc, at } = s;
  s.composeKeys.record('environment', 'env', 'envFromSecret');
  const lookup = ctx.loaded.lookup;
  // As the loader: env files first (in order), then `environment`; an entry without a value
  // (or with an empty one) takes the variable from the environment when it is set there.
  const entries = new Map<string, { value: string | null; keys: Keys }>();
  const update = (k: string, v: string | null, keys: Keys) => {
    const fromEnv = lookup(k);
    entries.set(k, { value: (v === null || v === '') && fromEnv !== undefined ? fromEnv : v, keys });
  };
  const envFiles = typeof svc.env_file === 'string' ? [svc.env_file] : Array.isArray(svc.env_file) ? svc.env_file.map(String) : [];
  envFiles.forEach((f, i) => {
    const keys = Array.isArray(svc.env_file) ? at('env_file', i) : at('env_file');
    const file = path.resolve(ctx.loaded.dir, f);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      ctx.problem(keys, `cannot read ${f} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; relative to ${ctx.loaded.file})`);
      return;
    }
    try {
      const vars = parseEnvFile(text, lookup);
      for (const [k, v] of vars) update(k, v, keys);
      ctx.note(keys, 'info',
        `its ${vars.length} entr${vars.length === 1 ? 'y is' : 'ies are'} copied into env: the file is read at import, not at synth`);
    } catch (e) {
      ctx.problem(keys, `${f}: ${(e as Error).message}`);
    }
  });
  const environment = svc.environment;
  if (Array.isArray(environment)) {
    environment.forEach((item, i) => {
      const text = String(item);
      const eq = text.indexOf('=');
      update(eq >= 0 ? text.slice(0, eq) : text, eq >= 0 ? text.slice(eq + 1) : null, at('environment', i));
    });
  } else if (isDict(environment)) {
    for (const [k, v] of Object.entries(environment)) update(k, v === null || v === undefined ? null : String(v), at('environment', k));
  }
  const env: Record<string, string> = {};
  for (const k of [...entries.keys()].sort()) {
    const { value, keys } = entries.get(k)!;
    if (value === null) {
      ctx.note(keys, 'dropped', `${k} has no value here, nor in ${ctx.envFileName()}; Swarm would take it from the shell that deploys, ` +
        'but the importer never copies its own environment (a CI secret would land in the code and dist/): ' +
        'for a secret, use a Secret (Secret.fromExisting) and envFromSecret; else give it a literal value here or in the env file ' +
        '(or pass --use-env to take the environment\'s on purpose)');
    } else if (!ENV_NAME_PATTERN.test(k)) {
      ctx.note(keys, 'dropped', `"${k}" is not an env name Conductor accepts (letters, digits and "_", not starting with a digit)`);
    } else if (value === '') {
      ctx.note(keys, 'dropped', `${k} is empty: a stack file cannot set "" (docker stack deploy fills an empty value from the shell that deploys), ` +
        'so Conductor leaves it out on both targets: give it a value if the process needs it set');
    } else {
      // Swarm expanded Go templates in env values (swarmkit template/expand.go); Conductor's are literal (lib/swarm/templates.ts).
      if (value.includes('{{')) {
        ctx.note(keys, 'changed', `${k}: Swarm expanded the Go template in this value per task; Conductor's values are literal on both targets, ` +
          `so the container gets the text as written (for a per-task value on Swarm, use Swarm.override(workload, { environment: { ${k}: ... } }))`);
      }
      env[k] = value;
    }
  }
  if (Object.keys(env).length) s.props.env = env;
}
