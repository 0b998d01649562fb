import { containersOf, inspect, inspectService, sh } from '../support';

/** The fields of `docker container inspect` the real-server scenarios read. */
export interface ContainerInspect {
  Id: string;
  Config: { User: string; Env: string[]; Healthcheck?: { Test: string[] } };
  State: { Health?: { Status: string; Log?: { ExitCode: number; Output: string }[] } };
  HostConfig: { ReadonlyRootfs: boolean; CapDrop?: string[]; CapAdd?: string[] };
}

/** What a container of a service runs as, read from the engine and from /proc inside it. */
export interface Identity {
  readonly container: string;
  readonly health?: string;
  readonly user: string;
  readonly readOnlyRoot: boolean;
  readonly capDrop: string[];
  /** Real, effective, saved and filesystem uid of pid 1 (/proc/1/status). */
  readonly pid1Uids: string;
  /** The capability bounding set of pid 1 (hex). */
  readonly pid1CapBnd: string;
  /** `touch /` fails: the root filesystem refuses writes. */
  readonly rootWritable: boolean;
}

/** Identity of every running container of `service`. */
export async function identities(service: string): Promise<Identity[]> {
  const cs = await containersOf(service);
  const inspected = await inspect<ContainerInspect>('container', cs.map((c) => c.container));
  return Promise.all(inspected.map(async (c) => {
    const status = await sh(service, 'cat /proc/1/status; if touch /.probe 2>/dev/null; then echo ROOT-WRITABLE; fi', { container: c.Id });
    return {
      container: c.Id,
      health: c.State.Health?.Status,
      user: c.Config.User,
      readOnlyRoot: c.HostConfig.ReadonlyRootfs,
      capDrop: c.HostConfig.CapDrop ?? [],
      pid1Uids: /^Uid:\s*(.*)$/m.exec(status)?.[1].trim().split(/\s+/).join(' ') ?? '?',
      pid1CapBnd: /^CapBnd:\s*(\S+)/m.exec(status)?.[1] ?? '?',
      rootWritable: status.includes('ROOT-WRITABLE'),
    };
  }));
}

/** The library's secure defaults as a running container shows them, for a numeric `uid`. */
export function secureAs(uid: number): Record<string, unknown> {
  return {
    health: 'healthy',
    user: `${uid}:${uid}`,
    readOnlyRoot: true,
    capDrop: ['ALL'],
    pid1Uids: `${uid} ${uid} ${uid} ${uid}`,
    pid1CapBnd: '0000000000000000',
    rootWritable: false,
  };
}

/** Uids of every process named `comm` in a container (e.g. nginx master and workers). */
export async function uidsOf(service: string, container: string, comm: string): Promise<string[]> {
  const script = `for p in /proc/[0-9]*; do [ "$(cat $p/comm 2>/dev/null)" = ${comm} ] && awk '/^Uid:/{print $2}' $p/status; done; true`;
  const out = await sh(service, script, { container });
  return out.split('\n').filter(Boolean);
}

/**
 * Asserts that `secret` appears in no `docker inspect` of the services or
 * their containers, nor in the environment of any process in them (every
 * /proc/<pid>/environ: one user per container, so all are readable).
 */
export async function expectSecretNowhere(services: readonly string[], secret: string): Promise<void> {
  for (const service of services) {
    const cs = await containersOf(service);
    const text = JSON.stringify([await inspectService(service), ...(await inspect<unknown>('container', cs.map((c) => c.container)))]);
    expect({ service, leaks: text.includes(secret) }).toEqual({ service, leaks: false });
    for (const c of cs) {
      const env = await sh(service, 'cat /proc/[0-9]*/environ 2>/dev/null | tr "\\0" "\\n"; true', { container: c.container });
      expect(env).toMatch(/PATH=/);
      expect({ service, leaks: env.includes(secret) }).toEqual({ service, leaks: false });
    }
  }
}
