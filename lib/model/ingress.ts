import { Construct } from 'constructs';
import { checkLabelKey, checkLabelValue } from './names';
import { DEFAULT_NETWORK, stackNetworks } from './network';
import { Port } from './ports';
import { ProblemCollector } from './problems';
import { findStack, Resource } from './resource';
import { Secret } from './secret';
import { WorkloadBase } from './workload-base';

/** How a rule's path matches request paths (Kubernetes `pathType`). */
export enum PathType {
  /**
   * The path and everything below it, by whole segments: `/api` matches
   * `/api` and `/api/x`, not `/apix`. A trailing "/" makes no difference.
   */
  PREFIX = 'Prefix',
  /** Exactly this path. */
  EXACT = 'Exact',
}

/** One route: requests for `host` (and `path`) go to a port of a workload. */
export interface IngressRuleProps {
  /** DNS name, e.g. `shop.example.com`; `*.example.com` matches one label in its place. */
  readonly host: string;
  /**
   * URL path the rule matches.
   * @default '/'
   */
  readonly path?: string;
  /**
   * How the path matches: as a prefix (by `/`-separated segments) or exactly.
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
  /** The workload that serves the route (it needs a port; not a Job or CronJob). */
  readonly workload: WorkloadBase;
  /**
   * A `port` of the workload's ports (the Service port; Swarm routes to its
   * targetPort).
   * @default - the workload's only TCP port
   */
  readonly port?: number;
}

/** A certificate for some hosts. */
export interface IngressTlsProps {
  /**
   * An existing Secret of type `kubernetes.io/tls` (`Secret.fromExisting`).
   * Kubernetes only: Traefik on Swarm takes certificates from its own
   * configuration (see `swarmCertResolver`).
   */
  readonly secret: Secret;
  /** Hosts of this Ingress's rules that the certificate covers. */
  readonly hosts: string[];
}

export interface IngressProps {
  /**
   * Routes by host and path to workloads.
   * @default - none; add them with `addRule()`
   */
  readonly rules?: IngressRuleProps[];
  /**
   * Kubernetes `ingressClassName`, e.g. `nginx`. No meaning on Swarm.
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * Certificates for HTTPS (Kubernetes `spec.tls`; Swarm: Traefik TLS routers).
   * @default - plain HTTP
   */
  readonly tls?: IngressTlsProps | IngressTlsProps[];
  /**
   * Swarm: an existing overlay network (`docker network create -d overlay
   * --attachable NAME`) where a Traefik v2 service runs. Every routed
   * workload joins it (as an external network) and Traefik is told to use
   * it (`traefik.docker.network`).
   * @default - Traefik must share a network of the routed workloads (e.g. run in this stack)
   */
  readonly swarmProxyNetwork?: string;
  /**
   * Swarm: the Traefik certificate resolver (ACME) of the TLS routers
   * (`traefik.http.routers.<router>.tls.certresolver`).
   * @default - Traefik's default certificate store
   */
  readonly swarmCertResolver?: string;
  /** Labels of the Kubernetes Ingress object. @default - none */
  readonly labels?: { readonly [key: string]: string };
  /** Annotations of the Kubernetes Ingress object (controller settings). @default - none */
  readonly annotations?: { readonly [key: string]: string };
}

/** A rule with its defaults applied and its port resolved. */
export interface IngressRule {
  /** Position of the rule in the order it was given (names the Traefik router). */
  readonly index: number;
  /** DNS name the rule matches. */
  readonly host: string;
  /** URL path the rule matches. */
  readonly path: string;
  /** How the path matches. */
  readonly pathType: PathType;
  /** The workload that serves the route. */
  readonly workload: WorkloadBase;
  /**
   * The workload's port; undefined when the rule names none it has (a validation problem).
   * @default - undefined when the rule names none the workload has
   */
  readonly port?: Port;
}

