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
});
