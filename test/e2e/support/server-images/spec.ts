/**
 * What a stand-in image of real server software is made of: Debian packages
 * (their dependency closure, resolved by apt), the official image's users,
 * directories and files, and its run-time settings (`docker import --change`).
 */
export interface ServerImageSpec {
  /** The local tag, e.g. `conductor-e2e/postgres:15`. */
  readonly tag: string;
  /** The official image whose conventions it follows, for the docs table. */
  readonly follows: string;
  /** Debian packages to install with their dependencies (no recommends). */
  readonly packages: readonly string[];
  /** Packages of the closure left out (not needed at run time: perl wrappers, the JIT's LLVM). @default none */
  readonly exclude?: readonly string[];
  /** Users as `name:uid:gid:home`; each gets a group of the same name and gid. */
  readonly users: readonly string[];
  /** Directories to create: path, owner uid:gid, mode. */
  readonly dirs?: readonly { readonly path: string; readonly owner: string; readonly mode: number }[];
  /** Files to write (scripts get mode 0755 when they start with `#!`). */
  readonly files?: Readonly<Record<string, string>>;
  /** Symbolic links: path -> target. */
  readonly links?: Readonly<Record<string, string>>;
  /** Paths removed after unpacking (docs, unused plugins). */
  readonly remove?: readonly string[];
  /** Executables (on the image's PATH) the build checks are there: what the examples' health checks and scripts run. */
  readonly provides: readonly string[];
  /** Dockerfile instructions applied by `docker import --change` (ENV, ENTRYPOINT, CMD, USER, WORKDIR, EXPOSE; not STOPSIGNAL). */
  readonly changes: readonly string[];
}
