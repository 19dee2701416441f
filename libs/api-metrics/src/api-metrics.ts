/**
 * The metrics every Node service writes about its API (`@todo/route-metrics`, CloudWatch embedded
 * metric format) and the infra's alarms and dashboard read: one definition, so writer and readers
 * cannot drift apart.
 */
export const apiMetrics = {
  namespace: 'todo',
  /** Dimension names. Every metric is written per service and per route. */
  dimensions: { service: 'Service', environment: 'Environment', route: 'Route' },
  /** The route dimension of requests no route matched: one value, so unknown paths cannot explode cardinality. */
  unmatchedRoute: 'unmatched',
  /** Metric names: counts per request (`Requests` is 1, `4xx`/`5xx` 1 or 0) and latency in milliseconds. */
  names: { requests: 'Requests', clientErrors: '4xx', serverErrors: '5xx', latency: 'Latency' },
} as const;
