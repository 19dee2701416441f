import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The real workspace this planner belongs to. */
export const realWorkspaceRoot = resolve(__dirname, '../../..');

/**
 * Environment that keeps Nx on the copy: no daemon, and its cache and workspace data inside the
 * copy, even when the tests themselves run under an Nx task that set these for the real workspace.
 */
export function nxEnvironmentFor(root: string): Record<string, string> {
  return {
    NX_DAEMON: 'false',
    NX_WORKSPACE_ROOT_PATH: root,
    NX_CACHE_DIRECTORY: join(root, '.nx/cache'),
    NX_WORKSPACE_DATA_DIRECTORY: join(root, '.nx/workspace-data'),
  };
}

/** New content, a function of the old content, or null to delete the file. */
export type FileEdit = string | ((old: string) => string) | null;

/** A throwaway git repository holding a copy of the real workspace, for planner tests. */
export interface TestWorkspace {
  root: string;
  /** Runs git in the copy and returns its trimmed stdout. */
  git(...args: string[]): string;
  /**
   * Applies `edits` (path -> new content, or a function of the old content, or null to delete
   * the file), commits them, and returns the new commit's SHA.
   */
  commit(message: string, edits: Record<string, FileEdit>): string;
  /** A file's content in the copy now. */
  read(file: string): string;
  /** The first source file under `folder` (sorted), so tests edit real files whatever they are named. */
  firstSourceFile(folder: string): string;
  /** The first spec file under `folder` (sorted). */
  firstSpecFile(folder: string): string;
  remove(): void;
}

/**
 * Copies the workspace's files as they are now (tracked and untracked, minus ignored ones) into a
 * new git repository whose node_modules is a link to the real one. Nx writes its cache and
 * workspace data inside the copy.
 */
export function createTestWorkspace(): TestWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'deploy-plan-'));
  try {
    return fillTestWorkspace(root);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

function fillTestWorkspace(root: string): TestWorkspace {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: realWorkspaceRoot,
    encoding: 'utf8',
  })
    .split('\0')
    // A node_modules link is not a folder to .gitignore's `node_modules/`: leave it out too.
    .filter((file) => file !== '' && file !== 'node_modules');
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    try {
      cpSync(join(realWorkspaceRoot, file), join(root, file));
    } catch (error) {
      // A tracked file deleted in the working tree is simply not part of the copy.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(join(realWorkspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');

  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.email', 'planner-test@example.com');
  git('config', 'user.name', 'planner test');
  git('config', 'commit.gpgsign', 'false');
  // `node_modules/` in .gitignore matches folders only, not the link.
  writeFileSync(join(root, '.git/info/exclude'), 'node_modules\n');
  git('add', '--all');
  git('commit', '--quiet', '--message', 'copy of the workspace');

  return {
    root,
    git,
    commit(message, edits) {
      for (const [file, edit] of Object.entries(edits)) {
        const path = join(root, file);
        if (edit === null) {
          rmSync(path);
          continue;
        }
        mkdirSync(dirname(path), { recursive: true });
        const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
        writeFileSync(path, typeof edit === 'function' ? edit(old) : edit);
      }
      git('add', '--all');
      git('commit', '--quiet', '--message', message);
      return git('rev-parse', 'HEAD');
    },
    read: (file) => readFileSync(join(root, file), 'utf8'),
    firstSourceFile: (folder) => firstFile(root, folder, (file) => /\.tsx?$/.test(file) && !/\.(spec|test)\.tsx?$/.test(file)),
    firstSpecFile: (folder) => firstFile(root, folder, (file) => /\.spec\.tsx?$/.test(file)),
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function firstFile(root: string, folder: string, wanted: (file: string) => boolean): string {
  const found = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).filter(wanted).sort();
  if (!found[0]) throw new Error(`no such file under ${folder}`);
  return `${folder}/${found[0]}`;
}
