import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { findFreePort } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import { waitForOk } from '../processes/child-process';
import { assertBackendBuilt, backendBundle, createTodoTable, launchBackend, startStoreProcess } from '../processes/services';
import type { StartupResult } from '../results';
import { median } from '../stats';

const TABLE = 'bench-startup';

/** Section 3: launch of the bundle to the first 200 from `/ready` (polled every 2 ms), several times. */
export async function measureStartup(config: BenchConfig): Promise<StartupResult> {
  assertBackendBuilt();
  const storeProcess = await startStoreProcess();
  try {
    await createTodoTable(storeProcess.endpoint, TABLE);
    const runsMs: number[] = [];
    for (let run = 0; run < config.startupRuns; run++) {
      const port = await findFreePort();
      const started = performance.now();
      const backend = launchBackend(storeProcess.endpoint, TABLE, port);
      try {
        await waitForOk(`http://127.0.0.1:${port}/ready`, backend, { intervalMs: 2 });
        runsMs.push(performance.now() - started);
      } finally {
        await backend.stop();
      }
    }
    return {
      runsMs,
      medianMs: median(runsMs),
      bundleBytes: statSync(backendBundle).size,
      bundleGzipBytes: gzipSync(readFileSync(backendBundle)).length,
    };
  } finally {
    await storeProcess.child.stop();
  }
}
