import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { workspaceRoot } from '@todo/test-harness';
import { changedFiles, generatedWorkspaceFiles } from './generated-workspace';

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
export function createScratchWorkspace(libraries: number, change: 'one' | 'every' = 'one'): ScratchWorkspace {
  const root = mkdtempSync(join(tmpdir(), `bench-planner-${libraries}-`));
  const files = generatedWorkspaceFiles(libraries, readFileSync(join(workspaceRoot, 'nx.json'), 'utf8'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '--quiet', '--initial-branch=main');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'add', '--all');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'generated workspace');
  for (const file of changedFiles(libraries, change)) appendFileSync(join(root, file), '// changed\n');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-am', `change ${change} project`);
  return {
    root,
    projects: Object.keys(files).filter((file) => file.endsWith('project.json')).length,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
