module.exports = {
  displayName: 'container-checks',
  preset: '../../jest.preset.cjs',
};
