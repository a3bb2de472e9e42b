/** Unit specs sit beside the code (*.spec.ts); integration and end-to-end suites live in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/projections', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj|cj)sx?$': '<rootDir>/test/support/jest-transformer.js' },
  // ESM-only packages must be compiled too (see the transformer); CommonJS ones pass through untouched.
  transformIgnorePatterns: [],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  maxWorkers: 2,
};
