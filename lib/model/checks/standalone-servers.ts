import type { MountedConfigFile } from './host-references';

/**
 * Servers whose official images run standalone: several copies of one do
 * not find each other, so replicas behind one name (a Kubernetes Service, a
 * Swarm VIP or dnsrr name: both spread clients over the replicas) are
 * separate servers, each with its own data. docs/runtime-checks.md section 6
 * lists the same table.
 */

/** What the workload tells about how its server runs. */
export interface ServerHints {
  /** The words of its command, args and env values (env of configs too), split at blanks, quotes and `=`. */
  readonly words: readonly string[];
  /** The config files its main container mounts. */
  readonly configFiles: readonly MountedConfigFile[];
}

export interface StandaloneServer {
  /** The replicas are separate `<what>`: `databases`, `servers`, ... */
  readonly what: string;
  /** What goes wrong, after "each client reaches one of them, so". */
  readonly failure: string;
  /** How the server's own clustering or replication is configured (what clears the warning); undefined: nothing does. */
  readonly clustering?: string;
  /** True when the hints show the server's own clustering or replication is configured. */
  readonly clusters?: (hints: ServerHints) => boolean;
}

const has = (hints: ServerHints, ...flags: string[]) => hints.words.some((w) => flags.includes(w));
const inConfig = (hints: ServerHints, pattern: RegExp) => hints.configFiles.some((f) => pattern.test(f.text));
const basename = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/*
 * A relational database replicates from one primary to standbys that are set up differently (a role, a server
 * id, a primary to follow): identical replicas of one workload cannot be that, so nothing clears it.
 */
const DATABASE: StandaloneServer = {
  what: 'databases',
  failure: 'rows written through one are missing from the others',
};
const NO_IDENTICAL_REPLICATION = 'its replication needs a primary and standbys configured differently, which identical replicas cannot be';

/*
 * redis and valkey: `--cluster-enabled yes` (Redis Cluster), `--replicaof`/`--slaveof` (every replica follows one
 * primary elsewhere), or sentinels (`redis-sentinel`, `redis-server --sentinel`), on the command line or as
 * directives of a mounted config file.
 */
function redisClusters(hints: ServerHints): boolean {
  const i = hints.words.indexOf('--cluster-enabled');
  if (i >= 0 && hints.words[i + 1] !== 'no') return true;
  if (has(hints, '--replicaof', '--slaveof', '--sentinel')) return true;
  if (hints.words.some((w) => ['redis-sentinel', 'valkey-sentinel'].includes(basename(w)))) return true;
  return inConfig(hints, /^\s*(?:cluster-enabled\s+yes|replicaof|slaveof|sentinel\s+monitor)\b/im);
}
const REDIS_CLUSTERING = '--cluster-enabled yes, --replicaof (or --slaveof), or sentinels (redis-sentinel, --sentinel)';

/** mongo: a replica set, `--replSet` or `replication.replSetName` in a mounted mongod.conf. */
function mongoClusters(hints: ServerHints): boolean {
  return has(hints, '--replSet') || inConfig(hints, /\breplSetName\b/);
}

/*
 * nats: servers connect only to the routes they are given (`--routes`, or `routes` in a config file). `--cluster`
 * alone opens the cluster port but solicits no route, so identical replicas still never meet. A `--config`/`-c`
 * file Conductor cannot read may set routes and clears the warning; the image's own nats-server.conf sets none,
 * and a mounted Config is read (one that sets routes clears it wherever it is mounted).
 */
const NATS_IMAGE_CONFIGS = ['nats-server.conf', '/nats-server.conf', '/etc/nats/nats-server.conf'];
const NATS_ROUTES = /\broutes\s*[:=]?\s*\[\s*[^\]\s]/;
const SHELLS = ['sh', 'bash', 'ash', 'dash', 'zsh'];

function natsClusters(hints: ServerHints): boolean {
  const { words } = hints;
  if (words.some((w) => w === '--routes' || w === '-routes')) return true;
  // A mounted config that sets routes, wherever it is mounted (read with --config, or at the image's own path).
  if (hints.configFiles.some((f) => NATS_ROUTES.test(f.text))) return true;
  // A config file on the command line: a mounted one was read above, the image's own sets no routes.
  return words.some((w, i) => {
    // `sh -c "..."`: the shell's -c, not nats-server's.
    if (!['--config', '-config', '-c'].includes(w) || (w === '-c' && i > 0 && SHELLS.includes(basename(words[i - 1])))) return false;
    const path = words[i + 1];
    return path !== undefined && !NATS_IMAGE_CONFIGS.includes(path) && !hints.configFiles.some((f) => f.path === path);
  });
}

/*
 * rabbitmq: a node joins others only through peer discovery, `cluster_formation.*` in rabbitmq.conf (or the
 * classic `cluster_nodes` of advanced.config / RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS); without it every node is a
 * cluster of one.
 */
function rabbitmqClusters(hints: ServerHints): boolean {
  return hints.words.some((w) => /cluster_formation|cluster_nodes/.test(w)) || inConfig(hints, /\bcluster_formation\.|\bcluster_nodes\b/);
}

/** By official image name (lib/model/image.ts officialImageName, registry mirrors included). */
export const STANDALONE_SERVERS: Readonly<Record<string, StandaloneServer>> = {
  mariadb: DATABASE,
  mongo: {
    what: 'databases',
    failure: 'documents written through one are missing from the others',
    clustering: 'a replica set: --replSet (or replication.replSetName in a mounted mongod.conf)',
    clusters: mongoClusters,
  },
  mysql: DATABASE,
  nats: {
    what: 'servers',
    failure: 'a message published on one never reaches a subscriber on another',
    clustering: 'cluster routes: --routes, or a --config file that sets routes',
    clusters: natsClusters,
  },
  postgres: DATABASE,
  rabbitmq: {
    what: 'brokers',
    failure: 'a queue declared on one does not exist on the others',
    clustering: 'peer discovery: cluster_formation.* in a mounted rabbitmq.conf',
    clusters: rabbitmqClusters,
  },
  redis: {
    what: 'stores',
    failure: 'keys set through one are missing from the others',
    clustering: REDIS_CLUSTERING,
    clusters: redisClusters,
  },
  valkey: {
    what: 'stores',
    failure: 'keys set through one are missing from the others',
    clustering: REDIS_CLUSTERING.replace(/redis-sentinel/, 'valkey-sentinel'),
    clusters: redisClusters,
  },
};

/** The way out for `name`'s server, after "run 1 replica". */
export function wayOut(name: string, server: StandaloneServer): string {
  return server.clustering === undefined
    ? `(${name}: ${NO_IDENTICAL_REPLICATION})`
    : `or configure ${name}'s own clustering or replication: ${server.clustering}`;
}
