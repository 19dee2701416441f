module.exports = {
  displayName: 'local-runner',
  preset: '../../jest.preset.cjs',
  testTimeout: 60_000,
};
