import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Playwright reads a fixture's dependencies from its first parameter: `{}` means "none".
    files: ['src/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
];
