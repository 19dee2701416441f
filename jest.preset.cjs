// Shared jest settings: SWC transpiles TypeScript (type checking is the typecheck target's job).
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./tools/jest/paths.cjs');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
  },
  // ESM-only packages jest cannot require without --experimental-vm-modules: SWC compiles them too.
  transformIgnorePatterns: ['/node_modules/(?!(p-map)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  reporters: ['default', path.join(__dirname, 'tools/test-summary/jest-reporter.cjs')],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
};
