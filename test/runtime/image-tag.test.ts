/** Issue 17, item 5: image references GitOps cannot reproduce. */
import { App, Stack, Workload } from '../../lib';
import { problemsOf } from '../support/oracle';
import { warningsOf } from './support';

const MOVES = 'the tag moves, so the same commit deploys different software over time; pin a version tag or a digest (@sha256:...)';

function withImage(image: string, strict = false): App {
  const app = new App({ strict });
  new Workload(new Stack(app, 's'), 'w', { image });
  return app;
}

describe('images without a tag or digest, or tagged latest', () => {
  test.each([
    ['busybox', 'has no tag or digest (both targets pull "latest")'],
    ['ghcr.io/acme/api', 'has no tag or digest (both targets pull "latest")'],
    ['localhost:5000/acme/api', 'has no tag or digest (both targets pull "latest")'],
    ['busybox:latest', 'is tagged "latest"'],
    ['registry.example.com:5000/acme/api:latest', 'is tagged "latest"'],
  ])('%s: a warning for both targets', (image, what) => {
    expect(warningsOf(withImage(image))).toEqual([{ path: 's/w', field: 'image', message: `"${image}" ${what}: ${MOVES}` }]);
  });

  test.each(['busybox:1.36', 'localhost:5000/acme/api:2.0', `busybox@sha256:${'a'.repeat(64)}`, `busybox:latest@sha256:${'b'.repeat(64)}`])(
    '%s: pinned, no warning', (image) => {
      expect(warningsOf(withImage(image))).toEqual([]);
    },
  );

  test('sidecar and init container images too', () => {
    const app = new App();
    new Workload(new Stack(app, 's'), 'w', {
      image: 'busybox:1.36', sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy' }], initContainers: [{ name: 'init', image: 'busybox:latest' }],
    });
    expect(warningsOf(app, ['kubernetes']).map((w) => [w.field, w.message.split(':')[0]])).toEqual([
      ['sidecars[0].image', '"envoyproxy/envoy" has no tag or digest (both targets pull "latest")'],
      ['initContainers[0].image', '"busybox'],
    ]);
  });

  test('under strict, an error; an invalid reference is the model\'s error alone', () => {
    expect(problemsOf(withImage('busybox', true)).problems).toEqual([
      { path: 's/w', field: 'image', rule: `strict mode forbids run-time warnings: "busybox" has no tag or digest (both targets pull "latest"): ${MOVES}` },
    ]);
    expect(problemsOf(withImage('Busybox')).problems.map((p) => p.field)).toEqual(['image']);
  });
});
