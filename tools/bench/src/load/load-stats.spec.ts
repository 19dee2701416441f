import { poolLoads } from './load-stats';

describe('poolLoads', () => {
  it('pools requests, errors, time and latencies of every round', () => {
    const stats = poolLoads([
      { latenciesMs: [1, 2, 3], errors: 0, durationS: 1 },
      { latenciesMs: [4, 5, 6, 7], errors: 2, durationS: 2.5 },
    ]);
    expect(stats).toEqual({ requests: 7, errors: 2, durationS: 3.5, rps: 2, p50Ms: 4, p99Ms: expect.closeTo(6.94, 5) });
  });

  it('reports no latency for a run that completed nothing', () => {
    const stats = poolLoads([{ latenciesMs: [], errors: 5, durationS: 1 }]);
    expect(stats.rps).toBe(0);
    expect(stats.p50Ms).toBeNaN();
  });
});
