import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { findFreePort, median, startBackend, startChild, startEmbeddedDynamoDb, waitForHttp, workspacePaths, workspaceRoot } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import type { BenchConfig } from '../config';
import { productionLogging } from '../processes/bench-stack';
import { processCpuMs } from '../processes/proc-cpu';
import type { Section } from '../results';

const TABLE = 'bench-startup';
/** How often start-up polls for the first 200. */
const POLL_INTERVAL_MS = 2;

/** A Node HTTP server that does nothing else, launched on a free port and polled until it answers: the floor under any start-up here. */
async function timeBareServer(): Promise<number> {
  const port = await findFreePort();
  const started = performance.now();
  const server = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
  const child = startChild(process.execPath, ['-e', server], { cwd: workspaceRoot, env: {} });
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

/** Section 3: launch of the bundle to the first 200 from `/ready`, several times, a bare Node server launched between them. */
export async function measureStartup(config: BenchConfig): Promise<Section> {
  const store = await startEmbeddedDynamoDb({ ownProcess: true });
  const runs = { backend: [] as number[], cpu: [] as number[], bare: [] as number[] };
  try {
    await ensureTable(store.client, TABLE);
    for (let run = 0; run < config.startupRuns; run++) {
      runs.bare.push(await timeBareServer());
      const backend = await timeBackend(store.endpoint);
      runs.backend.push(backend.ms);
      runs.cpu.push(backend.cpuMs);
    }
  } finally {
    await store.stop();
  }
  const bundle = readFileSync(workspacePaths.backendBundle);
  return {
    title: '3. Start-up',
    figures: {
      'median-ms': median(runs.backend), 'cpu-at-ready-median-ms': median(runs.cpu), 'bare-node-median-ms': median(runs.bare),
      'bundle-kb': bundle.length / 1024, 'bundle-gzip-kb': gzipSync(bundle).length / 1024,
    },
    tables: [
      {
        columns: [['what', 'launched'], ['median', 'to first 200, median ms', 0], ['runs', 'runs ms', 0], ['cpu', 'CPU used by then, median ms', 0]],
        rows: [
          { what: '`node apps/backend/dist/main.js`, `/ready`', median: median(runs.backend), runs: runs.backend, cpu: median(runs.cpu) },
          { what: 'bare Node HTTP server', median: median(runs.bare), runs: runs.bare },
        ],
      },
    ],
  };
}
