import type { LoadStats } from '../results';
import { percentile } from '@todo/test-harness';

/** What one load run saw: every response time, and how many requests failed. */
export interface RawLoad {
  /** Response time of every completed request, in ms. */
  latenciesMs: number[];
  /** Requests that failed: errors, timeouts, non-2xx answers. */
  errors: number;
  durationS: number;
}

/** Pools runs (rounds of the same case) into one set of figures. */
export function poolLoads(runs: readonly RawLoad[]): LoadStats {
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
