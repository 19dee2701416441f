import { TodoApiError, TodoNetworkError } from './client-errors';
import { DEFAULT_RETRY, isRetryable, newIdempotencyKey, retryDelayMs, waitBeforeRetry } from './create-retry';
import { ProblemType } from './problem-types';

const apiError = (status: number, retryAfterSeconds?: number) =>
  new TodoApiError({ type: ProblemType.serviceUnavailable, title: 'x', status }, retryAfterSeconds);

describe('create retries', () => {
  it('retry network failures and 502/503/504 only, and nothing once aborted', () => {
    const network = new TodoNetworkError({ cause: new TypeError('fetch failed') });
    expect(isRetryable(network, undefined)).toBe(true);
    for (const status of [502, 503, 504]) expect(isRetryable(apiError(status), undefined)).toBe(true);
    for (const status of [400, 409, 422, 429, 500]) expect(isRetryable(apiError(status), undefined)).toBe(false);
    expect(isRetryable(new Error('a bug'), undefined)).toBe(false);
    expect(isRetryable(network, AbortSignal.abort())).toBe(false);
  });

  it('back off exponentially with jitter, at least Retry-After, at most the cap', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1500 };
    const network = new TodoNetworkError({ cause: undefined });
    expect([1, 2, 3].map((retry) => retryDelayMs(network, retry, policy, () => 1))).toEqual([100, 200, 400]);
    expect(retryDelayMs(network, 1, policy, () => 0)).toBe(50);
    expect(retryDelayMs(apiError(503, 1), 1, policy, () => 0)).toBe(1000);
    expect(retryDelayMs(apiError(503, 60), 1, policy, () => 0)).toBe(1500);
    expect(retryDelayMs(network, 10, policy, () => 1)).toBe(1500);
  });

  it('stop waiting with a network error when aborted', async () => {
    const controller = new AbortController();
    const waiting = waitBeforeRetry(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(TodoNetworkError);
    await expect(waitBeforeRetry(1, undefined)).resolves.toBeUndefined();
  });

  it('make fresh keys the server accepts', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^"[0-9a-f]{32}"$/);
  });
});
