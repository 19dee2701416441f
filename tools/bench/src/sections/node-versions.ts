import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, median, startBackend, startEmbeddedDynamoDb, workspaceRoot, type BackendProcess } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import type { BenchConfig } from '../config';
import { createRequest, listRequest } from '../load/api-requests';
import { runHttpLoad, type HttpRequestSpec } from '../load/http-load';
import { seedTodos } from '../load/seed';
import { processCpuMs } from '../processes/proc-cpu';
import { productionLogging } from '../processes/backend-logging';
import type { NodeRuntimeFigures, NodeVersionsResult } from '../results';

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
async function cpuPerRequest(backend: BackendProcess, spec: HttpRequestSpec, seconds: number): Promise<number> {
  const before = processCpuMs(backend.pid);
  const run = await runHttpLoad(backend.url, spec, CONNECTIONS, seconds);
  if (run.errors) throw new Error(`${spec.method} ${spec.path} had ${run.errors} failed requests`);
  return (processCpuMs(backend.pid) - before) / Math.max(run.latenciesMs.length, 1);
}

/** One launch of the bundle on `node`: time and CPU to the first 200 from /ready, then CPU per create and list. */
async function sample(node: string, endpoint: string, config: BenchConfig): Promise<Sample> {
  const port = await findFreePort();
  const started = performance.now();
  const backend = await startBackend({ dynamoDbEndpoint: endpoint, tableName: TABLE, port, node, pollIntervalMs: 2, ...productionLogging });
  const origin = backend.url;
  try {
    const startupMs = performance.now() - started;
    const cpuMsAtReady = processCpuMs(backend.pid);
    // Unmeasured warm-up: the JIT and the connections to the store, on both runtimes alike.
    if (config.warmupSeconds > 0) {
      await runHttpLoad(origin, listRequest, CONNECTIONS, config.warmupSeconds);
      await runHttpLoad(origin, createRequest, CONNECTIONS, config.warmupSeconds);
    }
    const listCpuMs = await cpuPerRequest(backend, listRequest, config.runSeconds);
    const createCpuMs = await cpuPerRequest(backend, createRequest, config.runSeconds);
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
  const pinnedVersion = readFileSync(join(workspaceRoot, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
  const runtimes = [
    { version: pinnedVersion, node: nodeBinary(pinnedVersion), samples: [] as Sample[] },
    { version: PREVIOUS_NODE, node: nodeBinary(PREVIOUS_NODE), samples: [] as Sample[] },
  ];
  const store = await startEmbeddedDynamoDb({ ownProcess: true });
  try {
    await ensureTable(store.client, TABLE);
    // A full first page for the list requests, stored by the backend itself.
    const seeder = await startBackend({ dynamoDbEndpoint: store.endpoint, tableName: TABLE, node: nodeBinary(pinnedVersion), ...productionLogging });
    try {
      await seedTodos(seeder.url, 50);
    } finally {
      await seeder.stop();
    }
    for (let round = 0; round < config.rounds; round++) {
      const order = round % 2 === 0 ? runtimes : [...runtimes].reverse();
      for (const runtime of order) runtime.samples.push(await sample(runtime.node, store.endpoint, config));
    }
  } finally {
    await store.stop();
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
