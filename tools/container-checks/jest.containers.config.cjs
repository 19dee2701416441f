// Not named jest.config.*: these suites build and run the real images with Docker or Podman, so they
// are the project's `e2e-containers` target (run after the unit tests), never an inferred `test` target.
module.exports = {
  displayName: 'containers',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/running-images/**/*.spec.ts'],
  // One suite at a time: each runs its own site of containers, and they measure timings.
  maxWorkers: 1,
  testTimeout: 120_000,
};
