import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

/** A child process this bench started and must stop. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>;
  /** The last lines it wrote to stderr (and stdout when piped), for error messages. */
  recentOutput(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const KEPT_OUTPUT_CHARS = 4000;

/**
 * Starts `command`. `stdout: 'ignore'` sends stdout to /dev/null, so a chatty server (request logs)
 * costs only its own CPU, not this process's.
 */
export function startChild(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdout?: 'pipe' | 'ignore' },
): Child {
  const stdio: StdioOptions = ['ignore', options.stdout ?? 'pipe', 'pipe'];
  const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    pid: child.pid,
    process: child,
    exited,
    recentOutput: () => output,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the first stdout line matching `pattern` (its match), or rejects when the child exits first. */
export function waitForLine(child: Child, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const stdout = child.process.stdout;
  if (!stdout) throw new Error(`${child.name}: stdout is not piped`);
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => finish(new Error(`${child.name}: no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = buffered.match(pattern);
      if (match) finish(undefined, match);
    };
    const onExit = () => finish(new Error(`${child.name} exited before announcing itself:\n${child.recentOutput()}`));
    function finish(error?: Error, match?: RegExpMatchArray) {
      clearTimeout(timer);
      stdout?.off('data', onData);
      child.process.off('exit', onExit);
      if (error) reject(error);
      else resolve(match as RegExpMatchArray);
    }
    stdout.on('data', onData);
    child.process.once('exit', onExit);
  });
}

/** Polls `url` every `intervalMs` until it answers 200; rejects when `child` exits or time runs out. */
export async function waitForOk(url: string, child: Child, { timeoutMs = 30_000, intervalMs = 100 } = {}): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (performance.now() < deadline) {
    if (exited) throw new Error(`${child.name} exited before ${url} answered:\n${child.recentOutput()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${child.recentOutput()}`);
}
