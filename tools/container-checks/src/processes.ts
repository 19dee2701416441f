import { type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A TCP port free on loopback right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Polls `url` until it answers (any status), or fails after `timeoutMs` or when `child` exits first. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`process exited (${child.exitCode ?? child.signalCode}) before ${url} answered`);
    }
    try {
      return await fetch(url, { signal: AbortSignal.timeout(1000) });
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Waits for `child` to exit, killing it after `timeoutMs`; resolves with its exit code or signal. */
export async function exitOf(child: ChildProcess, timeoutMs = 15_000): Promise<number | NodeJS.Signals> {
  const exited = () => child.exitCode ?? child.signalCode;
  if (exited() === null) {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await once(child, 'exit');
    clearTimeout(timer);
  }
  return exited() ?? 'SIGKILL';
}

/** Output collected from a child's stream, for failure messages. */
export function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => (text += chunk));
  return () => text;
}

/** When the tests run as root, the image's user and group to run as; otherwise the current user. */
export function imageUser(user: string): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const [uid = NaN, gid = uid] = user.split(':').map(Number);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`USER "${user}" is not numeric`);
  return { uid, gid };
}
