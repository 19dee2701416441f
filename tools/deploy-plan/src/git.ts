import { spawnSync } from 'node:child_process';
import { PlanError } from './plan-error';

const fetchFullHistory =
  'Fetch the full history: in GitHub Actions use actions/checkout with "fetch-depth: 0"; ' +
  'locally run "git fetch --unshallow".';

function git(cwd: string, args: readonly string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new PlanError(`Cannot run git: ${result.error.message}`);
  }
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.trim() };
}

function isShallow(cwd: string): boolean {
  return git(cwd, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
}

/**
 * Git's empty tree (`git hash-object -t tree /dev/null`). As a base it means "never deployed":
 * every file counts as changed.
 */
export const emptyTreeSha = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/**
 * Resolves a ref to its full commit SHA (the empty tree stays itself); `role` names the flag it
 * came from, for the message.
 */
export function resolveCommit(cwd: string, ref: string, role: string): string {
  // A ref starting with "-" would be read by git as an option.
  if (ref.startsWith('-')) {
    throw new PlanError(`${role}: "${ref}" is not a git ref.`);
  }
  if (ref === emptyTreeSha) {
    return emptyTreeSha;
  }
  const result = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (result.ok) {
    return result.stdout.trim();
  }
  if (!git(cwd, ['rev-parse', '--git-dir']).ok) {
    throw new PlanError(`Not inside a git repository: ${cwd}`);
  }
  if (isShallow(cwd)) {
    throw new PlanError(
      `${role}: commit "${ref}" is not in this clone, which is shallow. ${fetchFullHistory}`,
    );
  }
  throw new PlanError(`${role}: unknown git ref "${ref}".`);
}

/** A file that differs between two commits. */
export interface ChangedFile {
  /** Path from the workspace root. */
  file: string;
  /** Deleted at head (it exists only at the base). */
  deleted: boolean;
}

/** Where a change from `base` to `head` starts: their merge base (the empty tree stays itself). */
export function mergeBase(cwd: string, base: string, head: string): string {
  if (base === emptyTreeSha) return base;
  const found = git(cwd, ['merge-base', base, head]);
  if (!found.ok) {
    const hint = isShallow(cwd) ? ` The clone is shallow. ${fetchFullHistory}` : '';
    throw new PlanError(`No common ancestor between ${base} and ${head}.${hint}`);
  }
  return found.stdout.trim();
}

/**
 * Files changed between `from` and `head`, relative to `cwd` (the Nx workspace root). Renames
 * are listed as a deletion plus an addition, so a file moved between projects counts for both.
 */
export function changedFiles(cwd: string, from: string, head: string): ChangedFile[] {
  const diff = git(cwd, ['diff', '--name-status', '--no-renames', '--relative', '-z', from, head]);
  if (!diff.ok) {
    throw new Error(`git diff failed: ${diff.stderr}`);
  }
  // -z gives status and path as separate fields: "M\0path\0D\0other\0".
  const fields = diff.stdout.split('\0');
  const changes: ChangedFile[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const [status, file] = [fields[index], fields[index + 1]];
    if (file) changes.push({ file, deleted: status === 'D' });
  }
  return changes;
}

/** A file's content at a commit, or undefined when it does not exist there (the empty tree has nothing). */
export function fileAt(cwd: string, commit: string, file: string): string | undefined {
  if (commit === emptyTreeSha) return undefined;
  const shown = git(cwd, ['show', `${commit}:./${file}`]);
  return shown.ok ? shown.stdout : undefined;
}
