// The `e2e` target: the generator end to end in a scratch copy of the workspace (one file, minutes).
module.exports = {
  displayName: 'platform-integration',
  preset: '../../jest.preset.cjs',
  testMatch: ['<rootDir>/src/**/*.integration.spec.ts'],
  testTimeout: 300_000,
};
