import type { ComposeFile } from '../../../lib/swarm/compose-types';
import type { KubeObject } from '../../support/synth';
import type { ParsedOutput } from './check-output';
import { containerSecurityErrors, expectedSecurity, podSecurityErrors, serviceSecurityErrors } from './security';
import type { AppSpec } from './spec';

const KINDS = { deployment: 'Deployment', stateful: 'StatefulSet', daemon: 'DaemonSet', job: 'Job', cron: 'CronJob' } as const;
const kubeLiteral = (s: unknown) => (typeof s === 'string' ? s.replace(/\$/g, '$$$$') : s);
/** Equal as JSON; an empty list is no list (both targets then use the image's ENTRYPOINT / CMD). */
const same = (a: unknown, b: unknown) => {
  const norm = (x: unknown) => (Array.isArray(x) && x.length === 0 ? undefined : x);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};

function container(o: KubeObject | undefined): any {
  const pod = o?.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : o?.spec?.template;
  return pod?.spec?.containers?.find((c: any) => c.name === 'main');
}

/**
 * What a valid spec says must be in the output, on each target: nothing
 * dropped, overwritten or changed on the way (every workload and sidecar
 * once, its image, command, args and literal env as given, replicas, and
 * config file contents byte for byte).
 */
export function roundTripErrors(spec: AppSpec, parsed: ParsedOutput, files: ReadonlyMap<string, string>): string[] {
  const errors: string[] = [];
  const targets = spec.targets ?? ['kubernetes', 'swarm'];
  for (const s of spec.stacks) {
    const prefix = s.env ? `${s.env}/` : '';
    const kubeFile = `${prefix}kubernetes/${s.name}/${s.name}.k8s.yaml`;
    const composeFile = `${prefix}swarm/${s.name}/compose.yaml`;
    const kube = parsed.kube.get(kubeFile);
    const compose = parsed.compose.get(composeFile);
    if (targets.includes('kubernetes') && !kube) errors.push(`${kubeFile}: missing`);
    if (targets.includes('swarm') && !parsed.compose.get(composeFile)) errors.push(`${composeFile}: missing`);
    let services = 0;
    for (const w of s.workloads) {
      const where = `${s.name}/${w.name}`;
      const p = w.props;
      if (kube) {
        const objects = kube.filter((o) => o.kind === KINDS[w.kind] && o.metadata.name === w.name);
        if (objects.length !== 1) errors.push(`${where}: ${objects.length} ${KINDS[w.kind]} objects`);
        const c = container(objects[0]);
        if (c?.image !== p.image) errors.push(`${where}: kubernetes image ${c?.image}`);
        if (!same(c?.command, p.command?.map(kubeLiteral))) errors.push(`${where}: kubernetes command ${JSON.stringify(c?.command)}`);
        if (!same(c?.args, p.args?.map(kubeLiteral))) errors.push(`${where}: kubernetes args ${JSON.stringify(c?.args)}`);
        for (const [k, v] of Object.entries(p.env ?? {})) {
          const e = (c?.env ?? []).filter((x: any) => x.name === k);
          if (e.length !== 1 || e[0].value !== kubeLiteral(v)) errors.push(`${where}: kubernetes env ${k} ${JSON.stringify(e)}`);
        }
        const meta = objects[0]?.metadata;
        for (const [k, v] of Object.entries(p.annotations ?? {})) if (meta?.annotations?.[k] !== v) errors.push(
          `${where}: kubernetes annotation ${k} ${JSON.stringify(meta?.annotations?.[k])}`,
        );
        for (const [k, v] of Object.entries(p.labels ?? {})) {
          // The selector labels are Conductor's own.
          if (!k.startsWith('app.kubernetes.io/') && meta?.labels?.[k] !== v) errors.push(
            `${where}: kubernetes label ${k} ${JSON.stringify(meta?.labels?.[k])}`,
          );
        }
        if (p.autoscaling) {
          // The HorizontalPodAutoscaler owns the count.
          const hpa = kube.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec?.scaleTargetRef?.name === w.name);
          if (hpa?.spec?.minReplicas !== p.autoscaling.minReplicas || hpa?.spec?.maxReplicas !== p.autoscaling.maxReplicas) errors.push(
            `${where}: no HorizontalPodAutoscaler ${p.autoscaling.minReplicas}..${p.autoscaling.maxReplicas}`,
          );
        } else if (w.kind === 'deployment' || w.kind === 'stateful') {
          const replicas = w.scale ?? p.replicas ?? 1;
          if (objects[0]?.spec?.replicas !== replicas) errors.push(`${where}: kubernetes replicas ${objects[0]?.spec?.replicas}, not ${replicas}`);
        }
        const pod = objects[0]?.kind === 'CronJob' ? objects[0]?.spec?.jobTemplate?.spec?.template : objects[0]?.spec?.template;
        const names = (pod?.spec?.containers ?? []).map((x: any) => x.name);
        if (!same(names, ['main', ...(p.sidecars ?? []).map((x: any) => x.name)])) errors.push(`${where}: kubernetes containers ${names}`);
        // The security defaults, or what the model set (support/security.ts).
        errors.push(...podSecurityErrors(where, pod, expectedSecurity(p.security), (p.apiAccess ?? []).length > 0));
        errors.push(...containerSecurityErrors(`${where} main`, c, expectedSecurity(p.security)));
        for (const h of [...(p.sidecars ?? []), ...(p.initContainers ?? [])]) {
          const hc = [...(pod?.spec?.containers ?? []), ...(pod?.spec?.initContainers ?? [])].find((x: any) => x.name === h.name);
          errors.push(...containerSecurityErrors(`${where} ${h.name}`, hc, expectedSecurity(h.security)));
        }
      }
      const omitted = w.kind === 'cron' && p.onSwarm === 'omit';
      if (compose && targets.includes('swarm')) {
        const svc = compose.services?.[w.name];
        if (omitted) {
          if (svc) errors.push(`${where}: an omitted CronJob is in the stack file`);
          continue;
        }
        services += 1 + (p.sidecars ?? []).length;
        if (!svc) {
          errors.push(`${where}: no Swarm service`);
          continue;
        }
        if (svc.image !== p.image) errors.push(`${where}: swarm image ${svc.image}`);
        errors.push(...serviceSecurityErrors(where, svc, expectedSecurity(p.security)));
        for (const h of p.sidecars ?? []) errors.push(
          ...serviceSecurityErrors(`${where}-${h.name}`, compose.services?.[`${w.name}-${h.name}`], expectedSecurity(h.security)),
        );
        for (const x of p.sidecars ?? []) if (!compose.services?.[`${w.name}-${x.name}`]) errors.push(
          `${where}: no Swarm service for sidecar ${x.name}`,
        );
      }
    }
    if (compose && targets.includes('swarm') && Object.keys(compose.services ?? {}).length !== services) {
      errors.push(`${composeFile}: ${Object.keys(compose.services ?? {}).length} services, not ${services}`);
    }
    // Config contents, byte for byte, on both targets.
    for (const c of s.configs ?? []) {
      for (const [f, content] of Object.entries((c.props.files ?? {}) as Record<string, string>)) {
        if (kube) {
          const cms = kube.filter(
            (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith(`${c.name}-`) && /^[0-9a-f]{10}$/.test(
              o.metadata.name.slice(c.name.length + 1),
            ),
          );
          if (cms.length !== 1 || cms[0].data?.[f] !== content) errors.push(`${s.name}/${c.name}: ConfigMap data ${f}`);
        }
        if (targets.includes('swarm')) {
          const dir = `${prefix}swarm/${s.name}/configs/`;
          const written = [...files].filter(
            ([name]) => name.startsWith(dir) && name.slice(dir.length).startsWith(`${c.name}-`) && files.get(name) === content,
          );
          if (written.length === 0) errors.push(`${s.name}/${c.name}: no Swarm config file holds ${f}`);
        }
      }
    }
  }
  return errors;
}

