export interface Outcome {
  /** Milliseconds after the load started that the request was sent. */
  sentAt: number;
  status?: number;
  /** Why there was no response (a timeout, a reset...). */
  error?: string;
}

/**
 * An open-loop load of `GET url`: requests start on a fixed schedule whatever the answers take (as
 * users do), each outcome recorded. Runs until `until` settles, then waits for those in flight.
 */
export async function runSteadyLoad(url: string, ratePerSecond: number, until: Promise<unknown>): Promise<Outcome[]> {
  const started = performance.now();
  const pending: Promise<Outcome>[] = [];
  let done = false;
  void until.finally(() => (done = true));
  for (let index = 0; !done; index += 1) {
    const wait = started + (index * 1000) / ratePerSecond - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sentAt = performance.now() - started;
    pending.push(
      fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return { sentAt, status: response.status };
        },
        (error: Error) => ({ sentAt, error: error.name === 'TimeoutError' ? 'timeout' : String((error.cause as Error | undefined)?.message ?? error.message) }),
      ),
    );
  }
  await until;
  return Promise.all(pending);
}

/** The outcomes that are not a 200. */
export function failures(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes.filter((outcome) => outcome.status !== 200);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
