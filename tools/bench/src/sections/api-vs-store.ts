import type { BenchConfig } from '../config';
import { runHttpLoad, type HttpRequestSpec } from '../load/http-load';
import { poolLoads, type RawLoad } from '../load/load-stats';
import { createRequest, listRequest, TOGGLE_POOL_PER_CONNECTION, toggleRequests } from '../load/api-requests';
import { seedTodos, type SeededTodo } from '../load/seed';
import { runClosedLoop } from '../load/store-load';
import { processCpuMs } from '../processes/proc-cpu';
import { median, startBackend, startEmbeddedDynamoDb, type BackendProcess } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { productionLogging } from '../processes/backend-logging';
import type { ApiCase, ApiOperation } from '../results';
import { storeOperations, type StoreOperations } from '../store/store-operations';

const TABLE = 'bench-api';

/** Both sides of one case: the API request, and the store call the backend makes for it. */
interface CaseSides {
  api: HttpRequestSpec;
  /** Puts the API side's state right after a run stopped with requests in flight. */
  afterApiRun?: (origin: string) => Promise<void>;
  store: (caller: number) => Promise<void>;
}

/** Todos each toggle case takes from the seeded ones: the API side's pool, and one per store caller. */
function toggleTodosNeeded(connections: number): number {
  return connections * (TOGGLE_POOL_PER_CONNECTION + 1);
}

/** Each toggle side owns its todos: a pool for the API side, one todo per caller for the store side. */
function toggleSides(todos: SeededTodo[], connections: number, store: StoreOperations): CaseSides {
  if (todos.length < toggleTodosNeeded(connections)) throw new Error(`toggle at ${connections} connections needs ${toggleTodosNeeded(connections)} todos`);
  const toggles = toggleRequests(todos.slice(0, connections * TOGGLE_POOL_PER_CONNECTION));
  const storeOwned = todos.slice(connections * TOGGLE_POOL_PER_CONNECTION).map((todo) => ({ ...todo }));
  return {
    api: toggles.spec,
    afterApiRun: (origin) => toggles.resync(origin),
    store: async (caller) => {
      const todo = storeOwned[caller] as SeededTodo;
      todo.version = await store.toggle(todo.id, !todo.completed, todo.version);
      todo.completed = !todo.completed;
    },
  };
}

/**
 * Section 1: for each operation and concurrency, the store driven alone through lib-dynamodb,
 * then the backend's API doing the same work, alternating in rounds against one dynalite process.
 */
export async function measureApiVsStore(config: BenchConfig, log: (line: string) => void): Promise<ApiCase[]> {
  const storeProcess = await startEmbeddedDynamoDb({ ownProcess: true });
  const store = storeOperations(storeProcess.endpoint, TABLE);
  let backend: BackendProcess | undefined;
  try {
    await ensureTable(storeProcess.client, TABLE);
    backend = await startBackend({ dynamoDbEndpoint: storeProcess.endpoint, tableName: TABLE, ...productionLogging });
    const todos = await seedTodos(backend.url, config.listTableSize);
    log(`  seeded ${todos.length} todos`);

    const cases: ApiCase[] = [];
    // Lists first, while the table holds exactly the seeded todos; creates last, as they grow it.
    const operations: ApiOperation[] = ['list', 'toggle', 'create'];
    for (const operation of operations) {
      for (const connections of config.connections) {
        const sides: CaseSides =
          operation === 'list'
            ? { api: listRequest, store: () => store.listPage() }
            : operation === 'create'
              ? { api: createRequest, store: () => store.create('Benchmark todo') }
              : toggleSides(todos.splice(0, toggleTodosNeeded(connections)), connections, store);
        const measured = await measureCase(config, sides, connections, backend.url, backend.pid, storeProcess.pid);
        cases.push({ operation, connections, ...measured });
        log(
          `  ${operation} x${connections}: store ${measured.store.rps.toFixed(0)}/s, API ${measured.api.rps.toFixed(0)}/s ` +
            `(${(measured.ratio * 100).toFixed(1)}%), backend CPU ${measured.backendCpuMsPerRequest.toFixed(3)} ms/req`,
        );
      }
    }
    return cases;
  } finally {
    store.destroy();
    await backend?.stop();
    await storeProcess.stop();
  }
}

