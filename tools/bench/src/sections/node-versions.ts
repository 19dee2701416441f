import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, waitForHttp, type RunningChild } from '@todo/test-harness';
import type { BenchConfig } from '../config';
import { createRequest, listRequest } from '../load/api-requests';
import { runHttpLoad, type HttpRequestSpec } from '../load/http-load';
import { seedTodos } from '../load/seed';
import { workspaceRoot } from '../paths';
import { processCpuMs } from '../processes/proc-cpu';
import { assertBackendBuilt, createTodoTable, launchBackend, startStoreProcess } from '../processes/services';
import type { NodeRuntimeFigures, NodeVersionsResult } from '../results';
import { median } from '../stats';

const TABLE = 'bench-node-versions';
/** The Node the project ran on before Node 24: the reference the move is measured against. */
export const PREVIOUS_NODE = '20.20.2';
const CONNECTIONS = 10;

/** The `node` binary of `version`, installed from the npm registry by the same script CI uses. */
function nodeBinary(version: string): string {
  const bin = execFileSync('bash', [join(workspaceRoot, 'tools/node/install-pinned-node.sh'), version], { encoding: 'utf8' }).trim();
  return join(bin, 'node');
}

interface Sample {
  startupMs: number;
  cpuMsAtReady: number;
  createCpuMs: number;
  listCpuMs: number;
}

/** Backend CPU per request over one load run, in ms. */
async function cpuPerRequest(backend: RunningChild, origin: string, spec: HttpRequestSpec, seconds: number): Promise<number> {
  const before = processCpuMs(backend.child.pid ?? 0);
  const run = await runHttpLoad(origin, spec, CONNECTIONS, seconds);
  if (run.errors) throw new Error(`${spec.method} ${spec.path} had ${run.errors} failed requests`);
  return (processCpuMs(backend.child.pid ?? 0) - before) / Math.max(run.latenciesMs.length, 1);
}

/** One launch of the bundle on `node`: time and CPU to the first 200 from /ready, then CPU per create and list. */
async function sample(node: string, endpoint: string, config: BenchConfig): Promise<Sample> {
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const backend = launchBackend(endpoint, TABLE, port, node);
  try {
    await waitForHttp(`${origin}/ready`, backend, { name: `backend on ${node}`, intervalMs: 2 });
    const startupMs = performance.now() - started;
    const cpuMsAtReady = processCpuMs(backend.child.pid ?? 0);
    // Unmeasured warm-up: the JIT and the connections to the store, on both runtimes alike.
    if (config.warmupSeconds > 0) {
      await runHttpLoad(origin, listRequest, CONNECTIONS, config.warmupSeconds);
      await runHttpLoad(origin, createRequest, CONNECTIONS, config.warmupSeconds);
    }
    const listCpuMs = await cpuPerRequest(backend, origin, listRequest, config.runSeconds);
    const createCpuMs = await cpuPerRequest(backend, origin, createRequest, config.runSeconds);
    return { startupMs, cpuMsAtReady, createCpuMs, listCpuMs };
  } finally {
    await backend.stop();
  }
}

function summarize(version: string, samples: Sample[]): NodeRuntimeFigures {
  return {
    version,
    startupMedianMs: median(samples.map((s) => s.startupMs)),
    cpuMsAtReadyMedian: median(samples.map((s) => s.cpuMsAtReady)),
    createCpuMsPerRequest: median(samples.map((s) => s.createCpuMs)),
    listCpuMsPerRequest: median(samples.map((s) => s.listCpuMs)),
  };
}

/**
 * The same backend bundle on the pinned Node and on the previous one, launches alternating in
 * rounds against one store, so the machine's changing load falls on both alike.
 */
export async function measureNodeVersions(config: BenchConfig, log: (line: string) => void): Promise<NodeVersionsResult> {
  assertBackendBuilt();
  const pinnedVersion = readFileSync(join(workspaceRoot, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
  const runtimes = [
    { version: pinnedVersion, node: nodeBinary(pinnedVersion), samples: [] as Sample[] },
    { version: PREVIOUS_NODE, node: nodeBinary(PREVIOUS_NODE), samples: [] as Sample[] },
  ];
  const store = await startStoreProcess();
  try {
    await createTodoTable(store.endpoint, TABLE);
    // A full first page for the list requests, stored by the backend itself.
    const seederPort = await findFreePort();
    const seeder = launchBackend(store.endpoint, TABLE, seederPort, nodeBinary(pinnedVersion));
    try {
      const origin = `http://127.0.0.1:${seederPort}`;
      await waitForHttp(`${origin}/ready`, seeder, { name: 'seeding backend' });
      await seedTodos(origin, 50);
    } finally {
      await seeder.stop();
    }
    for (let round = 0; round < config.rounds; round++) {
      const order = round % 2 === 0 ? runtimes : [...runtimes].reverse();
      for (const runtime of order) runtime.samples.push(await sample(runtime.node, store.endpoint, config));
    }
  } finally {
    await store.child.stop();
  }
  const [pinned, previous] = runtimes.map((runtime) => summarize(runtime.version, runtime.samples)) as [NodeRuntimeFigures, NodeRuntimeFigures];
  const result: NodeVersionsResult = {
    pinned,
    previous,
    ratios: {
      startup: pinned.startupMedianMs / previous.startupMedianMs,
      cpuAtReady: pinned.cpuMsAtReadyMedian / previous.cpuMsAtReadyMedian,
      create: pinned.createCpuMsPerRequest / previous.createCpuMsPerRequest,
      list: pinned.listCpuMsPerRequest / previous.listCpuMsPerRequest,
    },
  };
  log(
    `  Node ${pinned.version} / ${previous.version}: start-up ${result.ratios.startup.toFixed(2)}, ` +
      `create CPU ${result.ratios.create.toFixed(2)}, list CPU ${result.ratios.list.toFixed(2)}`,
  );
  return result;
}
