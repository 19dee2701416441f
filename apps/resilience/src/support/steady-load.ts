import { rawRequest, type RawRequest, type RawResponse, type Target } from './http';

export interface Outcome {
  /** What the request was for, from `LoadOptions.next`. */
  label: string;
  /** Milliseconds after the load started that the request was sent. */
  sentAt: number;
  /** Milliseconds after the load started that it ended (response or error). */
  endedAt: number;
  status?: number;
  /** The error code (`ECONNREFUSED`, `ECONNRESET`, ...) when there was no response. */
  error?: string;
}

export interface LoadOptions {
  target: Target;
  /** Requests started per second, at evenly spaced times whatever the answers take. */
  ratePerSecond: number;
  durationMs: number;
  /** The next request to send; may look at earlier answers (ids, versions) through its own state. */
  next(index: number): { label: string; request: RawRequest; onResponse?(response: RawResponse): void };
  /** Per-request bound. @default 5000 */
  timeoutMs?: number;
}

/**
 * An open-loop load: requests start on a fixed schedule (like users, who do not wait for each other),
 * each outcome is recorded. Bounded by `ratePerSecond * durationMs` requests and `durationMs + timeoutMs`.
 */
export async function runSteadyLoad(options: LoadOptions): Promise<Outcome[]> {
  const started = performance.now();
  const intervalMs = 1000 / options.ratePerSecond;
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  const pending: Promise<Outcome>[] = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { label, request, onResponse } = options.next(index);
    const sentAt = performance.now() - started;
    pending.push(
      rawRequest(options.target, request, options.timeoutMs ?? 5_000).then(
        (response) => {
          onResponse?.(response);
          return { label, sentAt, endedAt: performance.now() - started, status: response.status };
        },
        (error: NodeJS.ErrnoException) => ({ label, sentAt, endedAt: performance.now() - started, error: error.code ?? error.message }),
      ),
    );
  }
  return Promise.all(pending);
}

/** Counts of outcomes by status or error code, for messages and results. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = outcome.error ?? String(outcome.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