/** A rule of some Ingress, seen from the workload it routes to. */
export interface IngressRoute {
  readonly ingress: Ingress;
  readonly rule: IngressRule;
}

const routes = new WeakMap<WorkloadBase, Ingress[]>();

/**
 * The Ingresses that route to `w`, each once, sorted by name. Registered when
 * a rule is added, so finding them costs nothing per workload.
 */
export function ingressesOf(w: WorkloadBase): Ingress[] {
  return [...(routes.get(w) ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every rule of every Ingress that routes to `w`, by Ingress name then rule order. */
export function routesTo(w: WorkloadBase): IngressRoute[] {
  return ingressesOf(w).flatMap((ingress) => ingress.rules.filter((r) => r.workload === w).map((rule) => ({ ingress, rule })));
}

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const HOST = new RegExp(`^(\\*\\.)?${DNS_LABEL}(\\.${DNS_LABEL})*$`);
const IPV4 = /^\d+(\.\d+){3}$/;
export const HOST_RULE = 'must be a lower-case DNS name such as "shop.example.com" ("*." only as the whole first label; not an IP address)';

/** Returns the broken rule, or undefined for a valid Ingress host. */
export function checkHost(host: unknown): string | undefined {
  if (typeof host !== 'string' || host.length > 253 || !HOST.test(host) || IPV4.test(host)) return HOST_RULE;
  if (host.split('.').some((l) => l.length > 63)) return HOST_RULE;
  if (host.startsWith('*.') && !host.slice(2).includes('.')) return 'a wildcard must stand for a label below a domain, e.g. "*.example.com"';
  return undefined;
}

const PATH_SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/;
export const PATH_RULE = 'must be an absolute URL path of letters, digits and -._~!$&\'()*+,;=:@%, without empty, "." or ".." segments (no query, ' +
  'spaces or backticks)';

/** Returns the broken rule, or undefined for a valid path. */
export function checkPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return PATH_RULE;
  if (path === '/') return undefined;
  const segments = path.slice(1).replace(/\/$/, '').split('/');
  if (segments.some((s) => !PATH_SEGMENT.test(s) || s === '.' || s === '..')) return PATH_RULE;
  return undefined;
}

/** A Prefix path without its trailing "/" (which Kubernetes ignores); "/" stays. */
export function normalizePath(path: string, pathType: PathType): string {
  return pathType === PathType.PREFIX && path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * Routes HTTP(S) requests by host and path to the ports of workloads.
 *
 * Kubernetes: an Ingress `<name>` to each workload's Service `<workload>`
 * (class and TLS secret as given); with Networks, the routed ports admit
 * traffic from anywhere (the controller runs in another namespace).
 *
 * Swarm has no Ingress: each routed workload gets Traefik v2 labels in
 * `deploy.labels` (`traefik.enable`, a router per rule with its
 * `Host`/`Path` rule, a service per port with `loadbalancer.server.port`,
 * TLS) and, with `swarmProxyNetwork`, joins that external network. Routing
 * works only where a Traefik v2 service (Swarm provider) shares a network
 * with the workload: a target gap, reported for every Ingress.
 */
export class Ingress extends Resource {
  public readonly className?: string;
  public readonly swarmProxyNetwork?: string;
  public readonly swarmCertResolver?: string;
  public readonly labels: { readonly [key: string]: string };
  public readonly annotations: { readonly [key: string]: string };
  private readonly _rules: IngressRuleProps[] = [];
  private readonly _tls: IngressTlsProps[];

  constructor(scope: Construct, id: string, props: IngressProps = {}) {
    super(scope, id);
    this.className = props.className;
    this.swarmProxyNetwork = props.swarmProxyNetwork;
    this.swarmCertResolver = props.swarmCertResolver;
    this.labels = { ...(props.labels ?? {}) };
    this.annotations = { ...(props.annotations ?? {}) };
    this._tls = props.tls === undefined ? [] : Array.isArray(props.tls) ? [...props.tls] : [props.tls];
    for (const r of props.rules ?? []) this.addRule(r);
  }

  /** Adds a route. */
  public addRule(rule: IngressRuleProps): this {
    this._rules.push(rule);
    const w = rule?.workload;
    if (w instanceof WorkloadBase) {
      const list = routes.get(w) ?? [];
      if (!list.includes(this)) routes.set(w, [...list, this]);
    }
    return this;
  }

  /** The rules, in the order given, with defaults applied. */
  public get rules(): IngressRule[] {
    return this._rules.map((r, index) => {
      const pathType = r.pathType ?? PathType.PREFIX;
      return { index, host: r.host, path: r.path ?? '/', pathType, workload: r.workload, port: ruleTarget(r) };
    });
  }

  public get tls(): readonly IngressTlsProps[] {
    return this._tls;
  }

  /** True when a TLS entry covers `host`. */
  public hasTls(host: string): boolean {
    return this._tls.some((t) => Array.isArray(t.hosts) && t.hosts.includes(host));
  }

  protected validateProps(c: ProblemCollector): void {
    const path = this.node.path;
    if (this._rules.length === 0) c.error(path, 'rules', 'an Ingress needs at least one rule (addRule)');
    const routesSeen = new Set<string>();
    this._rules.forEach((r, i) => {
      const field = `rules[${i}]`;
      const hostRule = checkHost(r.host);
      if (hostRule) c.error(path, `${field}.host`, hostRule, r.host);
      const pathType = r.pathType ?? PathType.PREFIX;
      c.oneOf(path, `${field}.pathType`, PathType, pathType, r.pathType);
      const pathRule = checkPath(r.path ?? '/');
      if (pathRule) c.error(path, `${field}.path`, pathRule, r.path);
      else {
        const key = `${r.host}${normalizePath(r.path ?? '/', pathType)}`;
        // cdk8s-plus-27 also takes one rule per host and path as written, whatever the path type.
        const written = `${r.host}${r.path ?? '/'}`;
        if (routesSeen.has(key)) c.error(path, field, 'must not repeat a host and path of this Ingress', key);
        else if (routesSeen.has(`written:${written}`)) c.error(
          path,
          field,
          'must not repeat a host and path of this Ingress (one rule per host and path as written, whatever the pathType)',
          written,
        );
        routesSeen.add(key);
        routesSeen.add(`written:${written}`);
      }
      this.validateTarget(r, c, path, field);
    });
    const hosts = new Set(this._rules.map((r) => r.host));
    this._tls.forEach((t, i) => {
      const field = `tls[${i}]`;
      if (!(t?.secret instanceof Secret)) {
        c.error(path, `${field}.secret`, 'must be a Secret (Secret.fromExisting) holding the certificate (kubernetes.io/tls)', t?.secret);
      } else if (findStack(t.secret) !== findStack(this)) {
        c.error(path, `${field}.secret`, `must belong to the same stack (${this.stackName}); each stack deploys on its own`, t.secret.node.path);
      } else if (t.secret.source !== 'existing') {
        c.error(
          path,
          `${field}.secret`,
          'must be Secret.fromExisting: a TLS secret holds tls.crt and tls.key (kubectl create secret tls), which unsafePlaintext cannot make',
          t.secret.name,
        );
      }
      if (!Array.isArray(t?.hosts) || t.hosts.length === 0) {
        c.error(path, `${field}.hosts`, 'must be a non-empty list of hosts', t?.hosts);
        return;
      }
      for (const h of t.hosts) {
        if (!hosts.has(h)) c.error(path, `${field}.hosts`, `must be hosts of this Ingress's rules (${[...hosts].join(', ')})`, h);
      }
    });
    if (this.className !== undefined && (typeof this.className !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(
      this.className,
    ) || this.className.length > 253)) {
      c.error(path, 'className', 'must be an IngressClass name (a lower-case DNS subdomain)', this.className);
    }
    if (this.swarmProxyNetwork !== undefined) {
      if (typeof this.swarmProxyNetwork !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(
        this.swarmProxyNetwork,
      ) || this.swarmProxyNetwork.length > 63) {
        c.error(
          path,
          'swarmProxyNetwork',
          'must be a Docker network name of letters, digits, "_" and "-", at most 63 characters',
          this.swarmProxyNetwork,
        );
      } else if (this.swarmProxyNetwork === DEFAULT_NETWORK || stackNetworks(this).some((n) => n.name === this.swarmProxyNetwork)) {
        // The external network's key in the stack file is its name.
        c.error(path, 'swarmProxyNetwork', 'must not be the name of a network of the stack (or "default")', this.swarmProxyNetwork);
      }
    }
    if (this.swarmCertResolver !== undefined && (typeof this.swarmCertResolver !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(
      this.swarmCertResolver,
    ))) {
      c.error(path, 'swarmCertResolver', 'must be a Traefik certificate resolver name (letters, digits, "_" and "-")', this.swarmCertResolver);
    }
    for (const [field, map] of [['labels', this.labels], ['annotations', this.annotations]] as const) {
      for (const [k, v] of Object.entries(map)) {
        const keyRule = checkLabelKey(k);
        if (keyRule) c.error(path, `${field}[${JSON.stringify(k)}]`, `key ${keyRule}`, k);
        const valueRule = field === 'labels' ? checkLabelValue(v) : typeof v === 'string' ? undefined : 'must be a string';
        if (valueRule) c.error(path, `${field}[${JSON.stringify(k)}]`, `value ${valueRule}`, v);
      }
    }
  }

  private validateTarget(r: IngressRuleProps, c: ProblemCollector, path: string, field: string): void {
    const w = r.workload;
    if (!(w instanceof WorkloadBase)) {
      c.error(path, `${field}.workload`, `must be a workload of stack ${this.stackName}`, w);
      return;
    }
    if (findStack(w) !== findStack(this)) {
      c.error(path, `${field}.workload`, `must belong to the same stack (${this.stackName}); each stack deploys on its own`, w.node.path);
      return;
    }
    if (w.kind === 'job' || w.kind === 'cron') {
      c.error(path, `${field}.workload`, 'must be a long-running workload (a Job or CronJob has no Service)', w.node.path);
      return;
    }
    const tcp = w.ports.filter((p) => p.protocol === 'tcp');
    if (r.port === undefined) {
      if (tcp.length !== 1) c.error(
        path,
        `${field}.port`,
        `must be given: ${w.name} has ${tcp.length === 0 ? 'no TCP port' : `several TCP ports (${tcp.map((p) => p.port).join(', ')})`}`,
      );
    } else if (!tcp.some((p) => p.port === r.port)) {
      c.error(path, `${field}.port`, `must be a TCP port of ${w.name} (${tcp.map((p) => p.port).join(', ') || 'it has none'})`, r.port);
    }
    if (this.swarmProxyNetwork !== undefined) {
      // One workload, one Traefik network: `traefik.docker.network` is a single label.
      const other = ingressesOf(w).find((i) => i !== this && i.swarmProxyNetwork !== undefined && i.swarmProxyNetwork !== this.swarmProxyNetwork);
      if (other) c.error(
        path,
        'swarmProxyNetwork',
        `must be the swarmProxyNetwork of ${other.node.path} ("${other.swarmProxyNetwork}"), which also routes to ${w.name}`,
        this.swarmProxyNetwork,
      );
    }
  }
}

/** The port a rule routes to, or undefined when it names none of the workload's TCP ports. */
function ruleTarget(r: IngressRuleProps): Port | undefined {
  if (!(r.workload instanceof WorkloadBase)) return undefined;
  const tcp = r.workload.ports.filter((p) => p.protocol === 'tcp');
  if (r.port === undefined) return tcp.length === 1 ? tcp[0] : undefined;
  return tcp.find((p) => p.port === r.port);
}
