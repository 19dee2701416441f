import { startBackend, startEmbeddedDynamoDb, startSlowProxy, waitForOutput, type BackendProcess, type EmbeddedDynamoDb, type SlowProxy } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';

jest.setTimeout(30_000);

/** The backend's real entry point, run from source; nothing is listening at this store. */
const fromSource = { entry: 'source', dynamoDbEndpoint: 'http://127.0.0.1:9', waitUntilReady: false } as const;

describe('the backend process', () => {
  let backend: BackendProcess | undefined;
  afterEach(() => backend?.stop('SIGKILL'));

  it('stops with one clear line and exit code 1 when TODOTABLE_NAME is missing', async () => {
    backend = await startBackend({ ...fromSource, tableName: '' });
    expect((await backend.exited).code).toBe(1);
    // stdout and stderr together: the line is on stderr and stdout stays empty.
    expect(backend.output()).toBe('backend: TODOTABLE_NAME is required: set it to the name of the DynamoDB todo table\n');
  });

  it('names a malformed setting the same way', async () => {
    backend = await startBackend({ ...fromSource, tableName: 'todos', env: { PORT: 'eighty' } });
    expect((await backend.exited).code).toBe(1);
    expect(backend.output()).toBe('backend: PORT must be a whole number from 0 to 65535, got "eighty"\n');
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
      proxy = await startSlowProxy({ host: '127.0.0.1', port: store.port }, STORE_DELAY_MS);
    });
    afterAll(async () => {
      await proxy.stop();
      await store.stop();
    });

    it('turns not-ready, lets the request in flight finish, then exits 0', async () => {
      // /ready itself waits on the slow store, so wait for the listener instead.
      backend = await startBackend({
        ...fromSource,
        dynamoDbEndpoint: proxy.endpoint,
        tableName: 'todos',
        env: {
          LOG_LEVEL: 'info',
          SHUTDOWN_DRAIN_DELAY_MS: '1000',
          // The store is slow but alive: wait for it rather than time out.
          DYNAMODB_REQUEST_TIMEOUT_MS: '10000',
        },
      });
      const running = backend;
      await waitForOutput(running, 'backend', /Server listening at http:\/\/127\.0\.0\.1:\d+/);

      const started = Date.now();
      const slow = fetch(`${running.url}/api/todos`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(running.pid, 'SIGTERM');
      // During the drain delay the listener is still open and readiness says 503.
      await waitForOutput(running, 'backend', /"msg":"shutting down"/, 5_000);
      expect((await fetch(`${running.url}/ready`)).status).toBe(503);

      const response = await slow;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ items: [], nextCursor: null });
      expect(Date.now() - started).toBeGreaterThanOrEqual(STORE_DELAY_MS);
      expect((await running.exited).code).toBe(0);
      // Structured logs: every line (stdout and stderr) is JSON, and the request carries its id.
      const lines = running.output().trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.some((line) => line.reqId && line.req?.url === '/api/todos')).toBe(true);
      expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    });
  });
});
