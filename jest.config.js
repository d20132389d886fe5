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
  // openid-client and its two dependencies ship ES modules only; Jest (before Node 24.9) cannot
  // require them untransformed, so swc compiles them like the tests. The exchange itself loads them
  // through tsx or esbuild, which read ES modules as they are.
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  // d3-geo and d3-array (the exchange's maps, functions/geo) export ES modules only; Jest loads
  // the UMD builds they ship beside them, the same code.
  moduleNameMapper: { '^d3-geo$': '<rootDir>/node_modules/d3-geo/dist/d3-geo.js', '^d3-array$': '<rootDir>/node_modules/d3-array/dist/d3-array.js' },
  testTimeout: 30000,
};
