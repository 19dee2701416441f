module.exports = {
  displayName: 'container-checks',
  preset: '../../jest.preset.cjs',
  // The suites that run the images need a container engine: they are the e2e-containers target.
  testPathIgnorePatterns: ['/src/running-images/'],
};
