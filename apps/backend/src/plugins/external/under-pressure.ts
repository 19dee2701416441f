import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';

/** Seconds a shed client should wait before retrying. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Sheds load with a 503 problem (and `Retry-After`) while the event loop lags more than
 * `MAX_EVENT_LOOP_DELAY_MS`, so requests fail fast instead of queueing until they time out.
 * `/ishealthy` opts out: a busy task is still alive and must not be killed for it.
 */
export default fp<{ sampleIntervalMs?: number }>(
  async (app, options) => {
    const maxEventLoopDelay = app.config.maxEventLoopDelayMs;
    if (maxEventLoopDelay === 0) return;
    await app.register(underPressure, { maxEventLoopDelay, retryAfter: RETRY_AFTER_SECONDS, sampleInterval: options.sampleIntervalMs });
  },
  { name: 'under-pressure', dependencies: ['config'] },
);
