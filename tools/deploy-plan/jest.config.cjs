module.exports = {
  displayName: 'deploy-plan',
  preset: '../../jest.preset.cjs',
};
