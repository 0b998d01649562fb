/**
 * A Conductor app as plain data (an AppSpec), and the builder that makes
 * the constructs from it through the public API. Fuzzed models are specs:
 * a counterexample prints as JSON and becomes a regression test as is
 * (see fuzz-regressions.test.ts). Values are passed through untouched, so
 * a spec can hold what only a JavaScript caller could pass (a string for a
 * number, a name where a Secret belongs).
 */
import { Construct } from 'constructs';
import {
  App, Config, CronJob, DaemonWorkload, Environment, HealthCheck, Ingress, Job, Network, Secret, Stack, StatefulWorkload, Volume, Workload,
} from '../../../lib';
import type { Target, WorkloadBase } from '../../../lib';

export type Kind = 'deployment' | 'stateful' | 'daemon' | 'job' | 'cron';

/** A construct of a stack, by stack name and construct name; unresolved refs are passed as the bare name. */
export interface Ref { readonly stack: string; readonly name: string; readonly env?: string }

export type CheckSpec =
  | { readonly kind: 'http'; readonly path: string; readonly port: number; readonly swarmCommand?: unknown }
  | { readonly kind: 'tcp'; readonly port: number; readonly swarmCommand?: unknown }
  | { readonly kind: 'command'; readonly command: unknown };

export type MountSpec =
  | { readonly kind: 'config'; readonly ref: Ref; readonly path: string; readonly file?: string }
  | { readonly kind: 'secret'; readonly ref: Ref; readonly path?: string }
  | { readonly kind: 'volume'; readonly ref: Ref; readonly path: string; readonly readOnly?: boolean }
  | { readonly kind: 'scratch'; readonly path: string; readonly sizeLimit?: string; readonly inMemory?: boolean }
  | { readonly kind: 'host'; readonly path: string; readonly hostPath: string; readonly readOnly?: boolean; readonly allowHostAccess?: unknown };

export interface WorkloadSpec {
  readonly kind: Kind;
  readonly name: string;
  /** The props, as given to the constructor; `health.check` is a CheckSpec. */
  readonly props: { readonly [k: string]: any };
  readonly mounts?: readonly MountSpec[];
  readonly envFromConfig?: readonly Ref[];
  readonly envFromSecret?: readonly { readonly name: string; readonly secret: Ref }[];
  readonly perReplicaVolumes?: readonly { readonly path: string; readonly name: string; readonly props?: { readonly [k: string]: any } }[];
  readonly scale?: number;
  /** Networks joined (the `networks` prop). */
  readonly networks?: readonly Ref[];
}

export interface IngressSpec {
  readonly name: string;
  readonly props?: { readonly [k: string]: any };
  /** Rules; `workload` is the name of a workload of the same stack. */
  readonly rules: readonly {
    readonly host: string;
    readonly path?: string;
    readonly pathType?: string;
    readonly workload: string;
    readonly port?: number;
  }[];
  readonly tls?: readonly { readonly secret: Ref; readonly hosts: readonly string[] }[];
}

export interface StackSpec {
  readonly name: string;
  /** The Environment the stack is in. @default - none */
  readonly env?: string;
  /** A plain construct between the app (or environment) and the stack. @default - none */
  readonly group?: string;
  readonly props?: { readonly namespace?: string; readonly labels?: { readonly [k: string]: string } };
  readonly configs?: readonly { readonly name: string; readonly props: { readonly [k: string]: any } }[];
  readonly secrets?: readonly { readonly name: string; readonly key?: string; readonly plaintext?: string }[];
  readonly volumes?: readonly { readonly name: string; readonly props?: { readonly [k: string]: any } }[];
  readonly networks?: readonly { readonly name: string; readonly props?: { readonly [k: string]: any } }[];
  readonly workloads: readonly WorkloadSpec[];
  readonly ingresses?: readonly IngressSpec[];
}

export interface AppSpec {
  readonly strict?: boolean;
  /** Targets to render. @default both */
  readonly targets?: readonly Target[];
  readonly stacks: readonly StackSpec[];
}

export const ACK = 'the value is written to dist in plaintext' as const;

function check(c: unknown): unknown {
  if (!c || typeof c !== 'object' || !('kind' in c)) return c;
  const s = c as CheckSpec;
  switch (s.kind) {
    case 'http': return HealthCheck.http(s.path, { port: s.port, swarmCommand: s.swarmCommand as never });
    case 'tcp': return HealthCheck.tcp(s.port, { swarmCommand: s.swarmCommand as never });
    case 'command': return HealthCheck.command(s.command as string[]);
  }
  return c;
}

