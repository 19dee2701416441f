module.exports = {
  displayName: 'container-checks',
  preset: '../../jest.preset.cjs',
  // These tests start real processes (Nx, git, node, nginx); the whole suite runs in parallel on two cores.
  testTimeout: 60_000,
};
