import autocannon from 'autocannon';
import { percentile } from '@todo/test-harness';

/** What one load run saw: every response time, and how many requests failed. */
export interface RawLoad {
  /** Response time of every completed request, in ms; errors are connection errors, timeouts and non-2xx answers. */
  latenciesMs: number[];
  errors: number;
  durationS: number;
}

/** Runs (rounds of one case) pooled into one set of figures. */
export function poolLoads(runs: readonly RawLoad[]) {
  const latencies = runs.flatMap((run) => run.latenciesMs);
  const durationS = runs.reduce((sum, run) => sum + run.durationS, 0);
  const requests = latencies.length;
  return {
    requests,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    durationS,
    rps: durationS > 0 ? requests / durationS : 0,
    p50Ms: requests ? percentile(latencies, 50) : Number.NaN,
    p99Ms: requests ? percentile(latencies, 99) : Number.NaN,
  };
}

export type LoadStats = ReturnType<typeof poolLoads>;

/** One kind of request autocannon sends over and over; its `setupRequest` may rewrite each (which todo, which If-Match). */
export type HttpRequestSpec = autocannon.Request;

/** Runs autocannon against `origin` for `durationS` seconds and records every response time. */
export async function runHttpLoad(origin: string, spec: HttpRequestSpec, connections: number, durationS: number): Promise<RawLoad> {
  const latenciesMs: number[] = [];
  let failedStatuses = 0;
  // Without a callback autocannon returns its instance, which is also a promise of the result.
  const instance = autocannon({ url: origin, connections, pipelining: 1, duration: durationS, timeout: 10, requests: [spec] }) as unknown as autocannon.Instance &
    PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latenciesMs.push(responseTime);
    if (statusCode < 200 || statusCode > 299) failedStatuses++;
  });
  const result = await instance;
  return { latenciesMs, errors: result.errors + failedStatuses, durationS: result.duration };
}

/**
 * A closed loop like autocannon's, for calls that are not HTTP requests of ours: `connections`
 * callers, each starting its next call as soon as the last one finished, for `durationS` seconds.
 * @param call one operation; `caller` is 0..connections-1, so a caller can own its own items.
 */
export async function runClosedLoop(call: (caller: number) => Promise<void>, connections: number, durationS: number): Promise<RawLoad> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + durationS * 1000;
  const caller = async (index: number) => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      try {
        await call(index);
        latenciesMs.push(performance.now() - begun);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, index) => caller(index)));
  return { latenciesMs, errors, durationS: (performance.now() - start) / 1000 };
}
