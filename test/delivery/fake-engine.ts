import * as fs from 'fs';
import { parse } from 'yaml';
import type { DockerRunner } from '../../lib/delivery/docker';
import type { ServiceInfo, ServiceSpec, TaskInfo } from '../../lib/delivery/engine';
import type { ComposeFile } from '../../lib/swarm/compose-types';

interface FakeService {
  info: ServiceInfo;
  running: number;
  desired: number;
}

interface FakeObject {
  name: string;
  labels: Record<string, string>;
}

/**
 * An in-memory Swarm manager behind the docker CLI commands delivery runs.
 * It answers from its state and records every command; what `stack
 * deploy`, `service rollback` and polls do to the state is up to each test
 * (the hooks), so that every branch of the logic can be driven. The real
 * engine's behaviour is proven by the e2e scenario (test/e2e/scenarios/deliver.ts).
 */
export class FakeEngine {
  readonly calls: string[][] = [];
  readonly services = new Map<string, FakeService>();
  tasks: TaskInfo[] = [];
  secrets: FakeObject[] = [];
  configs: FakeObject[] = [];
  networks: string[] = ['ingress', 'bridge'];
  swarm: { LocalNodeState: string; ControlAvailable: boolean } | 'down' = { LocalNodeState: 'active', ControlAvailable: true };
  apiVersion = '1.47';
  /** `docker stack deploy -c FILE STACK`: the file as parsed, and the stack. */
  onDeploy: (compose: ComposeFile, stack: string) => void = () => undefined;
  /** Called before each answer to a poll (`service ls --format`), e.g. to advance an update. */
  onPoll: () => void = () => undefined;
  deployStatus = 0;

  commands(prefix: string): string[][] {
    return this.calls.filter((c) => c.join(' ').startsWith(prefix));
  }

  addService(name: string, spec: Partial<ServiceSpec> & { Image?: string }, state: Partial<FakeService> & {
    UpdateStatus?: ServiceInfo['UpdateStatus'];
    PreviousSpec?: ServiceSpec;
  } = {}): FakeService {
    const s: FakeService = {
      info: {
        ID: `id-${name}`,
        Version: { Index: 10 },
        Spec: serviceSpec(name, spec),
        ...(state.PreviousSpec ? { PreviousSpec: state.PreviousSpec } : {}),
        ...(state.UpdateStatus ? { UpdateStatus: state.UpdateStatus } : {}),
      },
      running: state.running ?? 1,
      desired: state.desired ?? 1,
    };
    this.services.set(name, s);
    return s;
  }

  /** An update as Swarm applies one: the spec moves to PreviousSpec, the version bumps. */
  update(name: string, spec: ServiceSpec, status?: ServiceInfo['UpdateStatus']): void {
    const s = this.services.get(name)!;
    s.info = {
      ...s.info,
      Version: { Index: s.info.Version.Index + 1 },
      PreviousSpec: s.info.Spec,
      Spec: spec,
      ...(status ? { UpdateStatus: status } : {}),
    };
  }

  readonly runner: DockerRunner = async (args) => {
    this.calls.push([...args]);
    const a = [...args];
    const ok = (stdout: string) => ({ status: 0, stdout, stderr: '' });
    const flag = (name: string) => a.filter((_, i) => a[i - 1] === name);
    const labelFilters = flag('--filter').filter((f) => f.startsWith('label=')).map((f) => f.slice(6).split('='));
    const matches = (labels: Record<string, string>) => labelFilters.every(([k, v]) => labels[k] === v);
    if (this.swarm === 'down') return {
      status: 1,
      stdout: '',
      stderr: 'Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?',
    };
    const [cmd, sub] = a;
    if (cmd === 'info') return ok(JSON.stringify(this.swarm));
    if (cmd === 'version') return ok(`${this.apiVersion}\n`);
    if ((cmd === 'secret' || cmd === 'config') && sub === 'ls') {
      return ok((cmd === 'secret' ? this.secrets : this.configs).filter((o) => matches(o.labels)).map((o) => o.name).join('\n'));
    }
    if ((cmd === 'secret' || cmd === 'config') && sub === 'rm') {
      const list = cmd === 'secret' ? this.secrets : this.configs;
      const i = list.findIndex((o) => o.name === a[2]);
      if (i >= 0) list.splice(i, 1);
      return i >= 0 ? ok(a[2]) : { status: 1, stdout: '', stderr: 'not found' };
    }
    if (cmd === 'network' && sub === 'ls') return ok(this.networks.join('\n'));
    const ofStack = [...this.services.values()].filter((s) => matches(s.info.Spec.Labels ?? {}));
    if (cmd === 'service' && sub === 'ls' && a.includes('--quiet')) return ok(ofStack.map((s) => s.info.ID).join('\n'));
    if (cmd === 'service' && sub === 'ls') {
      this.onPoll();
      return ok(ofStack.map((s) => JSON.stringify({ Name: s.info.Spec.Name, Mode: 'replicated', Replicas: `${s.running}/${s.desired}` })).join('\n'));
    }
    if (cmd === 'inspect' && a[2] === 'service') {
      const ids = a.slice(3);
      return ok(
        JSON.stringify([...this.services.values()].filter((s) => ids.includes(s.info.ID) || ids.includes(s.info.Spec.Name)).map((s) => s.info)),
      );
    }
    if (cmd === 'inspect' && a[2] === 'task') return ok(JSON.stringify(this.tasks.filter((t) => a.slice(3).includes(t.ID))));
    if (cmd === 'stack' && sub === 'ps') return ok(this.tasks.map((t) => t.ID).join('\n'));
    if (cmd === 'stack' && sub === 'deploy') {
      const file = a[a.indexOf('-c') + 1];
      this.onDeploy(parse(fs.readFileSync(file, 'utf8')) as ComposeFile, a[a.length - 1]);
      return { status: this.deployStatus, stdout: '', stderr: this.deployStatus ? 'failed to create service' : '' };
    }
    if (cmd === 'service' && sub === 'rm') {
      this.services.delete(a[2]);
      return ok(a[2]);
    }
    if (cmd === 'service' && sub === 'update') {
      const name = a[a.length - 1];
      const [k, v] = flag('--label-add')[0].split('=');
      const s = this.services.get(name)!;
      this.update(name, { ...s.info.Spec, Labels: { ...s.info.Spec.Labels, [k]: v } });
      return ok(name);
    }
    if (cmd === 'service' && sub === 'rollback') {
      const s = this.services.get(a[a.length - 1])!;
      s.info = { ...s.info, Spec: s.info.PreviousSpec!, PreviousSpec: s.info.Spec, UpdateStatus: { State: 'rollback_completed', StartedAt: 'rb' } };
      return ok(a[a.length - 1]);
    }
    return { status: 1, stdout: '', stderr: `fake engine: unknown command docker ${a.join(' ')}` };
  };
}

/** A service spec as the engine shows one deployed from a stack file. */
export function serviceSpec(name: string, o: Partial<ServiceSpec> & { Image?: string } = {}): ServiceSpec {
  const stack = name.split('_')[0];
  return {
    Name: name,
    Labels: { 'com.docker.stack.namespace': stack, ...(o.Labels ?? {}) },
    TaskTemplate: o.TaskTemplate ?? { ContainerSpec: { Image: o.Image ?? 'app:1' } },
    Mode: o.Mode ?? { Replicated: { Replicas: 1 } },
  };
}

/** A clock whose sleeps pass at once. */
export function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void> } {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
}
