/** Exact versions the scaffold pins: the library's own, so that one npm cache serves both. */
export interface ScaffoldVersions {
  /** The dependency spec of cdk8s-conductor, e.g. `file:vendor/cdk8s-conductor-0.1.0.tgz`. */
  readonly library: string;
  readonly constructs: string;
  readonly tsx: string;
  readonly typescript: string;
  readonly typesNode: string;
}

export interface ScaffoldOptions {
  /** npm package name. */
  readonly name: string;
  /** Name of the example stack (a DNS label). */
  readonly stackName: string;
  readonly versions: ScaffoldVersions;
  /** File name of the packed library in vendor/. */
  readonly tarballName: string;
}

/** The files of a new project, relative path to content. */
export function projectFiles(o: ScaffoldOptions): Record<string, string> {
  const { name, stackName: s, versions: v } = o;
  const packageJson = {
    name,
    version: '0.1.0',
    private: true,
    description: 'Kubernetes manifests and Docker Swarm stack files, synthesized by Conductor (cdk8s-conductor)',
    scripts: {
      synth: 'conductor synth',
      check: 'conductor check',
      diff: 'conductor diff',
      graph: 'conductor graph',
      test: 'tsc --noEmit -p . && node --test --require tsx/cjs test/app.test.ts',
    },
    dependencies: {
      'cdk8s-conductor': v.library,
      'constructs': v.constructs,
    },
    devDependencies: {
      '@types/node': v.typesNode,
      'tsx': v.tsx,
      'typescript': v.typescript,
    },
    engines: { node: '>=20' },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      lib: ['ES2022'],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
    include: ['apps/**/*.ts', 'test/**/*.ts'],
  };
  return {
    'package.json': JSON.stringify(packageJson, null, 2) + '\n',
    'tsconfig.json': JSON.stringify(tsconfig, null, 2) + '\n',
    'cdk8s.yaml': `# \`cdk8s synth\` runs the app with CDK8S_OUTDIR set; Conductor then writes the
# Kubernetes manifests there (<stack>.k8s.yaml). The output is not dist/:
# cdk8s synth empties its output directory first, and dist/ is Conductor's.
language: typescript
app: node -r tsx/cjs apps/main.ts
output: cdk8s.out
`,
    'apps/main.ts': `import { App } from 'cdk8s-conductor';
import { defineApp } from './app';

// \`npx conductor synth\` runs this file and writes dist/ (app.synth() is then a no-op);
// \`cdk8s synth\` runs it with CDK8S_OUTDIR set; \`npx tsx apps/main.ts\` writes dist/ itself.
const app = new App();
defineApp(app);
app.synth();
`,
    'apps/app.ts': `import { App, Config, Exposure, HealthCheck, Stack, Workload } from 'cdk8s-conductor';

/**
 * The application, described once for Kubernetes and Docker Swarm.
 * Edit it, run \`npx conductor synth\`, review and commit dist/.
 */
export function defineApp(app: App): Stack {
  const stack = new Stack(app, '${s}');

  const config = new Config(stack, 'web-config', {
    files: { 'index.html': '<h1>Hello from ${s}</h1>\\n' },
  });

  const web = new Workload(stack, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    replicas: 2,
    // Clients connect to port 80; the container listens on 8080.
    ports: [{ port: 80, targetPort: 8080, exposure: Exposure.LOAD_BALANCER }],
    health: { check: HealthCheck.http('/', { port: 8080, swarmCommand: 'wget' }) },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });
  web.mountConfig(config, '/usr/share/nginx/html')
    // The root filesystem is read-only: nginx needs these writable.
    .mountScratch('/tmp')
    .mountScratch('/var/cache/nginx');
  return stack;
}
`,
    'test/app.test.ts': `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { App, Stack, Workload } from 'cdk8s-conductor';
import { defineApp } from '../apps/app';

test('the app renders Kubernetes, Swarm and the stack summary', () => {
  const app = new App();
  defineApp(app);
  const out = app.render();
  assert.deepEqual([...out.files.keys()].filter((f) => !f.includes('/configs/')).sort(), [
    'kubernetes/${s}/${s}.k8s.yaml',
    'kubernetes/${s}/kustomization.yaml',
    'kubernetes/kustomization.yaml',
    '${s}.md',
    'swarm/${s}/compose.yaml',
  ].sort());
  const manifests = out.files.get('kubernetes/${s}/${s}.k8s.yaml')!;
  assert.match(manifests, /^kind: Deployment$/m);
  assert.match(manifests, /^  replicas: 2$/m);
  assert.match(out.files.get('swarm/${s}/compose.yaml')!, /replicas: 2/);
});

test('bad input is rejected before anything is written, naming the construct and the field', () => {
  const app = new App();
  const stack = new Stack(app, 'broken');
  new Workload(stack, 'web', { image: 'nginxinc/nginx-unprivileged:1.27-alpine', replicas: -1 });
  assert.throws(() => app.render(), /broken\\/web: replicas: must be a non-negative integer/);
});
`,
    'README.md': `# ${name}

Kubernetes manifests and Docker Swarm stack files for this application,
synthesized by Conductor (\`cdk8s-conductor\`) from
\`apps/app.ts\`.

\`\`\`sh
npm ci                   # install exactly what package-lock.json locks (as CI does)
npx conductor synth      # validate and write dist/ (commit it)
npx conductor diff       # what synth would change in dist/
npx conductor check      # CI: exit 1 with a diff when dist/ is stale
npx conductor graph      # the topology (Mermaid) and workloads table
npm test                 # type check and the app's tests
\`\`\`

Output:

\`\`\`
dist/kubernetes/kustomization.yaml          every stack: kubectl apply -k dist/kubernetes
dist/kubernetes/${s}/${s}.k8s.yaml
dist/swarm/${s}/compose.yaml                docker stack deploy -c dist/swarm/${s}/compose.yaml ${s}
dist/${s}.md                                topology and workloads, for reviewers
\`\`\`

\`cdk8s synth\` works too (see \`cdk8s.yaml\`): it writes the Kubernetes
manifests to \`cdk8s.out/\`.

## Dependencies and CI

\`conductor init\` ran \`npm install\`, which wrote \`package-lock.json\`:
commit it. CI (\`.github/workflows/conductor.yml\`) runs \`npm ci\`, which
installs exactly the locked versions and fails when \`package.json\` and the
lock disagree; after changing a dependency, run \`npm install\` and commit
both files.

## The library dependency

\`cdk8s-conductor\` is not on the npm registry yet: this project depends on a
packed copy, \`vendor/${o.tarballName}\`. Commit it. To update, run
\`npm pack\` in a checkout of Conductor, copy the tarball into \`vendor/\`,
update the \`file:\` dependency in \`package.json\` and run \`npm install\`.
`,
    // A synth's transient files (and an earlier version's staging directories); the marker .conductor-output is committed.
    '.gitignore': 'node_modules/\ncdk8s.out/\n.conductor-tmp-*\n.conductor-old-*\n',
    '.gitattributes': '# Generated output is compared byte for byte (conductor check): keep LF.\ndist/** -text\n',
    '.github/workflows/conductor.yml': `name: conductor
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm test
      # Fails with a unified diff when dist/ is not what the app synthesizes.
      - run: npx conductor check
`,
  };
}
