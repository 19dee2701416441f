import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { findFreePort } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import { startChild, waitForHttp, type RunningChild } from '@todo/test-harness';
import { processCpuMs } from '../processes/proc-cpu';
import { workspaceRoot } from '../paths';
import { assertBackendBuilt, backendBundle, createTodoTable, launchBackend, startStoreProcess } from '../processes/services';
import type { StartupResult } from '../results';
import { median } from '../stats';

const TABLE = 'bench-startup';

/** A Node HTTP server that does nothing else: the floor under any service's start-up here. */
function bareServer(port: number): string {
  return `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
}

/** Launches a server on a free port and polls `path` every 2 ms until it answers 200; then stops it. */
async function timeLaunch(launch: (port: number) => RunningChild, path: string): Promise<{ ms: number; cpuMs: number }> {
  const port = await findFreePort();
  const started = performance.now();
  const child = launch(port);
  try {
    await waitForHttp(`http://127.0.0.1:${port}${path}`, child, { name: 'launched server', intervalMs: 2 });
    const ms = performance.now() - started;
    return { ms, cpuMs: processCpuMs(child.child.pid ?? 0) };
  } finally {
    await child.stop();
  }
}

/** Section 3: launch of the bundle to the first 200 from `/ready` (polled every 2 ms), several times. */
export async function measureStartup(config: BenchConfig): Promise<StartupResult> {
  assertBackendBuilt();
  const storeProcess = await startStoreProcess();
  try {
    await createTodoTable(storeProcess.endpoint, TABLE);
    const runsMs: number[] = [];
    const cpuAtReady: number[] = [];
    const referenceRunsMs: number[] = [];
    for (let run = 0; run < config.startupRuns; run++) {
      referenceRunsMs.push((await timeLaunch((port) => startChild(process.execPath, ['-e', bareServer(port)], { cwd: workspaceRoot, env: {} }), '/')).ms);
      const backend = await timeLaunch((port) => launchBackend(storeProcess.endpoint, TABLE, port), '/ready');
      runsMs.push(backend.ms);
      cpuAtReady.push(backend.cpuMs);
    }
    return {
      runsMs,
      medianMs: median(runsMs),
      cpuMsAtReadyMedian: median(cpuAtReady),
      referenceRunsMs,
      referenceMedianMs: median(referenceRunsMs),
      bundleBytes: statSync(backendBundle).size,
      bundleGzipBytes: gzipSync(readFileSync(backendBundle)).length,
    };
  } finally {
    await storeProcess.child.stop();
  }
}