/**
 * The Swarm side of the round trip as the docker CLI reads the stack files
 * (`loaded`: each stack file as `docker stack config` printed it, so "$$"
 * is "$" again and empty values are filled from the shell): entrypoint,
 * command and literal environment exactly as the model gives them.
 */
export function dockerViewErrors(spec: AppSpec, loaded: ReadonlyMap<string, ComposeFile>): string[] {
  const errors: string[] = [];
  for (const s of spec.stacks) {
    const read = loaded.get(`${s.env ? `${s.env}/` : ''}swarm/${s.name}/compose.yaml`);
    if (!read) continue;
    for (const w of s.workloads) {
      const svc = read.services?.[w.name];
      if (!svc) continue;
      const p = w.props;
      const where = `${s.name}/${w.name}`;
      if (!same(svc.entrypoint, p.command)) errors.push(`${where}: swarm entrypoint ${JSON.stringify(svc.entrypoint)}`);
      if (!same(svc.command, p.args)) errors.push(`${where}: swarm command ${JSON.stringify(svc.command)}`);
      for (const [k, v] of Object.entries(p.env ?? {})) if (svc.environment?.[k] !== v) errors.push(
        `${where}: swarm env ${k} ${JSON.stringify(svc.environment?.[k])}`,
      );
    }
  }
  return errors;
}
