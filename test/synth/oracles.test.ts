import * as fs from 'fs';
import * as path from 'path';
import { composeSchemaErrors } from '../support/compose-schema';
import { dockerStackConfig } from '../support/docker';
import { kubeSchema } from '../support/kube-schema';
import { composeDeployErrors } from '../support/oracle';
import { tempDir } from '../support/synth';

/** The oracles must be able to fail: each one rejects a known-bad document and accepts its good twin. */

const deployment = (container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'w', namespace: 's' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'w' } },
    template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'main', image: 'busybox:1.36', ...container }] } },
    ...spec,
  },
});

describe('the strict Kubernetes 1.27 schema oracle', () => {
  test('accepts a valid Deployment', () => {
    expect(kubeSchema().validate(deployment())).toEqual([]);
  });

  test('rejects an unknown field (strict: closed objects)', () => {
    expect(kubeSchema().validate(deployment({ imagePullPolicyy: 'Always' }))).toEqual([
      'Deployment/w/spec/template/spec/containers/0 must NOT have additional properties: imagePullPolicyy',
    ]);
    expect(kubeSchema().validate({ ...deployment(), status2: {} } as ReturnType<typeof deployment>)).toEqual([
      'Deployment/w must NOT have additional properties: status2',
    ]);
  });

  test('rejects a wrong type', () => {
    expect(kubeSchema().validate(deployment({}, { replicas: '3' }))).toEqual(['Deployment/w/spec/replicas must be integer']);
    expect(kubeSchema().validate(deployment({ ports: [{ containerPort: '80' }] }))).toContain(
      'Deployment/w/spec/template/spec/containers/0/ports/0/containerPort must be integer',
    );
  });

  test('rejects a missing required field', () => {
    expect(kubeSchema().validate(deployment({ name: undefined }))).toEqual([expect.stringContaining("must have required property 'name'")]);
  });

  test('rejects a kind Kubernetes 1.27 does not have', () => {
    expect(kubeSchema().validate({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'w' } })).toEqual([
      'no Kubernetes 1.27 schema for apps/v1/Deploymnet',
    ]);
    expect(kubeSchema().validate({ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'w' } })).toEqual([
      'no Kubernetes 1.27 schema for batch/v1beta1/CronJob',
    ]);
  });
});

describe('the Compose v3.13 schema oracle', () => {
  const doc = (service: Record<string, unknown>) => ({ services: { w: { image: 'busybox:1.36', ...service } } });

  test('accepts a valid service', () => {
    expect(
      composeSchemaErrors(doc({ user: '1000:1000', deploy: { resources: { limits: { cpus: '0.5', memory: '64M' } } }, ports: ['8080:80', 80] })),
    ).toEqual(
      [],
    );
  });

  test('rejects cpus as a number', () => {
    expect(composeSchemaErrors(doc({ deploy: { resources: { limits: { cpus: 0.5 } } } }))).toEqual([
      '/services/w/deploy/resources/limits/cpus must be string',
    ]);
  });

  test('rejects a published port out of range, as a string or a number', () => {
    expect(composeSchemaErrors(doc({ ports: ['99999:80'] }))).toContain('/services/w/ports/0 must match format "ports"');
    expect(composeSchemaErrors(doc({ ports: [99999] }))).toContain('/services/w/ports/0 must match format "ports-number"');
  });

  test('rejects a numeric user, a bad duration and an unknown key', () => {
    expect(composeSchemaErrors(doc({ user: 1000 }))).toEqual(['/services/w/user must be string']);
    expect(composeSchemaErrors(doc({ healthcheck: { test: ['CMD', 'true'], interval: '10' } }))).toEqual([
      '/services/w/healthcheck/interval must match format "duration"',
    ]);
    expect(composeSchemaErrors(doc({ tmpfs_size: 1 }))).toEqual(['/services/w must NOT have additional properties']);
  });

  test('the deploy checks catch what the loader lets through', () => {
    expect(composeDeployErrors({ services: { 'web.v2': { deploy: { mode: 'replicated' } } } } as never)).toEqual([
      'services.web.v2: no image',
      'services.web.v2: a dotted service key',
    ]);
    expect(composeDeployErrors({
      services: {
        w: {
          image: 'x',
          secrets: [{ source: 'pw', target: '/p' }],
          configs: [{ source: 'c', target: '/c' }],
          volumes: [{ type: 'volume', source: 'v', target: '/v' }],
          ports: [{ target: 80, published: 99999, protocol: 'tcp', mode: 'ingress' }],
          deploy: { mode: 'replicated' },
        },
      },
    })).toEqual([
      'services.w: undefined config c',
      'services.w: undefined secret pw',
      'services.w: port out of range {"target":80,"published":99999,"protocol":"tcp","mode":"ingress"}',
      'services.w: undefined volume v',
    ]);
  });
});

describe('the docker stack config oracle', () => {
  const run = (yaml: string) => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'compose.yaml'), yaml);
      return dockerStackConfig(path.join(dir, 'compose.yaml'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  test('accepts a valid file', () => {
    expect(run('services:\n  w:\n    image: busybox:1.36\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n').status).toBe(0);
  });

  test('rejects cpus as a number', () => {
    const r = run('services:\n  w:\n    image: busybox:1.36\n    deploy:\n      resources:\n        limits:\n          cpus: 0.5\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('cpus must be a string');
  });
});
