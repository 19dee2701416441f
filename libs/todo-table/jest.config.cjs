module.exports = {
  displayName: 'todo-table',
  preset: '../../jest.preset.cjs',
};
