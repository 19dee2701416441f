import { TodoApiError, TodoNetworkError } from './client-errors';

/** How a create whose answer never arrived is tried again, always with the same `Idempotency-Key`. */
export interface RetryOptions {
  /** Tries in all, the first one included. @default 4 */
  attempts?: number;
  /** The wait before the first retry; each later wait doubles. @default 250 */
  baseDelayMs?: number;
  /** No wait is longer than this, whatever `Retry-After` asks. @default 4000 */
  maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4000 };

/** Answers that say nothing was decided, or that the create's outcome is unknown: a retry is safe and may succeed. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

export function isRetryable(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return false;
  if (error instanceof TodoNetworkError) return true;
  return error instanceof TodoApiError && RETRYABLE_STATUSES.has(error.status);
}

/**
 * Exponential backoff with jitter (so clients that failed together do not retry together), at
 * least what the server's `Retry-After` asked for, at most `maxDelayMs`.
 * @param retry 1 for the first retry
 */
export function retryDelayMs(error: unknown, retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const backoff = policy.baseDelayMs * 2 ** (retry - 1) * (0.5 + random() / 2);
  const asked = error instanceof TodoApiError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
  return Math.min(Math.max(backoff, asked), policy.maxDelayMs);
}

/** Resolves after `ms`, or rejects as a network error when `signal` aborts first. */
export function waitBeforeRetry(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(new TodoNetworkError({ cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** A fresh key for one create: 128 random bits, sent quoted as the draft's examples are. */
export function newIdempotencyKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return `"${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}"`;
}
