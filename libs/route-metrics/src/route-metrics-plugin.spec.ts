import { apiMetrics } from '@todo/api-metrics';
import Fastify, { type FastifyInstance } from 'fastify';
import { metricLinesDuring } from './metric-lines';
import routeMetricsPlugin from './route-metrics-plugin';

const { names } = apiMetrics;

async function appWithMetrics(flushIntervalMs: number): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(routeMetricsPlugin, { service: 'stats', environment: 'production', flushIntervalMs });
  app.get('/api/stats/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (id === 'broken') return reply.code(500).send({ error: 'broken' });
    return id === 'missing' ? reply.code(404).send({ error: 'missing' }) : { id };
  });
  return app;
}

describe('the route metrics plugin', () => {
  it('writes requests, 4xx, 5xx and latency per route pattern, with service and environment dimensions, on close', async () => {
    const lines = await metricLinesDuring(async () => {
      const app = await appWithMetrics(60_000);
      for (const id of ['1', 'missing', 'broken']) await app.inject({ method: 'GET', url: `/api/stats/${id}` });
      await app.inject({ method: 'GET', url: '/nowhere' });
      await app.close();
    });

    expect([...lines.keys()].sort()).toEqual(['GET /api/stats/:id', apiMetrics.unmatchedRoute]);
    const route = lines.get('GET /api/stats/:id')!;
    expect(route).toMatchObject({ Service: 'stats', Environment: 'production' });
    // One directive, exactly these dimension sets and metrics with their units.
    expect(route._aws.CloudWatchMetrics).toHaveLength(1);
    const { Namespace, Dimensions, Metrics } = route._aws.CloudWatchMetrics[0]!;
    expect([Namespace, Dimensions]).toEqual([apiMetrics.namespace, [['Service', 'Environment'], ['Service', 'Environment', 'Route']]]);
    expect(Object.fromEntries(Metrics.map((metric) => [metric.Name, metric.Unit]))).toEqual({
      [names.requests]: 'Count',
      [names.clientErrors]: 'Count',
      [names.serverErrors]: 'Count',
      [names.latency]: 'Milliseconds',
    });
    expect(route[names.requests]).toEqual([1, 1, 1]);
    expect(route[names.clientErrors]).toEqual([0, 1, 0]);
    expect(route[names.serverErrors]).toEqual([0, 0, 1]);
    expect(route[names.latency]).toHaveLength(3);
  });

  it('writes nothing when turned off', async () => {
    const lines = await metricLinesDuring(async () => {
      const app = await appWithMetrics(0);
      await app.inject({ method: 'GET', url: '/api/stats/1' });
      await app.close();
    });
    expect(lines.size).toBe(0);
  });
});