async function measureCase(
  config: BenchConfig,
  sides: CaseSides,
  connections: number,
  origin: string,
  backendPid: number,
  storePid: number,
): Promise<Omit<ApiCase, 'operation' | 'connections'>> {
  const runStore = () => runClosedLoop(sides.store, connections, config.runSeconds);
  if (config.warmupSeconds > 0) {
    await runClosedLoop(sides.store, connections, config.warmupSeconds);
    await runHttpLoad(origin, sides.api, connections, config.warmupSeconds);
    await sides.afterApiRun?.(origin);
  }

  const storeRuns: RawLoad[] = [];
  const apiRuns: RawLoad[] = [];
  const cpu = { backend: 0, storeForApi: 0, storeForStore: 0, driver: 0, loadGenerator: 0 };
  const backendPerRequestByRound: number[] = [];
  const driverPerOperationByRound: number[] = [];
  for (let round = 0; round < config.rounds; round++) {
    // Alternating which side goes first cancels a slow drift of the machine's load.
    const order = round % 2 === 0 ? (['store', 'api'] as const) : (['api', 'store'] as const);
    for (const side of order) {
      const storeBefore = processCpuMs(storePid);
      if (side === 'store') {
        const driverBefore = process.cpuUsage();
        const storeRun = await runStore();
        const driverUsed = process.cpuUsage(driverBefore);
        storeRuns.push(storeRun);
        const driverMs = (driverUsed.user + driverUsed.system) / 1000;
        cpu.driver += driverMs;
        driverPerOperationByRound.push(driverMs / Math.max(storeRun.latenciesMs.length, 1));
        cpu.storeForStore += processCpuMs(storePid) - storeBefore;
      } else {
        const backendBefore = processCpuMs(backendPid);
        const generatorBefore = process.cpuUsage();
        const apiRun = await runHttpLoad(origin, sides.api, connections, config.runSeconds);
        const generatorUsed = process.cpuUsage(generatorBefore);
        cpu.loadGenerator += (generatorUsed.user + generatorUsed.system) / 1000;
        apiRuns.push(apiRun);
        const backendUsed = processCpuMs(backendPid) - backendBefore;
        cpu.backend += backendUsed;
        backendPerRequestByRound.push(backendUsed / Math.max(apiRun.latenciesMs.length, 1));
        cpu.storeForApi += processCpuMs(storePid) - storeBefore;
        // After the CPU readings: reading the in-flight todos back is not the measured work.
        await sides.afterApiRun?.(origin);
      }
    }
  }

  const storeStats = poolLoads(storeRuns);
  const apiStats = poolLoads(apiRuns);
  const rps = (run: RawLoad) => run.latenciesMs.length / run.durationS;
  const roundRatios = apiRuns.map((run, index) => rps(run) / rps(storeRuns[index] as RawLoad));
  return {
    store: storeStats,
    api: apiStats,
    ratio: median(roundRatios),
    pooledRatio: apiStats.rps / storeStats.rps,
    roundRatios,
    backendCpuMsPerRequest: Math.min(...backendPerRequestByRound),
    backendCpuMsPerRequestPooled: cpu.backend / apiStats.requests,
    storeCpuMsPerRequest: { api: cpu.storeForApi / apiStats.requests, store: cpu.storeForStore / storeStats.requests },
    driverCpuMsPerRequest: Math.min(...driverPerOperationByRound),
    driverCpuMsPerRequestPooled: cpu.driver / storeStats.requests,
    loadGeneratorCpuMsPerRequest: cpu.loadGenerator / apiStats.requests,
  };
}
