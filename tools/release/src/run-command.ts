import { UsageError } from './cli-args';

/**
 * Runs a command's body: a bad argument is one line and exit 2, an AWS or pipeline failure one line
 * and exit 1 (the SDK's message names the cause, e.g. missing credentials), success exit 0.
 */
export async function runCommand(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const message = (error as Error).message?.split('\n')[0] || String(error);
    process.stderr.write(`${name}: ${message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
