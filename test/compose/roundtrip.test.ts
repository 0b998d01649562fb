import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App, ComposeStack, formatNote } from '../../lib';
import { loadComposeFile } from '../../lib/compose/loader';
import { composeSchemaErrors } from '../support/compose-schema';
import { dockerStackConfig } from '../support/docker';
import { kubeSchema } from '../support/kube-schema';
import { composeDeployErrors } from '../support/oracle';
import { KubeObject, readTree } from '../support/synth';
import { normalizePair } from './normalize';
import { conductor, FIXTURE_ENV, fixtureFile, fixtureNames, noteLines, projectDir } from './support';

/**
 * The round trip of every Compose file of the corpus (test/compose/fixtures):
 *
 * 1. `conductor import` (the real CLI) writes TypeScript, printing the notes;
 * 2. `conductor synth` runs that TypeScript: its output is byte for byte what
 *    ComposeStack.fromFile renders in process (the two paths agree);
 * 3. the notes are the reviewed ones in the fixture's notes.txt;
 * 4. every Kubernetes object validates strictly against the 1.27 schemas, and
 *    the stack file passes the Compose v3.13 schema and the deploy checks;
 * 5. `docker stack config` of the input and of the Swarm output are equal
 *    after normalisation (normalize.ts, documented in docs/compose-import.md).
 *
 * UPDATE_NOTES=1 rewrites notes.txt (then review the diff).
 */
const names = fixtureNames();

test('the corpus has at least 15 compose files', () => {
  expect(names.length).toBeGreaterThanOrEqual(15);
});

describe.each(names)('%s', (name) => {
  test('imports, synthesizes, validates, and round-trips through docker stack config', () => {
    const file = fixtureFile(name);
    const dir = projectDir();
    try {
      // 1. The CLI writes the app; the stack name comes from the directory.
      const appFile = path.join(dir, 'apps', `${name}.ts`);
      const imported = conductor(['import', file, '--out', appFile, '--use-env'], { cwd: dir });
      expect({ status: imported.status, stderr: imported.stderr.split('\n').filter((l) => l && !l.startsWith('note: ')) }).toEqual({
        status: 0,
        stderr: [],
      });
      expect(imported.stdout).toContain(`as stack ${name}:`);

      // 2. In process, and the generated app through the CLI: the same files.
      const app = new App();
      const stack = ComposeStack.fromFile(app, name, file, { environment: FIXTURE_ENV });
      const notes = stack.notes.map(formatNote);
      expect(noteLines(imported.stderr)).toEqual(notes);
      const source = fs.readFileSync(appFile, 'utf8');
      for (const n of stack.notes) expect(source.replace(/\n\/\/\s+/g, ' ')).toContain(formatNote(n).replace(/\s+/g, ' '));
      const out = path.join(dir, 'dist');
      const synth = conductor(['synth', '--app', appFile, '--out', out], { cwd: dir });
      expect({ status: synth.status, stderr: synth.stderr.split('\n').filter((l) => l && !/^(warning|SECURITY RISK): /.test(l)) }).toEqual({
        status: 0,
        stderr: [],
      });
      const rendered = app.render().files;
      const written = new Map([...readTree(out)].map(([k, v]) => [k, v.toString()]));
      written.delete('.conductor-output');
      expect([...written.keys()].sort()).toEqual([...rendered.keys()].sort());
      for (const [f, text] of rendered) expect({ f, text: written.get(f) }).toEqual({ f, text });

      // 3. The notes, as reviewed.
      const golden = path.join(path.dirname(file), 'notes.txt');
      const text = notes.map((n) => `${n}\n`).join('');
      if (process.env.UPDATE_NOTES) fs.writeFileSync(golden, text);
      expect(text).toEqual(fs.existsSync(golden) ? fs.readFileSync(golden, 'utf8') : '(no notes.txt)');

      // 4. The oracles.
      const kube = parseAllDocuments(rendered.get(`kubernetes/${name}/${name}.k8s.yaml`)!).map((d) => d.toJSON() as KubeObject);
      expect(kube.flatMap((o) => kubeSchema().validate(o))).toEqual([]);
      const composeOut = parse(rendered.get(`swarm/${name}/compose.yaml`)!);
      expect([...composeSchemaErrors(composeOut), ...composeDeployErrors(composeOut)]).toEqual([]);

      // 5. docker stack config of both, normalised.
      const before = dockerStackConfig(file, FIXTURE_ENV);
      const after = dockerStackConfig(path.join(out, 'swarm', name, 'compose.yaml'), FIXTURE_ENV);
      expect({ status: after.status, stderr: after.stderr }).toEqual({ status: 0, stderr: '' });
      expect(before.status).toBe(0);
      const facts = {
        stackName: name,
        services: Object.fromEntries(Object.entries(stack.services).map(([k, w]) => [k, w.name])),
        secrets: Object.fromEntries(Object.entries(stack.secrets).map(([k, s]) => [k, s.name])),
        volumes: Object.fromEntries(Object.entries(stack.volumes).map(([k, v]) => [k, v.name])),
        networks: Object.fromEntries([...Object.entries(stack.networks).map(([k, n]) => [k, n.name])]),
        notes: stack.notes,
        raw: loadComposeFile(file, { environment: FIXTURE_ENV }).doc,
      };
      const { input, output, unplaced } = normalizePair(parse(before.stdout), parse(after.stdout), facts);
      expect(unplaced.map(formatNote)).toEqual([]);
      expect(output).toEqual(input);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
