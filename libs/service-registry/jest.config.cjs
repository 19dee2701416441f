module.exports = {
  displayName: 'service-registry',
  preset: '../../jest.preset.cjs',
};
