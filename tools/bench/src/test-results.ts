import { REGISTRY_PATH } from '@todo/service-registry';
import type { ApiCase, BenchResults, LoadStats } from './results';

/** Builds results for specs: every budget met unless `overrides` say otherwise. */
export function passingResults(overrides: Partial<BenchResults> = {}): BenchResults {
  const load = (rps: number): LoadStats => ({ requests: rps * 5, errors: 0, durationS: 5, rps, p50Ms: 2, p99Ms: 9 });
  const apiCase = (operation: ApiCase['operation'], connections: number): ApiCase => ({
    operation,
    connections,
    store: load(1000),
    api: load(900),
    ratio: 0.9,
    pooledRatio: 0.9,
    roundRatios: [0.88, 0.9, 0.92],
    backendCpuMsPerRequest: 0.5,
    backendCpuMsPerRequestPooled: 0.6,
    storeCpuMsPerRequest: { api: 0.6, store: 0.6 },
    driverCpuMsPerRequest: 0.48,
    driverCpuMsPerRequestPooled: 0.55,
    loadGeneratorCpuMsPerRequest: 0.2,
  });
  return {
    mode: 'full',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:05:00.000Z',
    machine: { cores: 2, cpuModel: 'test cpu', node: 'v24.22.3', loadAverageStart: [1, 0.5, 0.25], loadAverageEnd: [2, 1, 0.5], commit: 'abc1234' },
    api: (['list', 'create', 'toggle'] as const).flatMap((operation) => [apiCase(operation, 10), apiCase(operation, 50)]),
    nginx: (['list', 'create'] as const).flatMap((operation) =>
      [1, 10].map((connections) => ({
        operation,
        connections,
        direct: load(1000),
        proxied: load(950),
        addedP50Ms: connections === 1 ? 0.4 : 1.2,
        addedP99Ms: 1.5,
      })),
    ),
    startup: { runsMs: [300, 310, 290], medianMs: 300, cpuMsAtReadyMedian: 250, referenceRunsMs: [60, 70, 50], referenceMedianMs: 60, bundleBytes: 2_000_000, bundleGzipBytes: 500_000 },
    frontendBuild: {
      files: [{ file: 'assets/index.js', kind: 'js', initial: true, rawBytes: 200_000, gzipBytes: 64_000 }],
      initialJsGzipBytes: 64_000,
      jsRawBytes: 200_000,
      jsGzipBytes: 64_000,
      cssRawBytes: 4_000,
      cssGzipBytes: 1_500,
    },
    browser: [
      { todos: 100, firstVisibleMs: 150, allVisibleMs: 160, runs: [{ firstVisibleMs: 150, allVisibleMs: 160 }] },
      {
        todos: 5000,
        firstVisibleMs: 300,
        allVisibleMs: 1500,
        toggleRepaintMs: 40,
        runs: [{ firstVisibleMs: 300, allVisibleMs: 1500, toggleRepaintMs: 40, toggleParts: { inputDelayMs: 2, updateMs: 20, frameMs: 18 } }],
      },
    ],
    planner: {
      repo: { projects: 9, runsMs: [3000], medianMs: 3000, cpuRunsMs: [2500], cpuMedianMs: 2500 },
      scaling: [
        { projects: 0, runsMs: [1000], medianMs: 1000, cpuRunsMs: [900], cpuMedianMs: 900 },
        { projects: 100, runsMs: [2000], medianMs: 2000, cpuRunsMs: [1900], cpuMedianMs: 1900 },
        { projects: 500, runsMs: [6000], medianMs: 6000, cpuRunsMs: [5900], cpuMedianMs: 5900 },
      ],
      fit: { msPerProject: 10, fixedMs: 1000, r2: 1 },
      growthExponent: 1,
    },
    nodeVersions: {
      pinned: { version: '24.22.3', startupMedianMs: 280, cpuMsAtReadyMedian: 250, createCpuMsPerRequest: 0.6, listCpuMsPerRequest: 0.9 },
      previous: { version: '20.20.2', startupMedianMs: 350, cpuMsAtReadyMedian: 250, createCpuMsPerRequest: 0.8, listCpuMsPerRequest: 1.2 },
      ratios: { startup: 0.8, cpuAtReady: 1, create: 0.75, list: 0.75 },
    },
    generator: {
      files: ['CREATE apps/stats/project.json', `UPDATE ${REGISTRY_PATH}`],
      stacks: { two: 8, three: 11 },
      generateRunsMs: [9000],
      generateMedianMs: 9000,
      synthTwoServicesRunsMs: [20000],
      synthTwoServicesMedianMs: 20000,
      synthThreeServicesRunsMs: [26000],
      synthThreeServicesMedianMs: 26000,
      synthRatio: 1.3,
    },
    containers: {
      engine: 'podman',
      images: [
        { service: 'backend', sizeBytes: 256e6, addedBytes: 3.6e6, coldBuildMs: [20_000], cachedBuildMs: [12_000] },
        { service: 'frontend', sizeBytes: 140e6, addedBytes: 0.3e6, coldBuildMs: [25_000], cachedBuildMs: [15_000] },
      ],
      startToFirst200Ms: [20_000],
      startToFirst200MedianMs: 20_000,
      bareContainerStartMedianMs: 1_000,
    },
    shipping: { commits: 40, decisions: 78, caught: 20, missed: 0, needless: 1, recall: 1, precision: 20 / 21, disagreements: [] },
    failures: [],
    budgets: [],
    ...overrides,
  };
}
