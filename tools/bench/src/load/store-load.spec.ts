import { runClosedLoop } from './store-load';

describe('runClosedLoop', () => {
  it('keeps every caller busy until the time is up and counts failures apart', async () => {
    const seen = new Set<number>();
    let calls = 0;
    const run = await runClosedLoop(
      async (caller) => {
        seen.add(caller);
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (calls % 10 === 0) throw new Error('refused');
      },
      3,
      0.3,
    );
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(run.durationS).toBeGreaterThanOrEqual(0.3);
    expect(run.errors).toBeGreaterThan(0);
    expect(run.latenciesMs.length + run.errors).toBe(calls);
    expect(Math.min(...run.latenciesMs)).toBeGreaterThanOrEqual(4);
  });
});
