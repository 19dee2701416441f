// The `e2e` target: the generator end to end in a scratch copy of the workspace (one file, about 4 minutes).
// Nothing to build first: it runs the generated service's own targets in the copy. The project's implicit
// dependencies (project.json) make it affected by every project it exercises.
module.exports = {
  displayName: 'platform-integration',
  preset: '../../jest.preset.cjs',
  testMatch: ['<rootDir>/src/**/*.integration.spec.ts'],
  testTimeout: 300_000,
};
