import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { findFreePort, median, startBackend, startChild, startEmbeddedDynamoDb, waitForHttp, workspacePaths, workspaceRoot } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import type { BenchConfig } from '../config';
import { productionLogging } from '../processes/backend-logging';
import { processCpuMs } from '../processes/proc-cpu';
import type { StartupResult } from '../results';

const TABLE = 'bench-startup';

/** A Node HTTP server that does nothing else: the floor under any service's start-up here. */
function bareServer(port: number): string {
  return `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
}

/** How often start-up polls for the first 200. */
const POLL_INTERVAL_MS = 2;

/** Launches the bare server on a free port and polls it until it answers 200; then stops it. */
async function timeBareServer(): Promise<number> {
  const port = await findFreePort();
  const started = performance.now();
  const child = startChild(process.execPath, ['-e', bareServer(port)], { cwd: workspaceRoot, env: {} });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, child, { name: 'bare server', intervalMs: POLL_INTERVAL_MS });
    return performance.now() - started;
  } finally {
    await child.stop();
  }
}

/** Launches the backend bundle on a free port and polls `/ready` until it answers 200; then stops it. */
async function timeBackend(storeEndpoint: string): Promise<{ ms: number; cpuMs: number }> {
  const port = await findFreePort();
  const started = performance.now();
  const backend = await startBackend({ dynamoDbEndpoint: storeEndpoint, tableName: TABLE, port, pollIntervalMs: POLL_INTERVAL_MS, ...productionLogging });
  try {
    return { ms: performance.now() - started, cpuMs: processCpuMs(backend.pid) };
  } finally {
    await backend.stop();
  }
}

/** Section 3: launch of the bundle to the first 200 from `/ready` (polled every 2 ms), several times. */
export async function measureStartup(config: BenchConfig): Promise<StartupResult> {
  const store = await startEmbeddedDynamoDb({ ownProcess: true });
  try {
    await ensureTable(store.client, TABLE);
    const runsMs: number[] = [];
    const cpuAtReady: number[] = [];
    const referenceRunsMs: number[] = [];
    for (let run = 0; run < config.startupRuns; run++) {
      referenceRunsMs.push(await timeBareServer());
      const backend = await timeBackend(store.endpoint);
      runsMs.push(backend.ms);
      cpuAtReady.push(backend.cpuMs);
    }
    return {
      runsMs,
      medianMs: median(runsMs),
      cpuMsAtReadyMedian: median(cpuAtReady),
      referenceRunsMs,
      referenceMedianMs: median(referenceRunsMs),
      bundleBytes: statSync(workspacePaths.backendBundle).size,
      bundleGzipBytes: gzipSync(readFileSync(workspacePaths.backendBundle)).length,
    };
  } finally {
    await store.stop();
  }
}
