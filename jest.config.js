/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Most suites wait on HTTP and the emulators rather than the CPU: two workers on a 2-core
  // machine roughly halve the run (Jest's default there is one, which runs everything in band).
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/jest.setup.ts'],
  globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic', importSource: 'hono/jsx' } } } },
    ],
  },
  testTimeout: 30000,
};
