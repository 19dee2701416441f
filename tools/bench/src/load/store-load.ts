import type { RawLoad } from './load-stats';

/**
 * A closed loop like autocannon's, for calls that are not HTTP requests of ours: `connections`
 * callers, each starting its next call as soon as the last one finished, for `durationS` seconds.
 * @param call one operation; `caller` is 0..connections-1, so a caller can own its own items.
 */
export async function runClosedLoop(
  call: (caller: number) => Promise<void>,
  connections: number,
  durationS: number,
): Promise<RawLoad> {
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
