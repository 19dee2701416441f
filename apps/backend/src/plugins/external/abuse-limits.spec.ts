import { PROBLEM_CONTENT_TYPE, ProblemType } from '@todo/contract';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { startTestBackend, type TestBackend } from '../../test-support/test-backend';

describe('abuse limits', () => {
  let store: EmbeddedDynamoDb;
  let backend: TestBackend;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
  });
  afterAll(() => store.stop());
  afterEach(() => backend.stop());

  it('rate-limits per client address as forwarded by a trusted proxy, with a 429 problem and Retry-After', async () => {
    backend = await startTestBackend(store, { config: { rateLimitPerMinute: 3 } });
    const fromProxy = (client: string) =>
      backend.app.inject({ method: 'GET', url: '/api/todos', remoteAddress: '10.0.1.5', headers: { 'x-forwarded-for': client } });

    for (let i = 0; i < 3; i++) expect((await fromProxy('203.0.113.7')).statusCode).toBe(200);
    const limited = await fromProxy('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ type: ProblemType.rateLimited, status: 429 });

    // Another client behind the same proxy has its own budget; health probes are never limited.
    expect((await fromProxy('203.0.113.8')).statusCode).toBe(200);
    expect((await backend.app.inject({ method: 'GET', url: '/ishealthy', remoteAddress: '10.0.1.5', headers: { 'x-forwarded-for': '203.0.113.7' } })).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    backend = await startTestBackend(store, { config: { rateLimitPerMinute: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await backend.app.inject({ method: 'GET', url: '/api/todos', remoteAddress: '198.51.100.9', headers: { 'x-forwarded-for': `203.0.113.${i}` } });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('sheds load with a 503 problem and Retry-After while the event loop lags, but keeps liveness up', async () => {
    backend = await startTestBackend(store, { config: { maxEventLoopDelayMs: 50 }, pressureSampleIntervalMs: 50 });
    expect((await backend.app.inject({ method: 'GET', url: '/api/todos' })).statusCode).toBe(200);

    const blockUntil = Date.now() + 400;
    while (Date.now() < blockUntil) {
      // Busy-wait: this is the event-loop lag under test.
    }
    // The next sample sees the lag; poll until it has been taken.
    let shed: Awaited<ReturnType<typeof backend.app.inject>> | undefined;
    for (let i = 0; i < 20 && !shed; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      // Both requests see the same pressure state: the API is shed, liveness is not.
      const [response, live] = await Promise.all([
        backend.app.inject({ method: 'GET', url: '/api/todos' }),
        backend.app.inject({ method: 'GET', url: '/ishealthy' }),
      ]);
      expect(live.statusCode).toBe(200);
      if (response.statusCode === 503) shed = response;
      else expect(response.statusCode).toBe(200);
    }
    expect(shed?.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(shed?.headers['retry-after']).toBe('5');
    expect(shed?.json()).toMatchObject({ type: ProblemType.serviceUnavailable, status: 503 });
  });
});
