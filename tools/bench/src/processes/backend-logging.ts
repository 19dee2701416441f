import type { BackendOptions } from '@todo/test-harness';

/**
 * Request logs stay on, at production's level, but go to /dev/null instead of through this
 * process: it generates the load, and reading the logs would cost it CPU.
 * `METRICS_FLUSH_INTERVAL_MS=0 npm run bench -- --only api` measures the backend without its metrics.
 */
export const productionLogging = {
  stdout: 'ignore',
  env: {
    LOG_LEVEL: 'info',
    ...(process.env['METRICS_FLUSH_INTERVAL_MS'] ? { METRICS_FLUSH_INTERVAL_MS: process.env['METRICS_FLUSH_INTERVAL_MS'] } : {}),
  },
} as const satisfies Partial<BackendOptions>;
