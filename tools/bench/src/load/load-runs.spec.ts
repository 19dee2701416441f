import { poolLoads, runClosedLoop } from './load-runs';

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

describe('runClosedLoop', () => {
  it('keeps every caller busy until the time is up and counts failures apart', async () => {
    const seen = new Set<number>();
    let calls = 0;
    const call = async (caller: number) => {
      seen.add(caller);
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (calls % 10 === 0) throw new Error('refused');
    };
    const run = await runClosedLoop(call, 3, 0.3);
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(run.durationS).toBeGreaterThanOrEqual(0.3);
    expect(run.errors).toBeGreaterThan(0);
    expect(run.latenciesMs.length + run.errors).toBe(calls);
    expect(Math.min(...run.latenciesMs)).toBeGreaterThanOrEqual(4);
  });
});
