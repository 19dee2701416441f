import autocannon from 'autocannon';
import { PROBLEM_CONTENT_TYPE, ProblemType } from '@todo/contract';
import { jsonRequest, type RawResponse, type Target } from './support/http';
import { recordFigures } from './support/results';
import { startStack, type Stack } from '@todo/test-harness';

const BUDGET_PER_MINUTE = 20;

function expectProblem(response: RawResponse & { json: unknown }, status: number, type: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
  expect(response.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
  expect(response.json).toMatchObject({ type, status });
}

/** Spends `count` requests of `client`'s budget; all must succeed. */
async function spend(client: Target, count: number, headers: Record<string, string> = {}): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const response = await jsonRequest(client, 'GET', '/api/todos?limit=1', undefined, headers);
    expect({ request: index, status: response.status }).toEqual({ request: index, status: 200 });
  }
}

describe('abuse limits', () => {
  describe('per-client rate limit', () => {
    let stack: Stack;
    let backendDirect: (localAddress: string) => Target;
    let viaNginx: (localAddress: string) => Target;

    beforeAll(async () => {
      stack = await startStack({
        nginx: true,
        // Only nginx (connecting from 127.0.0.1) may say who the client is, as only the proxy may in AWS.
        backendEnv: { RATE_LIMIT_PER_MINUTE: String(BUDGET_PER_MINUTE), TRUST_PROXY: '127.0.0.1' },
      });
      // Distinct loopback source addresses are distinct clients (Linux routes all of 127.0.0.0/8 to lo).
      viaNginx = (localAddress) => ({ host: '127.0.0.1', port: stack.nginx!.port, localAddress });
      backendDirect = (localAddress) => ({ host: stack.backend.host, port: stack.backend.port, localAddress });
    });
    afterAll(() => stack?.stop());

    it('gives each client address that nginx forwards its own budget, then 429 problem+json with Retry-After', async () => {
      const first = viaNginx('127.0.0.10');
      await spend(first, BUDGET_PER_MINUTE);
      const limited = await jsonRequest(first, 'GET', '/api/todos?limit=1');
      expectProblem(limited, 429, ProblemType.rateLimited);

      // Another client behind the same proxy is not affected.
      await spend(viaNginx('127.0.0.11'), 3);
      // Health probes are never limited.
      expect((await jsonRequest(backendDirect('127.0.0.1'), 'GET', '/ready')).status).toBe(200);
      recordFigures('abuse-limits', { budgetPerMinute: BUDGET_PER_MINUTE, overBudgetStatus: limited.status, retryAfterSeconds: Number(limited.headers['retry-after']) });
    });

    it('does not let a client behind nginx dodge its budget with a forged X-Forwarded-For', async () => {
      const forged = await jsonRequest(viaNginx('127.0.0.10'), 'GET', '/api/todos?limit=1', undefined, { 'x-forwarded-for': '203.0.113.7' });
      expectProblem(forged, 429, ProblemType.rateLimited);
    });

    it('ignores X-Forwarded-For from a peer that is not the proxy', async () => {
      const direct = backendDirect('127.0.0.20');
      // Each request claims a different client; the backend must count them all against 127.0.0.20.
      for (let index = 0; index < BUDGET_PER_MINUTE; index += 1) {
        const response = await jsonRequest(direct, 'GET', '/api/todos?limit=1', undefined, { 'x-forwarded-for': `198.51.100.${index + 1}` });
        expect({ request: index, status: response.status }).toEqual({ request: index, status: 200 });
      }
      const limited = await jsonRequest(direct, 'GET', '/api/todos?limit=1', undefined, { 'x-forwarded-for': '198.51.100.200' });
      expectProblem(limited, 429, ProblemType.rateLimited);
      // And a forged header naming an exhausted client does not spend that client's budget either.
      await spend(backendDirect('127.0.0.21'), 2, { 'x-forwarded-for': '127.0.0.10' });
    });
  });

  describe('load shedding under event-loop pressure', () => {
    /** The backend's event loop is frozen this long (SIGSTOP), as a long GC pause or CPU starvation would. */
    const FREEZE_MS = 4_000;
    // under-pressure compares the mean loop delay over its 1 s sample with this bound; one frozen tick
    // among ~100 normal ones moves that mean by at least FREEZE_MS / 101 = 39 ms.
    const MAX_EVENT_LOOP_DELAY_MS = 20;
    let stack: Stack;

    beforeAll(async () => {
      stack = await startStack({ backendEnv: { MAX_EVENT_LOOP_DELAY_MS: String(MAX_EVENT_LOOP_DELAY_MS) } });
    });
    afterAll(async () => {
      // Never leave a stopped process behind, whatever failed.
      if (stack) process.kill(stack.backend.pid, 'SIGCONT');
      await stack?.stop();
    });

    it('sheds a burst with 503 problem+json and Retry-After while the loop lags, then serves again', async () => {
      const target: Target = { host: stack.backend.host, port: stack.backend.port };
      expect((await jsonRequest(target, 'GET', '/api/todos?limit=5')).status).toBe(200);

      // A steady burst from autocannon runs across the freeze and the recovery.
      const burst = autocannon({ url: `${stack.backend.url}/api/todos?limit=5`, connections: 10, duration: (FREEZE_MS + 4_000) / 1000, timeout: 10 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      process.kill(stack.backend.pid, 'SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, FREEZE_MS));
      process.kill(stack.backend.pid, 'SIGCONT');
      const resumedAt = performance.now();

      let shed: (RawResponse & { json: unknown }) | undefined;
      let liveness: number | undefined;
      while (!shed && performance.now() - resumedAt < 3_000) {
        const response = await jsonRequest(target, 'GET', '/api/todos?limit=5');
        if (response.status === 503) {
          shed = response;
          liveness = (await jsonRequest(target, 'GET', '/ishealthy')).status;
        } else expect(response.status).toBe(200);
      }
      const shedAfterMs = performance.now() - resumedAt;
      let served = await jsonRequest(target, 'GET', '/api/todos?limit=5');
      while (served.status !== 200 && performance.now() - resumedAt < 8_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        served = await jsonRequest(target, 'GET', '/api/todos?limit=5');
      }
      const servingAgainAfterMs = performance.now() - resumedAt;
      const result = await burst;

      expect(shed).toBeDefined();
      expectProblem(shed!, 503, ProblemType.serviceUnavailable);
      // Liveness is exempt: ECS must not kill a task for being busy.
      expect(liveness).toBe(200);
      expect(served.status).toBe(200);
      const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]));
      expect(Object.keys(statusCounts).every((status) => status === '200' || status === '503')).toBe(true);
      expect(statusCounts['503'] ?? 0).toBeGreaterThan(0);
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      recordFigures('abuse-limits', {
        underPressure: {
          maxEventLoopDelayMs: MAX_EVENT_LOOP_DELAY_MS,
          freezeMs: FREEZE_MS,
          firstShedAfterResumeMs: Math.round(shedAfterMs),
          servingAgainAfterResumeMs: Math.round(servingAgainAfterMs),
          burstStatuses: statusCounts,
          burstRequests: result.requests.total,
        },
      });
    });
  });
});
