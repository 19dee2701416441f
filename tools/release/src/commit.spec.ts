import { execFileSync } from 'node:child_process';
import { UsageError } from './cli-args';
import { resolveCommit } from './commit';

describe('resolveCommit', () => {
  it('resolves what git resolves in this checkout to a full SHA, and takes a full SHA as it is', async () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    await expect(resolveCommit('HEAD')).resolves.toBe(head);
    await expect(resolveCommit(head.slice(0, 10))).resolves.toBe(head);
    const elsewhere = 'ffffffffffffffffffffffffffffffffffffffff';
    await expect(resolveCommit(elsewhere)).resolves.toBe(elsewhere);
  });

  it('refuses what git does not know', async () => {
    await expect(resolveCommit('no-such-branch-anywhere')).rejects.toThrow(UsageError);
    await expect(resolveCommit('HEAD~100000')).rejects.toThrow('"HEAD~100000" is not a commit of this repository');
  });
});
