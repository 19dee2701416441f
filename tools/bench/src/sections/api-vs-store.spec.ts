import { apiSection, type ApiCase } from './api-vs-store';

const apiCase = (operation: ApiCase['operation'], connections: number, backendCpu: number, driverCpu: number): ApiCase => ({
  operation, connections, storeRps: 1000, floorRps: 950, apiRps: 900, floorRatio: 95, ratio: 90, pooledRatio: 90, roundRatios: [88, 90, 92],
  storeP50: 2, storeP99: 9, apiP50: 2, apiP99: 9, storeRequests: 2000, floorRequests: 1900, apiRequests: 1800, storeErrors: 0, floorErrors: 0, apiErrors: 0,
  backendCpu, backendCpuPooled: backendCpu, floorCpu: driverCpu * 1.1, driverCpu, driverCpuPooled: driverCpu, floorOverSdk: 1.1, backendOverSdk: backendCpu / driverCpu,
  dynaliteStore: 0.6, dynaliteApi: 0.6, autocannon: 0.2,
});

describe('apiSection', () => {
  it('reads the CPU budget from the concurrency where the backend is furthest above the SDK, not the cheapest SDK figure of the run', () => {
    const section = apiSection([apiCase('toggle', 10, 0.5, 0.45), apiCase('toggle', 50, 0.6, 0.5), apiCase('create', 10, 1.1, 1)]);
    expect(section.figures['toggle-backend-over-sdk-cpu-worst']).toBeCloseTo(1.2);
    expect(section.details?.['toggle-backend-over-sdk-cpu-worst']).toBe('0.600 ms vs 0.500 ms at 50 connections (HTTP floor 0.550 ms)');
    expect(section.figures['create-backend-over-sdk-cpu-worst']).toBeCloseTo(1.1);
    expect(section.figures['toggle-10-api-over-store-percent']).toBe(90);
    expect(section.figures['toggle-10-http-floor-over-store-percent']).toBe(95);
    expect(section.figures['toggle-10-http-floor-over-sdk-cpu']).toBe(1.1);
  });

  it('reports failed and missing requests as problems', () => {
    const failed = { ...apiCase('create', 10, 0.5, 0.5), apiErrors: 3 };
    const idle = { ...apiCase('create', 50, 0.5, 0.5), floorRequests: 0 };
    expect(apiSection([failed, idle]).problems).toEqual(['create x10 had 0 store, 0 HTTP floor and 3 API errors', 'create x50 completed no request']);
  });
});
