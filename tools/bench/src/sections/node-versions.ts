import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, median, startBackend, startEmbeddedDynamoDb, workspaceRoot, type BackendProcess } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import type { BenchConfig } from '../config';
import { runHttpLoad, type HttpRequestSpec } from '../load/load-runs';
import { createRequest, listRequest, seedTodos } from '../load/todo-requests';
import { productionLogging } from '../processes/bench-stack';
import { processCpuMs } from '../processes/proc-cpu';
import type { Section } from '../results';

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

/**
 * The same backend bundle on the pinned Node and on the previous one, launches alternating in
 * rounds against one store, so the machine's changing load falls on both alike.
 */
export async function measureNodeVersions(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  const pinnedVersion = readFileSync(join(workspaceRoot, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
  const runtimes = [
    { node: nodeBinary(pinnedVersion), samples: [] as Sample[] },
    { node: nodeBinary(PREVIOUS_NODE), samples: [] as Sample[] },
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
  const medians = (at: number, node: string) => {
    const of = (pick: (sample: Sample) => number) => median((runtimes[at] as (typeof runtimes)[number]).samples.map(pick));
    return { node, startup: of((s) => s.startupMs), cpuAtReady: of((s) => s.cpuMsAtReady), create: of((s) => s.createCpuMs), list: of((s) => s.listCpuMs) };
  };
  const pinned = medians(0, `${pinnedVersion} (pinned)`);
  const previous = medians(1, `${PREVIOUS_NODE} (previous)`);
  const [startup, cpuAtReady, create, list] = (['startup', 'cpuAtReady', 'create', 'list'] as const).map((key) => pinned[key] / previous[key]) as [number, number, number, number];
  log(`  Node ${pinnedVersion} / ${PREVIOUS_NODE}: start-up ${startup.toFixed(2)}, create CPU ${create.toFixed(2)}, list CPU ${list.toFixed(2)}`);
  return {
    title: '6. Node versions',
    figures: { 'startup-ratio': startup, 'cpu-at-ready-ratio': cpuAtReady, 'create-cpu-ratio': create, 'list-cpu-ratio': list },
    tables: [
      {
        columns: [
          ['node', 'Node'], ['startup', 'start-up median ms', 0], ['cpuAtReady', 'CPU at ready ms', 0], ['create', 'create CPU ms/req', 3],
          ['list', 'list-50 CPU ms/req', 3],
        ],
        rows: [pinned, previous, { node: 'ratio', startup, cpuAtReady, create, list }],
      },
    ],
  };
}
