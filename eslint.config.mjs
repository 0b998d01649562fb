// ESLint (flat config): TypeScript rules on lib/, apps/, bench/, bin/ and test/; `npm run lint`, run first by `npm test`.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'dist/', 'docs/', 'scratch/', 'coverage/', 'apps/.readme-quickstart-*/', 'test/docs/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { '@stylistic': stylistic },
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: {
      '@stylistic/max-len': ['error', { code: 150, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: '^import |^\\s*//' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The library reads loose input (props from JavaScript callers, YAML) on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      // A kind's props interface that adds nothing yet (DaemonWorkloadProps extends LongRunningProps) still names the kind's props in the API.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // The CLI loads each command's module on first use (require), so that a usage error or
    // `--help` starts in milliseconds (test/cli/startup.test.ts); the target registry loads each renderer
    // (and cdk8s) only when a target is used, with require: tsx's CommonJS hook does not see dynamic imports.
    files: ['lib/cli/main.ts', 'lib/cli/load-app.ts', 'lib/targets.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The Compose schemas' validator is loaded on first use (only an import needs ajv and the 75 kB spec schema):
    // a static import would load both on every synth. Only these modules may be required there.
    files: ['lib/compose/schema.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['^ajv$', '^ajv-draft-04$', '^\\./compose-spec\\.json$'] }] },
  },
  {
    // Tests and tools: assertions on any-typed parsed YAML, and CommonJS helpers.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'bin/**/*.js', 'tools/**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
