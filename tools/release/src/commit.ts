import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from './cli-args';

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * The full SHA an image is tagged with. A full SHA is taken as it is (its image may come from a clone
 * other than this one); anything else is resolved by git in this checkout.
 */
export async function resolveCommit(commit: string, cwd = process.cwd()): Promise<string> {
  if (FULL_SHA.test(commit)) return commit;
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', '--verify', '--quiet', `${commit}^{commit}`], { cwd });
    const sha = stdout.trim();
    if (FULL_SHA.test(sha)) return sha;
  } catch {
    // fall through: git knows no such commit
  }
  throw new UsageError(`"${commit}" is not a commit of this repository`);
}
