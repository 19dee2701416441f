module.exports = {
  displayName: 'platform',
  preset: '../../jest.preset.cjs',
  // The integration spec copies the workspace and runs Nx, jest, esbuild and the CDK in it.
  testPathIgnorePatterns: ['/node_modules/', '\\.integration\\.spec\\.ts$'],
};
