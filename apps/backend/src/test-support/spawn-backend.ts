import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The backend's real entry point, run by tsx from source as `node` would run the bundle. */
export function spawnBackend(env: Record<string, string>): ChildProcess {
  const projectRoot = resolve(__dirname, '../..');
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    // Only what the test gives, plus PATH: no TODOTABLE_NAME or AWS settings leak in from outside.
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a stream's text as it arrives. */
export function collect(stream: NodeJS.ReadableStream | null): { text: () => string } {
  let text = '';
  stream?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { text: () => text };
}

/** Resolves with the exit code once the process has exited and its output has been read to the end. */
export function exited(child: ChildProcess): Promise<number | null> {
  const streamsOpen = [child.stdout, child.stderr].some((stream) => stream && !stream.destroyed);
  if (child.exitCode !== null && !streamsOpen) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}
