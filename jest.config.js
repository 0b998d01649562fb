/**
 * Two projects:
 * - unit: every test/**\/*.test.ts except the Swarm engine suite; fast, no engine.
 * - e2e:  test/e2e/**\/*.e2e.test.ts, on a real single-node Docker Swarm that the
 *         project's global set-up installs (when missing) and starts, and its global
 *         teardown stops (see docs/swarm-e2e.md). Keep it to one test file: the
 *         scenarios share the engine and must run one after the other.
 * `npm test` runs both; `npm run test:unit` and `npm run test:e2e` one each.
 * @type {import('jest').Config}
 */
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // The package resolves its own name, as the examples and the README import it (tsconfig `paths` for tsc and tsx).
  moduleNameMapper: { '^cdk8s-conductor$': '<rootDir>/lib/index.ts' },
};

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/support/global-teardown.ts',
    },
  ],
};
