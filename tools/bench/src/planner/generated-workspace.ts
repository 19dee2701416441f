import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { workspaceRoot } from '@todo/test-harness';

/**
 * The files of a generated Nx workspace with `libraries` libraries in a dependency chain
 * (lib-0 <- lib-1 <- ... <- the services), two services with a `container` target and one infra
 * project: the shapes the deploy planner looks for, at any size.
 * @param nxJson the real workspace's nx.json, so the same plugins infer the same kinds of targets
 */
export function generatedWorkspaceFiles(libraries: number, nxJson: string): Record<string, string> {
  const lib = (index: number) => `lib-${index}`;
  const paths = Array.from({ length: libraries }, (_, index) => [`@generated/${lib(index)}`, [`libs/${lib(index)}/src/index.ts`]]);
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify({ name: '@generated/source', version: '0.0.0', private: true }, null, 2)}\n`,
    'nx.json': nxJson,
    'tsconfig.base.json': `${JSON.stringify({ compilerOptions: { baseUrl: '.', paths: Object.fromEntries(paths) } }, null, 2)}\n`,
    '.gitignore': 'node_modules\n.nx/\n',
  };
  const project = (root: string, name: string, tags: string[], targets: Record<string, unknown>, imports: string[]) => {
    files[`${root}/project.json`] = `${JSON.stringify({ name, sourceRoot: `${root}/src`, tags, targets }, null, 2)}\n`;
    files[`${root}/src/index.ts`] =
      imports.map((from, index) => `import { value as value${index} } from '${from}';\n`).join('') +
      `export const value = ${imports.length ? imports.map((_, index) => `value${index}`).join(' + ') : '1'};\n`;
    files[`${root}/jest.config.cjs`] = `module.exports = { displayName: '${name}', testEnvironment: 'node' };\n`;
    files[`${root}/eslint.config.mjs`] = 'export default [];\n';
  };
  for (let index = 0; index < libraries; index++) {
    project(`libs/${lib(index)}`, lib(index), ['type:lib'], {}, index === 0 ? [] : [`@generated/${lib(index - 1)}`]);
  }
  const top = libraries ? [`@generated/${lib(libraries - 1)}`] : [];
  // The planner reads what ships from a service's build and container targets, and infra's synth.
  const service = {
    build: { command: 'echo build' },
    container: { command: 'echo build the image', dependsOn: ['build'], inputs: ['{projectRoot}/Dockerfile'] },
  };
  project('apps/backend', 'backend', ['type:app'], service, top);
  project('apps/frontend', 'frontend', ['type:app'], service, top);
  project('infra', 'infra', ['type:infra'], { synth: { command: 'echo synth', inputs: ['production', '^production'] } }, []);
  return files;
}

/**
 * The files the second commit changes. `one`: the bottom of the chain, so every project is
 * affected by one file. `every`: each project's source, as a sweeping refactor would.
 */
export function changedFiles(libraries: number, change: 'one' | 'every'): string[] {
  if (change === 'every') {
    return [...Array.from({ length: libraries }, (_, index) => `libs/lib-${index}/src/index.ts`), 'apps/backend/src/index.ts', 'apps/frontend/src/index.ts'];
  }
  return [libraries ? 'libs/lib-0/src/index.ts' : 'apps/backend/src/index.ts'];
}

export interface ScratchWorkspace {
  root: string;
  /** Projects the workspace holds. */
  projects: number;
  remove(): void;
}

/**
 * Writes a generated workspace into a new git repository with two commits, the second changing
 * one library or every project, so `--base HEAD~1` has something to plan. node_modules links to this repository's.
 */
export function createScratchWorkspace(libraries: number, change: 'one' | 'every'): ScratchWorkspace {
  const root = mkdtempSync(join(tmpdir(), `bench-planner-${libraries}-`));
  const files = generatedWorkspaceFiles(libraries, readFileSync(join(workspaceRoot, 'nx.json'), 'utf8'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const commit = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'pipe' });
  commit('init', '--quiet', '--initial-branch=main');
  commit('add', '--all');
  commit('commit', '--quiet', '-m', 'generated workspace');
  for (const file of changedFiles(libraries, change)) appendFileSync(join(root, file), '// changed\n');
  commit('commit', '--quiet', '-am', `change ${change} project`);
  return { root, projects: Object.keys(files).filter((file) => file.endsWith('project.json')).length, remove: () => rmSync(root, { recursive: true, force: true }) };
}
