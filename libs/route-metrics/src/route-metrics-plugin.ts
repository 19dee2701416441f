import { apiMetrics } from '@todo/api-metrics';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { RouteMetrics, type RouteMetricsOptions } from './route-metrics';

export interface RouteMetricsPluginOptions extends RouteMetricsOptions {
  /** How often metric lines are written; 0 turns metrics off. */
  flushIntervalMs: number;
}

/**
 * Records every answered request of the app in `RouteMetrics` and flushes them every
 * `flushIntervalMs` and when the app closes (so a draining task loses none). The infra's 5xx and
 * latency alarms of every Node service watch what this writes.
 */
const routeMetricsPlugin: FastifyPluginAsync<RouteMetricsPluginOptions> = async (app, options) => {
  if (options.flushIntervalMs === 0) return;
  const metrics = new RouteMetrics({ service: options.service, environment: options.environment, output: options.output });
  const flush = () => metrics.flush().catch((err: unknown) => app.log.warn({ err }, 'could not write metrics'));

  // A callback, not a promise: this runs on every request.
  app.addHook('onResponse', (request, reply, done) => {
    const pattern = request.routeOptions.url;
    const route = pattern === undefined ? apiMetrics.unmatchedRoute : `${request.method} ${pattern}`;
    metrics.record(route, reply.statusCode, reply.elapsedTime);
    done();
  });
  const timer = setInterval(() => void flush(), options.flushIntervalMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });
};

export default fp(routeMetricsPlugin, { name: 'route-metrics' });
