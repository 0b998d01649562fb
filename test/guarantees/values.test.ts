/**
 * Guarantee: every value the app writes (env values of the main container,
 * sidecars and configs, config files, arguments, annotations) either comes
 * back byte for byte from the real readers of both targets, or synth
 * refuses it with an error naming the construct path and the field.
 *
 * The readers: `kubectl kustomize` (1.27: its Go YAML loader builds the
 * Kubernetes output) and `docker stack config` (the docker CLI's own stack
 * loader) for the stack file; a Swarm config file is read as bytes by
 * `docker stack deploy`, so its bytes on disk must be the value's UTF-8.
 * The characters are those that Go's YAML readers refuse raw (DEL, C1
 * controls, U+2028, U+2029, a BOM, non-characters), fold (U+0085 is a YAML
 * 1.1 line break), or that UTF-8 cannot hold (lone surrogates), beside
 * ordinary ones that must keep working.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { App, Config, Stack, Workload } from '../../lib';
import { ValidationError } from '../../lib/model/problems';
import type { ComposeFile } from '../../lib/swarm/compose-types';
import { writeTree } from '../../lib/synth/writer';
import { dockerStackConfig } from '../support/docker';
import { kustomizeBuild } from '../support/kubectl';
import { expandLikeSwarm } from '../support/swarm-template';
import { tempDir } from '../support/synth';

const CHARACTERS: [string, string][] = [
  ['DEL', '\u007f'], ['NEL (U+0085)', '\u0085'], ['U+2028', '\u2028'], ['U+2029', '\u2029'], ['lone high surrogate', '\ud800'],
  ['lone low surrogate', '\udfff'], ['BOM (U+FEFF)', '\ufeff'], ['U+FFFE', '\ufffe'], ['U+FFFF', '\uffff'], ['C1 U+0080', '\u0080'],
  ['C1 U+009F', '\u009f'], ['ESC', '\u001b'], ['BEL', '\u0007'], ['VT', '\u000b'], ['FF', '\u000c'], ['CR', '\r'],
  ['CR LF', '\r\n'], ['tab', '\t'], ['line feed', '\n'], ['no-break space', '\u00a0'], ['é', 'é'], ['emoji (astral)', '\u{1f600}'],
  ['combining acute', 'e\u0301'], ['U+E000 (private use)', '\ue000'],
];

/** Ordinary text that must never be refused. */
const MUST_KEEP = new Set(['\t', '\n', '\r', '\r\n', '\u00a0', 'é', '\u{1f600}', 'e\u0301', '\ue000', '\ufeff', '\u001b']);

/** Where a value goes, and the field an error must name. */
const PLACES = ['env', 'sidecar env', 'config env', 'config file', 'args', 'annotation'] as const;
type Place = typeof PLACES[number];
const FIELD: Record<Place, [string, string]> = {
  'env': ['s/w', 'env["V"]'],
  'sidecar env': ['s/w', 'sidecars[0].env["V"]'],
  'config env': ['s/cfg', 'env["CV"]'],
  'config file': ['s/cfg', 'files["f.txt"]'],
  'args': ['s/w', 'args[1]'],
  'annotation': ['s/w', 'annotations["example.com/v"]'],
};

function build(value: string): App {
  const app = new App({ outdir: '/nonexistent' });
  const s = new Stack(app, 's');
  const cfg = new Config(s, 'cfg', { env: { CV: value }, files: { 'f.txt': value } });
  new Workload(s, 'w', {
    image: 'busybox:1.36',
    command: ['echo'],
    args: ['-n', value],
    env: { V: value },
    annotations: { 'example.com/v': value },
    sidecars: [{ name: 'side', image: 'busybox:1.36', env: { V: value } }],
  }).envFromConfig(cfg).mountConfig(cfg, '/etc/cfg');
  return app;
}

/** What the real readers give back for each place, on each target. */
function readBack(app: App): Record<string, string | undefined> {
  const out = app.render();
  const root = tempDir('conductor-values-');
  try {
    writeTree(root, out.files);
    const kube = kustomizeBuild(path.join(root, 'kubernetes', 's'));
    const deployment = kube.find((o) => o.kind === 'Deployment')!;
    const configMap = kube.find((o) => o.kind === 'ConfigMap')!;
    const pod = deployment.spec.template.spec;
    const envOf = (c: any, name: string) => c.env.find((e: any) => e.name === name)?.value;
    // The kubelet turns `$$` into `$` (lib/kubernetes/expansion.ts); none of the values has a `$`.
    const k: Record<string, string | undefined> = {
      'kubernetes env': envOf(pod.containers[0], 'V'),
      'kubernetes sidecar env': envOf(pod.containers[1], 'V'),
      'kubernetes config env': configMap.data?.CV,
      'kubernetes config file': configMap.data?.['f.txt'],
      'kubernetes args': pod.containers[0].args[1],
      'kubernetes annotation': deployment.spec.template.metadata.annotations['example.com/v'],
    };
    const r = dockerStackConfig(path.join(root, 'swarm', 's', 'compose.yaml'));
    if (r.status !== 0) return { ...k, 'swarm loader': `refused: ${r.stderr}` };
    const loaded = parse(r.stdout) as ComposeFile;
    const w = loaded.services.w;
    const configFile = fs.readdirSync(path.join(root, 'swarm', 's', 'configs')).find((f) => f.startsWith('cfg-f-txt-'))!;
    return {
      ...k,
      'swarm env': expandLikeSwarm(String(w.environment!.V)),
      'swarm sidecar env': expandLikeSwarm(String(loaded.services['w-side'].environment!.V)),
      'swarm config env': expandLikeSwarm(String(w.environment!.CV)),
      // Bytes, as docker stack deploy reads the file.
      'swarm config file': fs.readFileSync(path.join(root, 'swarm', 's', 'configs', configFile), 'latin1'),
      'swarm args': (w.command as string[])[1],
      'swarm annotation': w.deploy?.labels?.['example.com/v'],
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe.each(CHARACTERS)('%s', (_, ch) => {
  const value = `a${ch}b`;
  let refused: ValidationError | undefined;
  try {
    build(value).render();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    refused = e;
  }

  if (MUST_KEEP.has(ch)) {
    test('is ordinary text: never refused', () => expect(refused?.message).toBeUndefined());
  }

  if (refused) {
    test('synth refuses it in every place, naming the construct path and the field', () => {
      const named = refused!.problems.map((p) => `${p.path} ${p.field}`);
      expect(named.sort()).toEqual(PLACES.map((p) => FIELD[p].join(' ')).sort());
      for (const p of refused!.problems) expect(p.rule).toMatch(/^must not contain /);
    });
  } else {
    test('kubectl kustomize and docker stack config give back exactly the value in every place', () => {
      const expected: Record<string, string> = {};
      for (const place of PLACES) {
        expected[`kubernetes ${place}`] = value;
        expected[`swarm ${place}`] = place === 'config file' ? Buffer.from(value, 'utf8').toString('latin1') : value;
      }
      expect(readBack(build(value))).toEqual(expected);
    });
  }
});