function workloadProps(w: WorkloadSpec): any {
  const p = { ...w.props };
  if (p.health && typeof p.health === 'object') p.health = { ...p.health, check: check(p.health.check) };
  return p;
}

const KINDS: Record<Kind, new (scope: Construct, id: string, props: any) => WorkloadBase> = {
  deployment: Workload, stateful: StatefulWorkload, daemon: DaemonWorkload, job: Job, cron: CronJob,
};

/** Makes the app of a spec. Throws what the construct tree throws (a name twice in one scope). */
export function buildApp(spec: AppSpec, outdir?: string): App {
  const app = new App({ strict: spec.strict, outdir });
  const envs = new Map<string, Environment>();
  const resources = new Map<string, Construct>();
  const stacks: [StackSpec, Stack][] = [];
  for (const s of spec.stacks) {
    let scope: Construct = app;
    if (s.env !== undefined) {
      if (!envs.has(s.env)) envs.set(s.env, new Environment(app, s.env));
      scope = envs.get(s.env)!;
    }
    if (s.group !== undefined) scope = (scope.node.tryFindChild(s.group) as Construct) ?? new Construct(scope, s.group);
    const stack = new Stack(scope, s.name, s.props as never);
    stacks.push([s, stack]);
    const add = (name: string, c: Construct) => {
      const key = `${s.env ?? ''}/${s.name}/${name}`;
      if (!resources.has(key)) resources.set(key, c);
    };
    for (const c of s.configs ?? []) add(c.name, new Config(stack, c.name, c.props));
    for (const x of s.secrets ?? []) {
      add(x.name, x.plaintext !== undefined
        ? Secret.unsafePlaintext(stack, x.name, { value: x.plaintext, acknowledge: ACK })
        : Secret.fromExisting(stack, x.name, x.key !== undefined ? { key: x.key } : {}));
    }
    for (const v of s.volumes ?? []) add(v.name, new Volume(stack, v.name, v.props));
    for (const n of s.networks ?? []) add(n.name, new Network(stack, n.name, n.props));
  }
  const ref = (r: Ref): any => resources.get(`${r?.env ?? ''}/${r?.stack}/${r?.name}`) ?? r?.name;
  for (const [s, stack] of stacks) {
    const workloads = new Map<string, WorkloadBase>();
    for (const w of s.workloads ?? []) {
      const kind = KINDS[w.kind] ?? Workload;
      const props = workloadProps(w);
      if (w.networks) props.networks = w.networks.map(ref);
      const made = new kind(stack, w.name, props);
      if (!workloads.has(w.name)) workloads.set(w.name, made);
      if (w.scale !== undefined) (made as Workload).scale(w.scale);
      for (const m of w.mounts ?? []) {
        switch (m.kind) {
          case 'config': made.mountConfig(ref(m.ref), m.path, m.file !== undefined ? { file: m.file } : {}); break;
          case 'secret': made.mountSecret(ref(m.ref), m.path !== undefined ? { path: m.path } : {}); break;
          case 'volume': made.mountVolume(m.path, ref(m.ref), m.readOnly !== undefined ? { readOnly: m.readOnly } : {}); break;
          case 'scratch': made.mountScratch(m.path, { sizeLimit: m.sizeLimit, inMemory: m.inMemory }); break;
          case 'host': made.mountHostPath(m.path, m.hostPath, { allowHostAccess: m.allowHostAccess as true, readOnly: m.readOnly }); break;
        }
      }
      for (const c of w.envFromConfig ?? []) made.envFromConfig(ref(c));
      for (const e of w.envFromSecret ?? []) made.envFromSecret(e.name, ref(e.secret));
      for (const v of w.perReplicaVolumes ?? []) (made as StatefulWorkload).mountPerReplicaVolume(v.path, v.name, v.props);
    }
    for (const i of s.ingresses ?? []) {
      new Ingress(stack, i.name, {
        ...i.props,
        rules: (i.rules ?? []).map((r) => ({ ...r, workload: workloads.get(r?.workload) ?? r?.workload }) as never),
        ...(i.tls ? { tls: i.tls.map((t) => ({ ...t, secret: ref(t?.secret) })) as never } : {}),
      });
    }
  }
  return app;
}
