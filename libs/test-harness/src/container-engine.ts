import { execFile, execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository's scripts for images: the engine choice, the image builds, the base stand-ins. */
const containerScripts = resolve(__dirname, '../../../tools/containers');

let chosen: string | undefined;

/**
 * The container engine (`docker` or `podman`), chosen once by `tools/containers/engine.sh`: the one
 * place that decides, for the `container` targets, the tools and the tests alike. Throws its one-line
 * reason when there is none.
 */
export function containerEngine(): string {
  if (chosen === undefined) {
    try {
      chosen = execFileSync('bash', [resolve(containerScripts, 'engine.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch (error) {
      throw new Error(String((error as { stderr?: string }).stderr ?? error).trim());
    }
  }
  return chosen;
}

/** Runs the engine with `args` and returns its trimmed stdout (and stderr if asked); the error carries its stderr. */
export async function engine(args: string[], options: { timeoutMs?: number; withStderr?: boolean } = {}): Promise<string> {
  try {
    const { stdout, stderr } = await run(containerEngine(), args, { maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 120_000 });
    return (options.withStderr ? stdout + stderr : stdout).trim();
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new Error(`${containerEngine()} ${args.slice(0, 2).join(' ')} failed: ${(failure.stderr || failure.message).trim()}`);
  }
}
