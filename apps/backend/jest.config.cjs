module.exports = {
  displayName: 'backend',
  preset: '../../jest.preset.cjs',
};
