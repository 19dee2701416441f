import { apiMetrics } from '@todo/api-metrics';
import { metricLinesDuring, type MetricLine } from '@todo/route-metrics';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { buildApp } from '../../app';
import { startTestBackend, testConfig, type TestBackend } from '../../test-support/test-backend';

const { names } = apiMetrics;

describe('route metrics', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
  });
  afterAll(async () => {
    await store.stop();
  });

  const start = () =>
    startTestBackend(store, { config: { metrics: { environment: 'development', flushIntervalMs: 60_000 } } });

  it('writes requests, 4xx, 5xx and latency per route pattern, with service and environment dimensions, on close', async () => {
    const lines = await metricLinesDuring(async () => {
      backend = await start();
      const created = await backend.app.inject({ method: 'POST', url: '/api/todos', payload: { title: 'metered' } });
      expect(created.statusCode).toBe(201);
      const id = (created.json() as { id: number }).id;
      expect((await backend.app.inject({ method: 'GET', url: `/api/todos/${id}` })).statusCode).toBe(200);
      expect((await backend.app.inject({ method: 'GET', url: '/api/todos/999999' })).statusCode).toBe(404);
      expect((await backend.app.inject({ method: 'GET', url: '/nowhere/at/all' })).statusCode).toBe(404);
      await backend.stop();
    });

    expect([...lines.keys()].sort()).toEqual(['GET /api/todos/:id', 'POST /api/todos', apiMetrics.unmatchedRoute]);
    const byId = lines.get('GET /api/todos/:id') as MetricLine;
    expect(byId).toMatchObject({ Service: 'backend', Environment: 'development' });
    const [directive] = byId._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe(apiMetrics.namespace);
    expect(directive?.Dimensions).toEqual([['Service', 'Environment'], ['Service', 'Environment', 'Route']]);
    expect(directive?.Metrics).toEqual(
      expect.arrayContaining([
        { Name: names.requests, Unit: 'Count' },
        { Name: names.clientErrors, Unit: 'Count' },
        { Name: names.serverErrors, Unit: 'Count' },
        { Name: names.latency, Unit: 'Milliseconds' },
      ]),
    );
    // Two requests on this route: one 200, one 404.
    expect(byId[names.requests]).toEqual([1, 1]);
    expect(byId[names.clientErrors]).toEqual([0, 1]);
    expect(byId[names.serverErrors]).toEqual([0, 0]);
    const latencies = byId[names.latency] as number[];
    expect(latencies).toHaveLength(2);
    for (const latency of latencies) expect(latency).toBeGreaterThan(0);
    expect(lines.get('POST /api/todos')?.[names.requests]).toBe(1);
  });

  it('counts a store failure as a 5xx of its route', async () => {
    const lines = await metricLinesDuring(async () => {
      backend = await start();
      await backend.app.inject({ method: 'GET', url: '/api/todos' });
      await store.stop();
      expect((await backend.app.inject({ method: 'GET', url: '/api/todos' })).statusCode).toBe(503);
      await backend.stop();
    });
    store = await startEmbeddedDynamoDb();
    expect(lines.get('GET /api/todos')).toMatchObject({ [names.requests]: [1, 1], [names.serverErrors]: [0, 1] });
  });

  it('writes nothing when turned off', async () => {
    const lines = await metricLinesDuring(async () => {
      backend = await startTestBackend(store);
      await backend.app.inject({ method: 'GET', url: '/ishealthy' });
      await backend.stop();
    });
    expect(lines.size).toBe(0);
  });

  it('writes its lines through the logger\'s own writer, each line whole, so the two kinds never mix in one write', async () => {
    const writes: string[] = [];
    await ensureTable(store.client, 'shared-writer');
    const app = await buildApp({
      config: testConfig('shared-writer', { logLevel: 'info', metrics: { environment: 'development', flushIntervalMs: 60_000 } }),
      dynamoDbClient: store.client,
      stdout: { write: (text: string) => void writes.push(text) },
    });
    await app.inject({ method: 'GET', url: '/api/todos' });
    await app.close();

    expect(writes.every((text) => text.endsWith('\n'))).toBe(true);
    const lines = writes.flatMap((text) => text.trimEnd().split('\n')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((line) => line['msg'] === 'request completed')).toBe(true);
    expect(lines.find((line) => '_aws' in line)).toMatchObject({ Route: 'GET /api/todos', [names.requests]: 1 });
  });
});
