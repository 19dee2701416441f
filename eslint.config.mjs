import nx from '@nx/eslint-plugin';

/**
 * Apps import libs, never each other; `type:test-lib` (the test harness, which starts dynalite,
 * nginx and processes) is for suites, tools and test code, never a service's production code;
 * `type:platform-lib` (the service registry) is for the infra, the tools and the test harness: a
 * service importing it would ship whenever any service is added or resized.
 */
function moduleBoundaries({ testCode }) {
  const forServices = testCode ? ['type:lib', 'type:test-lib'] : ['type:lib'];
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: [],
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: forServices },
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:platform-lib', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:test-lib', onlyDependOnLibsWithTags: ['type:lib', 'type:platform-lib'] },
        { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:lib', 'type:platform-lib'] },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:test-lib', 'type:platform-lib'] },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:test-lib'] },
        { sourceTag: 'scope:frontend', onlyDependOnLibsWithTags: ['scope:frontend', 'scope:shared'] },
        { sourceTag: 'scope:backend', onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'] },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/cdk.out', '**/.data', '**/test-results', '**/*.cjs'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testCode: false }) },
  },
  {
    // Test code inside a service (specs, their support folder, smoke tests) may use the test harness.
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.smoke.ts', '**/test-support/**', '**/testing/**'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testCode: true }) },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
