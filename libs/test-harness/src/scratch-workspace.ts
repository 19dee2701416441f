import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { workspaceRoot } from './workspace-paths';

/**
 * Copies this workspace's files as they are now (tracked and untracked, minus ignored ones) into a
 * new git repository with one commit, its node_modules a link to the real one: a workspace that
 * tests and benchmarks may change, commit to and run Nx in without touching the checkout.
 * Its git identity is set, so callers can commit. Remove it with `rmSync(root, { recursive: true })`.
 * @returns the copy's root folder
 */
export function copyWorkspaceToScratch(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), `${prefix}-`));
  try {
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: workspaceRoot, encoding: 'utf8' })
      .split('\0')
      // A node_modules link is not a folder to .gitignore's `node_modules/`: leave it out too.
      .filter((file) => file !== '' && file !== 'node_modules' && !file.startsWith('node_modules/'));
    for (const file of files) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      try {
        cpSync(join(workspaceRoot, file), join(root, file));
      } catch (error) {
        // A tracked file deleted in the working tree is simply not part of the copy.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '--quiet', '--initial-branch=main');
    git('config', 'user.email', 'scratch@example.com');
    git('config', 'user.name', 'scratch workspace');
    git('config', 'commit.gpgsign', 'false');
    // `node_modules/` in .gitignore matches folders only, not the link.
    writeFileSync(join(root, '.git/info/exclude'), 'node_modules\n');
    git('add', '--all');
    git('commit', '--quiet', '--message', 'copy of the workspace');
    return root;
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
