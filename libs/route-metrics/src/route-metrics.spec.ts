import { metricLinesDuring } from './metric-lines';
import { RouteMetrics } from './route-metrics';

const mockDetectorLoaded = jest.fn();
jest.mock('aws-embedded-metrics/lib/environment/EnvironmentDetector', () => {
  mockDetectorLoaded();
  return {};
});

describe('RouteMetrics', () => {
  it("never loads the library's environment detection, which probes the EC2 metadata address on load", async () => {
    const lines = await metricLinesDuring(async () => {
      const metrics = new RouteMetrics({ service: 'stats', environment: 'local' });
      metrics.record('GET /api/stats/info', 200, 3);
      await metrics.flush();
    });
    expect(lines.get('GET /api/stats/info')).toMatchObject({ Service: 'stats', Requests: 1 });
    expect(mockDetectorLoaded).not.toHaveBeenCalled();
  });

  it('writes each line whole to the output it is given instead of stdout', async () => {
    const writes: string[] = [];
    const lines = await metricLinesDuring(async () => {
      const metrics = new RouteMetrics({ service: 'stats', environment: 'local', output: { write: (text: string) => writes.push(text) } });
      metrics.record('GET /api/stats/info', 200, 3);
      metrics.record('GET /api/stats/:id', 404, 1);
      await metrics.flush();
    });
    expect(lines.size).toBe(0);
    expect(writes).toHaveLength(2);
    expect(writes.map((text) => (JSON.parse(text) as { Route: string }).Route).sort()).toEqual(['GET /api/stats/:id', 'GET /api/stats/info']);
    expect(writes.every((text) => text.endsWith('\n') && !text.slice(0, -1).includes('\n'))).toBe(true);
  });
});
