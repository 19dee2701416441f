import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProjectGraph } from '@nx/devkit';
import { loadNxInternals, type NxInternals } from './nx-internals';
import { nxEnvironmentFor, realWorkspaceRoot } from './test-workspace';

// The contract with Nx's internal modules: if an Nx upgrade changes what they answer, this fails
// before the planner plans wrongly. A tiny workspace: an app whose code imports `lib` and whose
// spec imports `helper`.
const project = (name: string, targets: Record<string, unknown> = {}) => `${JSON.stringify({ name, targets })}\n`;
const workspaceFiles: Record<string, string> = {
  'package.json': '{ "name": "contract-test", "private": true }\n',
  'nx.json': `${JSON.stringify({
    namedInputs: {
      default: ['{projectRoot}/**/*', 'sharedGlobals'],
      sharedGlobals: ['{workspaceRoot}/tsconfig.base.json'],
      production: ['default', '!{projectRoot}/**/*.spec.ts'],
    },
    // As in the real nx.json: with @nx/js configured, Nx reads each file's imports.
    pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: 'auto' } },
  })}\n`,
  'tsconfig.base.json': `${JSON.stringify({
    compilerOptions: { baseUrl: '.', paths: { '@ws/lib': ['libs/lib/src/index.ts'], '@ws/helper': ['libs/helper/src/index.ts'] } },
  })}\n`,
  'apps/app/project.json': project('app', {
    build: { command: 'echo build', inputs: ['production', '^production'] },
    container: { command: 'echo image', dependsOn: ['build'], inputs: ['{projectRoot}/Dockerfile'] },
  }),
  'apps/app/Dockerfile': 'FROM scratch\n',
  'apps/app/src/main.ts': "import { value } from '@ws/lib';\nexport const main = value;\n",
  'apps/app/src/main.spec.ts': "import { helper } from '@ws/helper';\nexport const spec = helper;\n",
  'libs/lib/project.json': project('lib'),
  'libs/lib/src/index.ts': 'export const value = 1;\n',
  'libs/helper/project.json': project('helper'),
  'libs/helper/src/index.ts': 'export const helper = 2;\n',
};

describe('the Nx internals the planner relies on', () => {
  const originalCwd = process.cwd();
  const originalEnv = { ...process.env };
  let root: string;
  let graph: ProjectGraph;
  let internals: NxInternals;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'deploy-plan-nx-'));
    for (const [file, content] of Object.entries(workspaceFiles)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), content);
    }
    symlinkSync(join(realWorkspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    Object.assign(process.env, nxEnvironmentFor(root));
    process.chdir(root);
    const devkit = await import('@nx/devkit');
    graph = await devkit.createProjectGraphAsync({ exitOnError: false });
    internals = await loadNxInternals(graph, root);
  }, 120_000);

  afterAll(() => {
    process.chdir(originalCwd);
    process.env = originalEnv;
    rmSync(root, { recursive: true, force: true });
  });

  it("lists a task's production files and its graph dependencies' (specs' imports included), not specs", () => {
    const files = internals.taskInputFiles('app', 'build');
    expect(files).toEqual(
      expect.arrayContaining(['apps/app/src/main.ts', 'apps/app/Dockerfile', 'libs/lib/src/index.ts', 'libs/helper/src/index.ts', 'tsconfig.base.json']),
    );
    expect(files).not.toContain('apps/app/src/main.spec.ts');
  });

  it("lists only the image target's own inputs, not those of the build it depends on", () => {
    // Every task of a TypeScript project also hashes the root tsconfig and Nx's own files.
    expect(internals.taskInputFiles('app', 'container').sort()).toEqual(['apps/app/Dockerfile', 'nx.json', 'tsconfig.base.json']);
  });

  it('records which file imports which project', () => {
    const app = internals.projectFileImports().get('app');
    expect(app).toEqual(
      expect.arrayContaining([
        { file: 'apps/app/src/main.ts', imports: ['lib'] },
        { file: 'apps/app/src/main.spec.ts', imports: ['helper'] },
      ]),
    );
  });

  it("matches paths that no longer exist against a target's input patterns", () => {
    const patterns = internals.targetInputPatterns(graph.nodes['app']!, 'build');
    expect(patterns.own).toEqual(['{projectRoot}/**/*', '{workspaceRoot}/tsconfig.base.json', '!{projectRoot}/**/*.spec.ts']);
    expect(patterns.fromDependencies).toEqual(patterns.own);
    expect(internals.matchesInputPatterns('apps/app', 'apps/app/src/gone.ts', patterns.own)).toBe(true);
    expect(internals.matchesInputPatterns('apps/app', 'apps/app/src/gone.spec.ts', patterns.own)).toBe(false);
    expect(internals.matchesInputPatterns('apps/app', 'tsconfig.base.json', patterns.own)).toBe(true);
    expect(internals.matchesInputPatterns('apps/app', 'docs/gone.md', patterns.own)).toBe(false);
  });

  it('finds the project that owns a path, whether or not it exists', () => {
    expect(internals.projectOwning('libs/lib/src/gone.ts')).toBe('lib');
    expect(internals.projectOwning('docs/gone.md')).toBeUndefined();
  });
});
