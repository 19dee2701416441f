// Not named jest.config.*: these suites drive real servers for minutes, so they are the project's
// `e2e` target (run one at a time after the unit tests), never an inferred `test` target.
module.exports = {
  displayName: 'resilience',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  // One suite at a time: they bind fixed loopback ports and measure timings.
  maxWorkers: 1,
  testTimeout: 120_000,
};
