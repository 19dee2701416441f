module.exports = {
  displayName: 'test-harness',
  preset: '../../jest.preset.cjs',
};
