/*
 * lib/synth/yaml.ts prints YAML without building yaml's node tree (for
 * speed), and must print exactly what `stringify` of the `yaml` package
 * prints with the same options, byte for byte, or leave the document to it.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { App } from '../../lib';
import { defineExamples } from '../../apps';
import { renderKubernetesStack } from '../../lib/kubernetes/chart';
import { renderSwarmStack } from '../../lib/swarm/stack';
import { toYaml, toYamlDocuments, YAML_OPTIONS } from '../../lib/synth/yaml';

const reference = (v: unknown) => stringify(v, YAML_OPTIONS);

/** Characters that matter to YAML: indicators, quotes, spaces, line breaks, escapes. */
const TRICKY = [
  'a', 'b', 'y', 'n', 'Y', 'N', 'o', 'O', 'e', 'E', 'x', '0', '1', '7', '9', '_', '.', '/', '-', '+', ':', '#', ' ', '  ', '\t', '\n', '\n\n',
  '\r', "'", '"', '\\', '{', '}', '[', ']', ',', '|', '>', '%', '@', '`', '!', '&', '*', '?', '~', '<<', '---', '...', 'é',
  '\u0000', '\u0085', '\u2028', '\ufeff',
];
const WORDS = [
  'y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'true', 'True', 'TRUE', 'false', 'False',
  'FALSE', 'null', 'Null', 'NULL', '~', '', '0', '-0', '0.5', '.5', '.', '1e3', '0x1F', '0b101', '0o17', '017', '1_000', '12:30', '190:20:30',
  'e5', 'E0', 'e10', 'e-0', 'E-12', 'e1x', 'E_1', 'e.5', 'x1e5', '2001-12-14',
  '2001-12-14t21:59:43.10-05:00', '.inf', '-.Inf', '.nan', '<<', '=', '-', '?',
  'a: b', 'a #b', '#a', '- a', 'key:', 'x:1',
  '10001:10001', 'ghcr.io/acme/api:1.4.2', '/run/secrets/db', './configs/a-b-1.conf', './', './/', './.', './..', './e5', './-', '../x', 'http://127.0.0.1:8080/healthz', '${VAR}', '$$(VAR)', '%YAML', '--- x',
  'line one\nline two', 'trailing\n', 'two trailing\n\n', '\nleading', ' leading space', 'trailing space ', 'ends with tab\t',
  'a\n  indented\n\nafter blank\n', 'x'.repeat(300), `${'long '.repeat(60)}\n${'line '.repeat(60)}\n`, 'k'.repeat(1100),
];

const trickyString = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.array(fc.constantFrom(...TRICKY), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 20 }),
  fc.stringMatching(/^(?:[A-Za-z_/.]|\.\/)[A-Za-z0-9_./-]{0,12}$/),
);

const scalar = fc.oneof(
  trickyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, 0.1, -1.5, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity),
  fc.boolean(),
  fc.constant(null),
);

const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 4 }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(trickyString, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 4 }),
}));

describe('fast YAML printing is byte-identical to yaml.stringify', () => {
  test('every document of the example apps', () => {
    const app = defineExamples(new App());
    const docs = app.stacks.flatMap((s) => [...renderKubernetesStack(s), renderSwarmStack(s).compose as unknown]);
    expect(docs.length).toBeGreaterThan(20);
    for (const d of docs) expect(toYaml(d)).toBe(reference(d));
    expect(toYamlDocuments(docs)).toBe(docs.map(reference).join('---\n'));
  });

  test('generated documents: nested maps and sequences of awkward keys and scalars', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(value, { maxLength: 4 }), fc.dictionary(trickyString, value, { maxKeys: 6 })), (doc) => {
        expect(toYaml(doc)).toBe(reference(doc));
      }),
      { numRuns: 5000 },
    );
  });

  test('each awkward string as a key and as a value at several depths', () => {
    for (const s of [...WORDS, ...TRICKY]) {
      const docs = [{ [s]: s }, { a: { b: [s, [s], { [s]: [s] }] } }, [[s], { k: { [s]: { [s]: s } } }], { list: [{ [s]: s, v: s }] }];
      for (const d of docs) expect(toYaml(d)).toBe(reference(d));
    }
  });

  test('an object used twice is written out twice, never as an anchor and alias', () => {
    const shared = { order: 'start-first', parallelism: 1 };
    const text = toYaml({ update_config: shared, rollback_config: shared, list: [shared, shared] });
    expect(text).not.toMatch(/[&*]a\d/);
    expect(parse(text)).toEqual({ update_config: shared, rollback_config: shared, list: [shared, shared] });
  });

  test('what it does not print itself is left to yaml: aliases, class instances, toJSON, holes, -0', () => {
    const shared = { a: 1 };
    const sharedList: unknown[] = [];
    class Thing {
      public readonly x = 1;
    }
    const docs: unknown[] = [
      { one: shared, two: shared },
      { one: sharedList, two: [sharedList] },
      { when: new Date(0) },
      { thing: new Thing() },
      { custom: { toJSON: () => 'replaced' } },
      { list: [1, undefined, 3] },
      // eslint-disable-next-line no-sparse-arrays
      { list: [1, , 3] },
      { zero: -0 },
      { big: 10n },
      { set: new Set([1]) },
      { map: new Map([['a', 1]]) },
      'a top-level string',
      42,
      null,
      [],
      {},
      { nested: {}, empty: [], absent: undefined },
    ];
    for (const d of docs) expect(toYaml(d)).toBe(reference(d));
  });
});
