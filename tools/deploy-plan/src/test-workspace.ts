import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { copyWorkspaceToScratch } from '@todo/test-harness';

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

/** A scratch copy of the workspace (see `copyWorkspaceToScratch`); Nx writes its cache and workspace data inside it. */
export function createTestWorkspace(): TestWorkspace {
  const root = copyWorkspaceToScratch('deploy-plan');
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

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
