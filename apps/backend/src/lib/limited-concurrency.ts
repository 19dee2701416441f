import pMap from 'p-map';

/**
 * Runs `work` on every item with at most `limit` calls in flight. The first failure stops handing
 * out further items and rejects once the calls in flight have settled, so nothing touches the store
 * after the caller has seen the failure (p-map alone would reject at once).
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  try {
    await pMap(
      items,
      (item) => {
        const call = work(item);
        inFlight.add(call);
        return call.finally(() => inFlight.delete(call));
      },
      { concurrency: limit },
    );
  } catch (error) {
    await Promise.allSettled(inFlight);
    throw error;
  }
}
