import fp from 'fastify-plugin';
import { apiMetrics } from '@todo/api-metrics';
import { RouteMetrics } from '../../metrics/route-metrics';

/**
 * Records every answered request in `RouteMetrics` and flushes them every
 * `config.metrics.flushIntervalMs` and when the app closes (so a draining task loses none).
 */
export default fp(
  async (app) => {
    const { flushIntervalMs, environment } = app.config.metrics;
    if (flushIntervalMs === 0) return;
    const metrics = new RouteMetrics({ service: 'backend', environment });
    const flush = () =>
      metrics.flush().catch((err: unknown) => app.log.warn({ err }, 'could not write metrics'));

    app.addHook('onResponse', async (request, reply) => {
      const pattern = request.routeOptions.url;
      const route = pattern === undefined ? apiMetrics.unmatchedRoute : `${request.method} ${pattern}`;
      metrics.record(route, reply.statusCode, reply.elapsedTime);
    });
    const timer = setInterval(() => void flush(), flushIntervalMs);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await flush();
    });
  },
  { name: 'route-metrics', dependencies: ['config'] },
);
