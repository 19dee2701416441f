import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningChild {
  readonly child: ChildProcess;
  /** Settles once the process has exited. */
  readonly exited: Promise<ChildExit>;
  /** The end of what the process wrote to stdout and stderr, for error messages. */
  output(): string;
  /** Sends `signal`, then SIGKILL to its whole group after `graceMs`; resolves with how it exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<ChildExit>;
}

/** How much output to keep: enough for the last errors, bounded for long runs. */
const OUTPUT_LIMIT = 256 * 1024;

export interface StartChildOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /**
   * Send stdout and stderr to this file instead of pipes. Node's pipes are sockets, which a program
   * cannot open by name: nginx's `access_log /dev/stdout` needs a file (or a real pipe) there.
   */
  logFile?: string;
  /**
   * `ignore` sends stdout to /dev/null (even with `logFile`), so a chatty server's request or access
   * logs cost only its own CPU, not this process's (benchmarks drive load from here). @default 'pipe'
   */
  stdout?: 'pipe' | 'ignore';
}

/** Starts a server process in its own process group, keeping the tail of its output. */
export function startChild(command: string, args: string[], options: StartChildOptions): RunningChild {
  const { logFile } = options;
  const logFd = logFile === undefined ? undefined : openSync(logFile, 'a');
  const stdout = options.stdout === 'ignore' ? 'ignore' : (logFd ?? 'pipe');
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', stdout, logFd ?? 'pipe'], detached: true });
  if (logFd !== undefined) closeSync(logFd);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const readOutput = () => (logFile === undefined ? output : readTail(logFile) + output);
  const exited = new Promise<ChildExit>((resolve) => {
    // 'close', not 'exit': by then everything the process wrote has been read.
    child.once('close', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      keep(Buffer.from(`${error.message}\n`));
      resolve({ code: null, signal: null });
    });
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    exited,
    output: readOutput,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (done) return exited;
      child.kill(signal);
      const timer = setTimeout(() => killGroup(child), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-OUTPUT_LIMIT);
  } catch {
    return '';
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Polls `url` until it answers with `status`, the process exits, or `timeoutMs` passes; the error
 * then carries the process's output.
 */
export async function waitForHttp(
  url: string,
  running: RunningChild,
  options: { name: string; status?: number; timeoutMs?: number; intervalMs?: number },
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let exited: ChildExit | undefined;
  void running.exited.then((exit) => (exited = exit));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.name} exited (${exited.code ?? exited.signal}) before ${url} answered:\n${running.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === (options.status ?? 200)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s; ${options.name} wrote:\n${running.output()}`);
}

/** Resolves with the first match of `pattern` in the process's output, or rejects when it exits first or `timeoutMs` passes. */
export async function waitForOutput(running: Pick<RunningChild, 'output' | 'exited'>, name: string, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void running.exited.then(() => (exited = true));
  for (;;) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (exited) throw new Error(`${name} exited before writing ${pattern}:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`${name} wrote nothing matching ${pattern} within ${timeoutMs / 1000} s:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
