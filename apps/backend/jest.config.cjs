module.exports = {
  displayName: 'backend',
  preset: '../../jest.preset.cjs',
  // Jest defaults to one worker on two cores; the 5,000-todo bulk suite alone would then hold up the rest.
  maxWorkers: 2,
};
