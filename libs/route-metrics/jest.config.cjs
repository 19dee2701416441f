module.exports = {
  displayName: 'route-metrics',
  preset: '../../jest.preset.cjs',
};
