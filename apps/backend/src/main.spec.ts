import type { ChildProcess } from 'node:child_process';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { startSlowProxy, type SlowProxy } from './test-support/slow-proxy';
import { collect, exited, spawnBackend } from './test-support/spawn-backend';

jest.setTimeout(30_000);

describe('the backend process', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('stops with one clear line and exit code 1 when TODOTABLE_NAME is missing', async () => {
    child = spawnBackend({});
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    expect(await exited(child)).toBe(1);
    expect(stderr.text()).toBe('backend: TODOTABLE_NAME is required: set it to the name of the DynamoDB todo table\n');
    expect(stdout.text()).toBe('');
  });

  it('names a malformed setting the same way', async () => {
    child = spawnBackend({ TODOTABLE_NAME: 'todos', PORT: 'eighty' });
    const stderr = collect(child.stderr);
    expect(await exited(child)).toBe(1);
    expect(stderr.text()).toBe('backend: PORT must be a whole number from 0 to 65535, got "eighty"\n');
  });

  describe('on SIGTERM', () => {
    let store: EmbeddedDynamoDb;
    let proxy: SlowProxy;
    // Longer than the signal's delay plus the drain delay: the request is still in flight at close.
    const STORE_DELAY_MS = 2500;

    beforeAll(async () => {
      store = await startEmbeddedDynamoDb();
      await ensureTable(store.client, 'todos');
      // Every store answer arrives late, so a request is in flight when the signal comes.
      proxy = await startSlowProxy(store.port, STORE_DELAY_MS);
    });
    afterAll(async () => {
      await proxy.close();
      await store.stop();
    });

    it('turns not-ready, lets the request in flight finish, then exits 0', async () => {
      child = spawnBackend({
        TODOTABLE_NAME: 'todos',
        PORT: '0',
        HOST: '127.0.0.1',
        SHUTDOWN_DRAIN_DELAY_MS: '1000',
        // The store is slow but alive: wait for it rather than time out.
        DYNAMODB_REQUEST_TIMEOUT_MS: '10000',
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${proxy.port}`,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      });
      const stdout = collect(child.stdout);
      const stderr = collect(child.stderr);
      const origin = await new Promise<string>((resolve, reject) => {
        child!.stdout!.on('data', () => {
          const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout.text());
          if (match) resolve(match[1]!);
        });
        child!.once('exit', () => reject(new Error(`backend exited early: ${stderr.text()}`)));
      });

      const started = Date.now();
      const slow = fetch(`${origin}/api/todos`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill('SIGTERM');
      // During the drain delay the listener is still open and readiness says 503.
      await waitFor(() => stdout.text().includes('"msg":"shutting down"'));
      expect((await fetch(`${origin}/ready`)).status).toBe(503);

      const response = await slow;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ items: [], nextCursor: null });
      expect(Date.now() - started).toBeGreaterThanOrEqual(STORE_DELAY_MS);
      expect(await exited(child)).toBe(0);
      // Structured logs: every line is JSON, and the request carries its id.
      const lines = stdout.text().trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.some((line) => line.reqId && line.req?.url === '/api/todos')).toBe(true);
      expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
