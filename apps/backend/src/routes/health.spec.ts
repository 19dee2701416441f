import { PROBLEM_CONTENT_TYPE, ProblemType } from '@todo/contract';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { createDynamoDbClient, ensureTable } from '@todo/todo-table';
import { startTestBackend, testConfig, type TestBackend } from '../test-support/test-backend';

describe('health and readiness', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;

  beforeEach(async () => {
    store = await startEmbeddedDynamoDb();
  });
  afterEach(async () => {
    await backend.stop();
    await store.stop().catch(() => undefined);
  });

  it('answers liveness and readiness while the table answers', async () => {
    backend = await startTestBackend(store);
    const live = await backend.app.inject({ method: 'GET', url: '/ishealthy' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await backend.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('is not ready while draining for a shutdown', async () => {
    backend = await startTestBackend(store);
    backend.app.lifecycle.draining = true;
    const ready = await backend.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ type: ProblemType.serviceUnavailable, detail: 'Shutting down' });
    expect((await backend.app.inject({ method: 'GET', url: '/ishealthy' })).statusCode).toBe(200);
  });

  it('answers 503 problems with Retry-After, fast, while the store is down, and recovers when it is back', async () => {
    // The production client (bounded timeouts, two attempts) pointed at the embedded store.
    const client = createDynamoDbClient(testConfig('unused').dynamoDb, {
      endpoint: store.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    backend = await startTestBackend(store, { dynamoDbClient: client });
    const created = await backend.app.inject({ method: 'POST', url: '/api/todos', payload: { title: 'survives' } });
    expect(created.statusCode).toBe(201);
    const port = store.port;
    await store.stop();

    let started = Date.now();
    const ready = await backend.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);

    for (const request of [
      { method: 'GET', url: '/api/todos' },
      { method: 'POST', url: '/api/todos', payload: { title: 'x' } },
      { method: 'GET', url: '/api/todos/1' },
      { method: 'PATCH', url: '/api/todos', payload: { completed: true } },
    ] as const) {
      started = Date.now();
      const response = await backend.app.inject(request);
      expect(response.statusCode).toBe(503);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.headers['retry-after']).toBe('2');
      expect(response.json()).toEqual({ type: ProblemType.serviceUnavailable, title: expect.any(String), status: 503, detail: expect.any(String) });
      expect(response.body).not.toMatch(/ECONNREFUSED|at .*\.js|Dynamo/i);
    }

    store = await startEmbeddedDynamoDb({ port });
    await ensureTable(store.client, backend.tableName);
    expect((await backend.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    expect((await backend.app.inject({ method: 'GET', url: '/api/todos' })).statusCode).toBe(200);
    client.destroy();
  });

  it('gives up on a store that accepts connections but never answers, within the configured timeouts', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const config = testConfig('unused', { dynamoDb: { connectTimeoutMs: 300, requestTimeoutMs: 300, maxAttempts: 2 } });
    const client = createDynamoDbClient(config.dynamoDb, {
      endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    backend = await startTestBackend(store, { dynamoDbClient: client, config: { dynamoDb: config.dynamoDb } });
    try {
      let started = Date.now();
      expect((await backend.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(503);
      // The check gives up after 800 ms; the margin is for a busy test machine.
      expect(Date.now() - started).toBeLessThan(1500);
      started = Date.now();
      expect((await backend.app.inject({ method: 'GET', url: '/api/todos' })).statusCode).toBe(503);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
