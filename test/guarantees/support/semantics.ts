/**
 * Oracles for what the JSON schemas do not check but the orchestrators
 * refuse (or silently mangle): the Kubernetes API server's validation
 * (names, label syntax, ports, env names, quantities, references inside a
 * pod, selectors), the Swarm manager's (swarmkit controlapi: names, port
 * conflicts, duplicate mount points, config/secret targets and sizes,
 * resources, health check durations) and Go YAML 1.1 readers (an unquoted
 * `on` is a boolean). Written from the orchestrators' rules, not from
 * Conductor's model: each check names the rule it mirrors.
 */
import { posix } from 'path';
import type { ComposeFile, ComposeService } from '../../../lib/swarm/compose-types';
import type { KubeObject } from '../../support/synth';

// apimachinery/pkg/util/validation
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// 1.27 IsEnvVarName
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
// resource.ParseQuantity (no exponent forms needed here)
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
// distribution/reference
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const IMAGE_REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?` +
  '(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$',
);
// swarmkit controlapi
const SWARM_SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
const SWARM_OBJECT_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/;
// docker volume names (local driver)
const DOCKER_VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const GO_DURATION = /^(0|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$/;

function qualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity as a number, or undefined when it does not parse. */
export function quantity(q: unknown): number | undefined {
  const text = typeof q === 'number' ? String(q) : q;
  if (typeof text !== 'string') return undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * (BINARY[m[3] ?? ''] ?? DECIMAL[m[3] ?? '']);
}

function clean(p: string): string {
  return posix.normalize(p).replace(/(?<=.)\/+$/, '');
}

type Pod = { spec: Record<string, any>; metadata?: { labels?: Record<string, string> } };

function podTemplate(o: KubeObject): Pod | undefined {
  switch (o.kind) {
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'Job':
      return o.spec?.template;
    case 'CronJob':
      return o.spec?.jobTemplate?.spec?.template;
  }
  return undefined;
}

/** Problems the API server or the kubelet would have with the objects of one stack file. */
export function kubeSemanticErrors(objects: KubeObject[]): string[] {
  const errors: string[] = [];
  const err = (o: KubeObject, msg: string) => errors.push(`${o.kind}/${o.metadata?.name}: ${msg}`);
  const ids = new Set<string>();
  const byKind = (kind: string) => new Map(objects.filter((o) => o.kind === kind).map((o) => [o.metadata.name, o]));
  const configMaps = byKind('ConfigMap');
  const claims = byKind('PersistentVolumeClaim');
  const accounts = byKind('ServiceAccount');
  const roles = byKind('Role');
  const services = byKind('Service');
  const pods = objects.map((o) => [o, podTemplate(o)] as const).filter((x): x is readonly [KubeObject, Pod] => x[1] !== undefined);

  for (const o of objects) {
    const name = o.metadata?.name;
    const id = `${o.kind}/${o.metadata?.namespace ?? ''}/${name}`;
    if (ids.has(id)) err(o, 'the same kind, namespace and name twice');
    ids.add(id);
    if (typeof name !== 'string') {
      err(o, 'no name');
      continue;
    }
    const nameRule: Record<string, [RegExp, number]> = {
      Namespace: [DNS1123_LABEL, 63], Service: [DNS1035_LABEL, 63], StatefulSet: [DNS1123_SUBDOMAIN, 52], CronJob: [DNS1123_SUBDOMAIN, 52],
      Job: [DNS1123_SUBDOMAIN, 63], Deployment: [DNS1123_SUBDOMAIN, 253], DaemonSet: [DNS1123_SUBDOMAIN, 253],
    };
    const [re, max] = nameRule[o.kind] ?? [DNS1123_SUBDOMAIN, 253];
    if (!re.test(name) || name.length > max) err(o, `name ${JSON.stringify(name)} breaks the name rule of ${o.kind}`);
    if (o.kind !== 'Namespace' && (typeof o.metadata.namespace !== 'string' || !DNS1123_LABEL.test(o.metadata.namespace))) err(o, 'namespace');
    for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
      if (!qualifiedName(k)) err(o, `label key ${JSON.stringify(k)}`);
      if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) err(o, `label value ${JSON.stringify(v)}`);
    }
    for (const [k, v] of Object.entries(o.metadata.annotations ?? {})) {
      if (!qualifiedName(k)) err(o, `annotation key ${JSON.stringify(k)}`);
      if (typeof v !== 'string') err(o, `annotation value ${JSON.stringify(v)}`);
    }
    if (o.kind === 'ConfigMap' || o.kind === 'Secret') {
      const keys = [...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {}), ...Object.keys(o.binaryData ?? {})];
      for (const k of keys) if (!CONFIG_KEY.test(k) || k === '.' || k === '..') err(o, `key ${JSON.stringify(k)}`);
      if (new Set(keys).size !== keys.length) err(o, 'a key twice');
      const size = keys.reduce((n, k) => n + Buffer.byteLength(String(o.data?.[k] ?? o.stringData?.[k] ?? '')), 0);
      if (size > 1024 * 1024) err(o, 'more than 1MiB of data');
    }
    if (o.kind === 'PersistentVolumeClaim') {
      const storage = quantity(o.spec?.resources?.requests?.storage);
      if (!storage || storage <= 0) err(o, `storage ${JSON.stringify(o.spec?.resources?.requests?.storage)}`);
    }
    if (o.kind === 'RoleBinding') {
      if (!roles.has(o.roleRef?.name)) err(o, `roleRef to a Role not in the stack: ${o.roleRef?.name}`);
      for (const s of o.subjects ?? []) if (s.kind === 'ServiceAccount' && !accounts.has(s.name)) err(o, `subject ${s.name} not in the stack`);
    }
    if (o.kind === 'Role') for (const r of o.rules ?? []) if (!r.verbs?.length) err(o, 'a rule without verbs');
    if (o.kind === 'Service') errors.push(...serviceErrors(o, pods));
    if (o.kind === 'Deployment' || o.kind === 'DaemonSet') {
      const ru = o.kind === 'Deployment' ? o.spec?.strategy?.rollingUpdate : o.spec?.updateStrategy?.rollingUpdate;
      if (ru && String(ru.maxSurge) === '0' && String(ru.maxUnavailable) === '0') err(o, 'maxSurge and maxUnavailable are both 0');
      if (o.kind === 'Deployment' && o.spec?.progressDeadlineSeconds !== undefined && o.spec.progressDeadlineSeconds <= (o.spec.minReadySeconds ??
        0)) err(
        o,
        'progressDeadlineSeconds must exceed minReadySeconds',
      );
    }
    if (o.kind === 'Deployment' || o.kind === 'StatefulSet') {
      const r = o.spec?.replicas;
      if (r !== undefined && (!Number.isInteger(r) || r < 0)) err(o, `replicas ${r}`);
    }
    if (o.kind === 'StatefulSet') {
      const headless = services.get(o.spec?.serviceName);
      if (!headless || headless.spec?.clusterIP !== 'None') err(o, `serviceName ${o.spec?.serviceName} is not a headless Service of the stack`);
    }
    if (o.kind === 'Job' || o.kind === 'CronJob') {
      const spec = o.kind === 'Job' ? o.spec : o.spec?.jobTemplate?.spec;
      if (!Number.isInteger(spec?.completions) || spec.completions < 1) err(o, `completions ${spec?.completions}`);
      if (!Number.isInteger(spec?.parallelism) || spec.parallelism < 0) err(o, `parallelism ${spec?.parallelism}`);
      if (spec?.backoffLimit !== undefined && (!Number.isInteger(spec.backoffLimit) || spec.backoffLimit < 0)) err(
        o,
        `backoffLimit ${spec.backoffLimit}`,
      );
      if (spec?.activeDeadlineSeconds !== undefined && !(spec.activeDeadlineSeconds > 0)) err(o, 'activeDeadlineSeconds');
      if (!['Never', 'OnFailure'].includes(podTemplate(o)?.spec?.restartPolicy)) err(o, 'a Job pod must not restart Always');
    }
    if (o.kind === 'CronJob' && String(o.spec?.schedule).trim().split(/\s+/).length !== 5) err(o, `schedule ${o.spec?.schedule}`);
  }

  for (const [o, pod] of pods) {
    const sel = o.spec?.selector?.matchLabels;
    const labels = pod.metadata?.labels ?? {};
    if (o.kind !== 'Job' && o.kind !== 'CronJob') {
      if (!sel || Object.keys(sel).length === 0) err(o, 'no selector');
      else for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) err(o, `selector ${k}=${v} does not match the pod template`);
    }
    errors.push(...podErrors(o, pod, { configMaps, claims, accounts }));
  }
  return errors;
}

function serviceErrors(svc: KubeObject, pods: readonly (readonly [KubeObject, Pod])[]): string[] {
  const errors: string[] = [];
  const err = (msg: string) => errors.push(`Service/${svc.metadata.name}: ${msg}`);
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) err('no ports');
  const names = new Set<string>();
  const fronts = new Set<string>();
  for (const p of ports) {
    if (ports.length > 1 && !p.name) err('a port without a name');
    if (p.name !== undefined && (p.name.length > 15 || !IANA_SVC_NAME.test(p.name))) err(`port name ${p.name}`);
    if (names.has(p.name)) err(`port name ${p.name} twice`);
    names.add(p.name);
    const front = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (fronts.has(front)) err(`port ${front} twice`);
    fronts.add(front);
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) err(`port ${p.port}`);
    if (p.nodePort !== undefined) {
      if (svc.spec.type !== 'NodePort' && svc.spec.type !== 'LoadBalancer') err('nodePort on a Service that is not NodePort/LoadBalancer');
      if (!(p.nodePort >= 30000 && p.nodePort <= 32767)) err(`nodePort ${p.nodePort}`);
    }
  }
  if (svc.spec?.clusterIP === 'None' && svc.spec?.type && svc.spec.type !== 'ClusterIP') err('headless but not ClusterIP');
  // The Service must select pods of the stack, and each targetPort must be one those pods listen on.
  const selector: Record<string, string> = svc.spec?.selector ?? {};
  if (Object.keys(selector).length === 0) err('selects nothing');
  const selected = pods.filter(([, pod]) => Object.entries(selector).every(([k, v]) => pod.metadata?.labels?.[k] === v));
  if (selected.length === 0) err(`selector ${JSON.stringify(selector)} matches no pod of the stack`);
  for (const [, pod] of selected) {
    const listening = (pod.spec.containers ?? []).flatMap((c: any) => c.ports ?? []);
    for (const p of ports) {
      const target = p.targetPort ?? p.port;
      const ok = listening.some(
        (cp: any) => (typeof target === 'number' ? cp.containerPort === target : cp.name === target) && (cp.protocol ?? 'TCP') === (p.protocol ??
          'TCP'),
      );
      if (!ok) err(`targetPort ${target}/${p.protocol ?? 'TCP'} is no container port of the pods it selects`);
    }
  }
  return errors;
}

function podErrors(o: KubeObject, pod: Pod, refs: {
  configMaps: Map<string, KubeObject>;
  claims: Map<string, KubeObject>;
  accounts: Map<string, KubeObject>;
}): string[] {
  const errors: string[] = [];
  const err = (msg: string) => errors.push(`${o.kind}/${o.metadata.name}: ${msg}`);
  const spec = pod.spec;
  const volumes = new Map<string, any>();
  for (const v of spec.volumes ?? []) {
    if (!DNS1123_LABEL.test(v.name) || v.name.length > 63) err(`volume name ${v.name}`);
    if (volumes.has(v.name)) err(`volume ${v.name} twice`);
    volumes.set(v.name, v);
    if (v.configMap) {
      const cm = refs.configMaps.get(v.configMap.name);
      if (!cm) err(`volume ${v.name}: ConfigMap ${v.configMap.name} is not in the stack`);
      for (const item of v.configMap.items ?? []) if (cm && !(item.key in (cm.data ?? {}))) err(
        `volume ${v.name}: item ${item.key} is not a key of ${cm.metadata.name}`,
      );
    }
    if (v.persistentVolumeClaim && !refs.claims.has(v.persistentVolumeClaim.claimName)) err(
      `volume ${v.name}: claim ${v.persistentVolumeClaim.claimName} is not in the stack`,
    );
    if (v.emptyDir?.sizeLimit !== undefined && !(quantity(v.emptyDir.sizeLimit)! > 0)) err(`volume ${v.name}: sizeLimit ${v.emptyDir.sizeLimit}`);
  }
  const templates = new Set<string>((o.kind === 'StatefulSet' ? o.spec?.volumeClaimTemplates ?? [] : []).map((t: any) => t.metadata?.name));
  for (const t of templates) {
    if (!DNS1123_LABEL.test(t)) err(`volumeClaimTemplate name ${t}`);
    if (volumes.has(t)) err(`volumeClaimTemplate ${t} has the name of a pod volume`);
  }
  if (spec.serviceAccountName && !refs.accounts.has(spec.serviceAccountName)) err(
    `serviceAccountName ${spec.serviceAccountName} is not in the stack`,
  );
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) err('terminationGracePeriodSeconds');
  const spread = new Set<string>();
  for (const t of spec.topologySpreadConstraints ?? []) {
    if (!qualifiedName(t.topologyKey)) err(`topologyKey ${t.topologyKey}`);
    const key = `${t.topologyKey}/${t.whenUnsatisfiable}`;
    if (spread.has(key)) err(`topology spread ${key} twice`);
    spread.add(key);
    if (!(t.maxSkew >= 1)) err('maxSkew');
  }
  for (const term of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const e of term.matchExpressions ?? []) {
      if (!qualifiedName(e.key)) err(`node affinity key ${e.key}`);
      const needsValues = e.operator === 'In' || e.operator === 'NotIn';
      if (needsValues !== ((e.values ?? []).length > 0)) err(`node affinity ${e.key} ${e.operator} values ${JSON.stringify(e.values)}`);
      for (const v of e.values ?? []) if (!LABEL_VALUE.test(v) || v.length > 63) err(`node affinity value ${v}`);
    }
  }
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if ((spec.containers ?? []).length === 0) err('no containers');
  const names = new Set<string>();
  const portNames = new Set<string>();
  const hostPorts = new Set<string>();
  const psc = spec.securityContext ?? {};
  for (const c of containers) {
    const where = `container ${c.name}`;
    if (typeof c.name !== 'string' || !DNS1123_LABEL.test(c.name) || c.name.length > 63) err(`${where}: name`);
    if (names.has(c.name)) err(`${where}: name twice`);
    names.add(c.name);
    if (typeof c.image !== 'string' || !IMAGE_REFERENCE.test(c.image)) err(`${where}: image ${JSON.stringify(c.image)}`);
    for (const p of c.ports ?? []) {
      if (!(p.containerPort >= 1 && p.containerPort <= 65535)) err(`${where}: containerPort ${p.containerPort}`);
      if (p.hostPort !== undefined) {
        if (!(p.hostPort >= 1 && p.hostPort <= 65535)) err(`${where}: hostPort ${p.hostPort}`);
        const key = `${p.hostPort}/${p.protocol ?? 'TCP'}`;
        if (hostPorts.has(key)) err(`${where}: hostPort ${key} twice in the pod`);
        hostPorts.add(key);
      }
      if (p.name !== undefined) {
        if (p.name.length > 15 || !IANA_SVC_NAME.test(p.name)) err(`${where}: port name ${p.name}`);
        if (portNames.has(p.name)) err(`${where}: port name ${p.name} twice in the pod`);
        portNames.add(p.name);
      }
    }
    for (const e of c.env ?? []) {
      if (typeof e.name !== 'string' || !ENV_VAR_NAME.test(e.name)) err(`${where}: env name ${JSON.stringify(e.name)}`);
      if (e.value !== undefined && typeof e.value !== 'string') err(`${where}: env ${e.name} value is not a string`);
      const from = e.valueFrom;
      if (from && e.value !== undefined) err(`${where}: env ${e.name} has a value and valueFrom`);
      if (from?.configMapKeyRef) {
        const cm = refs.configMaps.get(from.configMapKeyRef.name);
        if (!cm || !(from.configMapKeyRef.key in (cm.data ?? {}))) err(
          `${where}: env ${e.name} refers to a key not in ConfigMap ${from.configMapKeyRef.name}`,
        );
      }
      if (from?.secretKeyRef && !CONFIG_KEY.test(from.secretKeyRef.key)) err(`${where}: env ${e.name} secret key`);
    }
    for (const e of c.envFrom ?? []) if (e.configMapRef && !refs.configMaps.has(e.configMapRef.name)) err(
      `${where}: envFrom ConfigMap ${e.configMapRef.name} is not in the stack`,
    );
    const mountPaths = new Set<string>();
    for (const m of c.volumeMounts ?? []) {
      if (!volumes.has(m.name) && !templates.has(m.name)) err(`${where}: volumeMount ${m.name} names no volume`);
      if (typeof m.mountPath !== 'string' || !m.mountPath.startsWith('/')) err(`${where}: mountPath ${m.mountPath}`);
      else {
        const p = clean(m.mountPath);
        if (p === '/') err(`${where}: a mount at /`);
        if (mountPaths.has(p)) err(`${where}: mountPath ${m.mountPath} twice`);
        mountPaths.add(p);
      }
      if (m.subPath !== undefined && (m.subPath.startsWith('/') || m.subPath.split('/').includes('..'))) err(`${where}: subPath ${m.subPath}`);
      const v = volumes.get(m.name);
      if (m.subPath !== undefined && v?.configMap) {
        const cm = refs.configMaps.get(v.configMap.name);
        if (cm && !(m.subPath in (cm.data ?? {}))) err(`${where}: subPath ${m.subPath} is not a key of ${cm.metadata.name}`);
      }
    }
    for (const [kind, r] of [['requests', c.resources?.requests ?? {}], ['limits', c.resources?.limits ?? {}]] as const) {
      for (const [res, q] of Object.entries(r)) if (!(quantity(q)! > 0)) err(`${where}: ${kind}.${res} ${JSON.stringify(q)}`);
    }
    for (const res of ['cpu', 'memory']) {
      const req = quantity(c.resources?.requests?.[res]);
      const lim = quantity(c.resources?.limits?.[res]);
      if (req !== undefined && lim !== undefined && lim < req) err(`${where}: ${res} limit below request`);
    }
    for (const [kind, probe] of [['readiness', c.readinessProbe], ['liveness', c.livenessProbe], ['startup', c.startupProbe]] as const) {
      if (!probe) continue;
      const handlers = ['httpGet', 'tcpSocket', 'exec', 'grpc'].filter((h) => probe[h]);
      if (handlers.length !== 1) err(`${where}: ${kind} probe has ${handlers.length} handlers`);
      for (const f of [
        'periodSeconds',
        'timeoutSeconds',
        'failureThreshold',
      ]) if (probe[f] !== undefined && !(Number.isInteger(probe[f]) && probe[f] >= 1)) err(`${where}: ${kind} ${f} ${probe[f]}`);
      if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1) err(`${where}: ${kind} successThreshold`);
      const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
      if (port !== undefined && !(typeof port === 'number' ? port >= 1 && port <= 65535 : IANA_SVC_NAME.test(port))) err(
        `${where}: ${kind} port ${port}`,
      );
      if (probe.httpGet && !String(probe.httpGet.path ?? '/').startsWith('/')) err(`${where}: ${kind} path`);
      if (probe.exec && !(probe.exec.command?.length > 0)) err(`${where}: ${kind} exec without a command`);
    }
    const sc = c.securityContext ?? {};
    const user = sc.runAsUser ?? psc.runAsUser;
    const nonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
    if (nonRoot === true && user === 0) err(`${where}: runAsNonRoot with runAsUser 0 (the kubelet refuses to start it)`);
    if (nonRoot === true && user === undefined) err(`${where}: runAsNonRoot without a numeric runAsUser`);
    if (sc.allowPrivilegeEscalation === false && sc.privileged === true) err(`${where}: privileged without privilege escalation`);
  }
  return errors;
}

/**
 * Problems `docker stack deploy` or the Swarm manager would have with one
 * stack file (beyond its schema), `files` being the stack directory's other
 * files (configs/..., secrets/...).
 */
export function composeSemanticErrors(doc: ComposeFile, stack: string, files: ReadonlyMap<string, string>): string[] {
  const errors: string[] = [];
  const published = new Map<string, { service: string; mode: string }>();
  const objects = (kind: 'configs' | 'secrets') => {
    for (const [key, o] of Object.entries(doc[kind] ?? {})) {
      const name = o.name ?? `${stack}_${key}`;
      if (name.length > 64 || !SWARM_OBJECT_NAME.test(name)) errors.push(`${kind}.${key}: name ${name}`);
      if (o.file !== undefined) {
        const rel = posix.normalize(o.file);
        const content = files.get(rel);
        if (content === undefined) errors.push(`${kind}.${key}: file ${o.file} is not in the output`);
        // swarmkit: config data must be larger than 0 and less than 1000KiB; secret data 0..500KiB.
        else if (Buffer.byteLength(content) < 1 || Buffer.byteLength(content) >= (kind === 'configs' ? 1000 : 500) * 1024) errors.push(
          `${kind}.${key}: ${Buffer.byteLength(content)} bytes of data`,
        );
      } else if (!o.external) errors.push(`${kind}.${key}: neither a file nor external`);
    }
  };
  objects('configs');
  objects('secrets');
  for (const [key, v] of Object.entries(doc.volumes ?? {})) {
    const name = (v.name ?? `${stack}_${key}`).replace('{{.Task.Slot}}', '1');
    if (!DOCKER_VOLUME_NAME.test(name)) errors.push(`volumes.${key}: name ${name}`);
  }
  for (const [key, s] of Object.entries(doc.services ?? {}) as [string, ComposeService][]) {
    const err = (msg: string) => errors.push(`services.${key}: ${msg}`);
    const full = `${stack}_${key}`;
    if (full.length > 63 || !SWARM_SERVICE_NAME.test(full)) err(`service name ${full}`);
    if (typeof s.image !== 'string' || !IMAGE_REFERENCE.test(s.image)) err(`image ${JSON.stringify(s.image)}`);
    if (s.user !== undefined && !/^\d+(:\d+)?$/.test(s.user)) err(`user ${s.user}`);
    for (const [k, v] of Object.entries(s.environment ?? {})) {
      if (k === '' || k.includes('=')) err(`environment key ${JSON.stringify(k)}`);
      if (typeof v !== 'string') err(`environment ${k} is not a string`);
    }
    // Ports: swarmkit refuses a published port twice in one service, and an ingress port
    // that any other service publishes (ingress or host); host-mode ports may repeat across services.
    const own = new Set<string>();
    for (const p of s.ports ?? []) {
      if (p.published === undefined) continue;
      const k = `${p.published}/${p.protocol}`;
      if (own.has(k)) err(`published port ${k} twice`);
      own.add(k);
      const other = published.get(k);
      if (other && (other.mode === 'ingress' || p.mode === 'ingress')) err(`published port ${k} is also published by ${other.service}`);
      if (!other || p.mode === 'ingress') published.set(k, { service: key, mode: p.mode });
    }
    // Mount points: swarmkit refuses a target twice among mounts, among configs and among
    // secrets; the engine refuses any mount point twice ("Duplicate mount point").
    const targets = new Map<string, string>();
    const target = (what: string, t: unknown): void => {
      if (typeof t !== 'string' || !t.startsWith('/')) {
        err(`${what} target ${t}`);
        return;
      }
      const c = clean(t);
      if (c === '/') err(`${what} at /`);
      if (targets.has(c)) err(`${what} target ${t} is also the target of ${targets.get(c)}`);
      targets.set(c, what);
    };
    for (const c of s.configs ?? []) target(`config ${c.source}`, c.target);
    for (const c of s.secrets ?? []) target(`secret ${c.source}`, c.target);
    for (const v of s.volumes ?? []) target(`${v.type} ${v.source ?? ''}`, v.target);
    const memory = (m: unknown) => (typeof m === 'string' && /^\d+[bkmg]?$/i.test(m) ? Number(m.replace(/[bkmg]$/i, '')) * ({
      k: 1024,
      m: 1024 ** 2,
      g: 1024 ** 3,
    }[m.slice(-1).toLowerCase()] ?? 1) : undefined);
    const cpus = (c: unknown) => (typeof c === 'string' && /^\d+(\.\d+)?$/.test(c) ? Number(c) : undefined);
    for (const kind of ['limits', 'reservations'] as const) {
      const r = s.deploy?.resources?.[kind];
      if (!r) continue;
      if (r.memory !== undefined && !(memory(r.memory)! >= 4 * 1024 * 1024)) err(`${kind}.memory ${r.memory} (swarmkit: at least 4MiB)`);
      if (r.cpus !== undefined && !(cpus(r.cpus)! >= 0.001)) err(`${kind}.cpus ${r.cpus} (swarmkit: at least 0.001)`);
    }
    const lim = memory(s.deploy?.resources?.limits?.memory);
    const res = memory(s.deploy?.resources?.reservations?.memory);
    if (lim !== undefined && res !== undefined && lim < res) err('memory limit below reservation');
    const h = s.healthcheck;
    if (h) {
      if (!Array.isArray(h.test) || h.test[0] !== 'CMD' || h.test.length < 2) err(`healthcheck test ${JSON.stringify(h.test)}`);
      for (const f of [
        'interval',
        'timeout',
        'start_period',
      ] as const) if (h[f] !== undefined && !GO_DURATION.test(h[f]!)) err(`healthcheck ${f} ${h[f]}`);
      if (!(Number.isInteger(h.retries) && h.retries >= 0)) err('healthcheck retries');
    }
    const mode = s.deploy?.mode;
    if ((mode === 'replicated-job' || mode === 'global-job') && s.deploy.update_config) err(
      'a job with an update_config (swarmkit: Jobs may not have an update config)',
    );
    if (s.deploy?.replicas !== undefined && !(Number.isInteger(s.deploy.replicas) && s.deploy.replicas >= 0)) err(`replicas ${s.deploy.replicas}`);
    // swarmkit manager/constraint: "key == value", key ^[a-z_][a-z0-9-_.]+$, value without operators.
    for (const c of s.deploy?.placement?.constraints ?? []) {
      const op = ['==', '!='].find((o) => c.includes(o));
      const key = op ? c.slice(0, c.indexOf(op)).trim() : '';
      const value = op ? c.slice(c.indexOf(op) + 2).trim() : '';
      if (!op || !/^[a-z_][a-z0-9\-_.]+$/i.test(key) || !/^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i.test(value)) err(
        `constraint ${JSON.stringify(c)} (swarmkit: key or value is invalid)`,
      );
    }
  }
  // Every "$" must be written "$$": the stack file is interpolated when deployed.
  const dollars = (v: unknown, where: string): void => {
    if (typeof v === 'string' && /(^|[^$])(\$\$)*\$(?!\$)/.test(v)) errors.push(`${where}: an unescaped "$" in ${JSON.stringify(v)}`);
    else if (Array.isArray(v)) v.forEach((x, i) => dollars(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) dollars(x, `${where}.${k}`);
  };
  dollars(doc, 'compose');
  return errors;
}
