// The `smoke` target: the built bundle, run alone from an empty folder (see src/bundle.smoke.ts).
module.exports = {
  displayName: 'backend-smoke',
  preset: '../../jest.preset.cjs',
  testMatch: ['<rootDir>/src/**/*.smoke.ts'],
};
