import pino from 'pino';

/** Bytes of log lines gathered before one write: pino's own figure for asynchronous logging. */
const BATCH_BYTES = 4096;
/** Longest a line waits in a batch when traffic is light. */
const LOG_FLUSH_INTERVAL_MS = 250;

/**
 * stdout for the logger, written in batches. Every request logs two lines, and one asynchronous
 * write per line costs a thread-pool round trip each: the largest part of the backend's CPU per
 * request beyond its store call (measured by the bench's API section). Lines still in the batch are
 * written at exit by pino's own exit hook, and on shutdown by `main.ts`. The app's metric lines go
 * through the same writer (`app.ts`), so each line of either kind is written whole and in order.
 */
export function batchedStdout(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES, periodicFlush: LOG_FLUSH_INTERVAL_MS });
}
