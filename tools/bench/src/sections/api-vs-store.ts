import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { median } from '@todo/test-harness';
import { createDynamoDbClient, creationPageQuery, defaultClientSettings, itemAttributes, newTodoPut, randomTodoId, todoDocumentClient, versionedUpdate } from '@todo/todo-table';
import type { BenchConfig } from '../config';
import { poolLoads, runClosedLoop, runHttpLoad, type HttpRequestSpec, type RawLoad } from '../load/load-runs';
import { createRequest, listRequest, seedTodos, toggleRequests, TOGGLE_POOL_PER_CONNECTION, type SeededTodo } from '../load/todo-requests';
import { startBenchStack } from '../processes/bench-stack';
import { processCpuMs } from '../processes/proc-cpu';
import type { Column, Section } from '../results';

const TABLE = 'bench-api';
/** Both sides of one case: the API request, and the store call the backend makes for it. */
interface CaseSides {
  api: HttpRequestSpec;
  /** Puts the API side's state right after a run stopped with requests in flight. */
  afterApiRun?: (origin: string) => Promise<void>;
  store: (caller: number) => Promise<void>;
}

/**
 * Section 1: for each operation and concurrency, the backend's own DynamoDB calls (`@todo/todo-table`'s
 * inputs, client and item) driven alone through lib-dynamodb, then the API doing the same work,
 * alternating in rounds against one dynalite process.
 */
export async function measureApiVsStore(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  const stack = await startBenchStack(TABLE);
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const client = todoDocumentClient(createDynamoDbClient(defaultClientSettings, { endpoint: stack.store.endpoint, region: 'us-east-1', credentials }));
  try {
    const todos = await seedTodos(stack.backend.url, config.listTableSize);
    log(`  seeded ${todos.length} todos`);
    const storeSides = {
      list: { api: listRequest, store: async () => void (await client.send(new QueryCommand(creationPageQuery(TABLE, { limit: 51 })))) },
      create: {
        api: createRequest,
        store: async () => {
          const now = new Date().toISOString();
          const todo = { id: randomTodoId(), title: 'Benchmark todo', completed: false, createdAt: now, updatedAt: now, version: 1 };
          await client.send(new PutCommand(newTodoPut(TABLE, todo)));
        },
      },
    };
    /** Each toggle side owns its todos: a pool for the API side, one todo per caller for the store side. */
    const toggleSides = (connections: number): CaseSides => {
      const owned = todos.splice(0, connections * (TOGGLE_POOL_PER_CONNECTION + 1));
      if (owned.length < connections * (TOGGLE_POOL_PER_CONNECTION + 1)) throw new Error(`toggle at ${connections} connections needs more seeded todos`);
      const toggles = toggleRequests(owned.slice(0, connections * TOGGLE_POOL_PER_CONNECTION));
      const storeOwned: SeededTodo[] = owned.slice(connections * TOGGLE_POOL_PER_CONNECTION);
      const store = async (caller: number) => {
        const todo = storeOwned[caller] as SeededTodo;
        const update = versionedUpdate(TABLE, todo.id, { completed: !todo.completed }, new Date().toISOString(), todo.version);
        todo.version = (await client.send(new UpdateCommand(update))).Attributes?.[itemAttributes.version] as number;
        todo.completed = !todo.completed;
      };
      return { api: toggles.spec, afterApiRun: (origin) => toggles.resync(origin), store };
    };

    const cases: ApiCase[] = [];
    // Lists first, while the table holds exactly the seeded todos; creates last, as they grow it.
    for (const operation of ['list', 'toggle', 'create'] as const) {
      for (const connections of config.connections) {
        const sides = operation === 'toggle' ? toggleSides(connections) : storeSides[operation];
        const measured = { operation, connections, ...(await measureCase(config, sides, connections, stack.backend, stack.store.pid)) };
        cases.push(measured);
        log(`  ${operation} x${connections}: store ${measured.storeRps.toFixed(0)}/s, API ${measured.apiRps.toFixed(0)}/s (${measured.ratio.toFixed(1)}%)`);
      }
    }
    return apiSection(cases);
  } finally {
    client.destroy();
    await stack.stop();
  }
}

/**
 * One case's store and API runs, alternating. CPU figures (ms per request) read the round that needed
 * least: contention on a shared machine only ever adds CPU time (lost caches, fewer requests per
 * event-loop wake-up), so the least-disturbed round is the best estimate of the code's own cost.
 */
async function measureCase(config: BenchConfig, sides: CaseSides, connections: number, backend: { url: string; pid: number }, storePid: number) {
  if (config.warmupSeconds > 0) {
    await runClosedLoop(sides.store, connections, config.warmupSeconds);
    await runHttpLoad(backend.url, sides.api, connections, config.warmupSeconds);
    await sides.afterApiRun?.(backend.url);
  }
  const runs = { store: [] as RawLoad[], api: [] as RawLoad[] };
  const cpu = { backend: 0, driver: 0, storeForApi: 0, storeForStore: 0, loadGenerator: 0, backendByRound: [] as number[], driverByRound: [] as number[] };
  const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
  for (let round = 0; round < config.rounds; round++) {
    // Alternating which side goes first cancels a slow drift of the machine's load.
    for (const side of round % 2 === 0 ? (['store', 'api'] as const) : (['api', 'store'] as const)) {
      const storeBefore = processCpuMs(storePid);
      if (side === 'store') {
        const driverBefore = process.cpuUsage();
        const run = await runClosedLoop(sides.store, connections, config.runSeconds);
        const driverMs = cpuMs(process.cpuUsage(driverBefore));
        cpu.driver += driverMs;
        cpu.driverByRound.push(driverMs / Math.max(run.latenciesMs.length, 1));
        cpu.storeForStore += processCpuMs(storePid) - storeBefore;
        runs.store.push(run);
      } else {
        const backendBefore = processCpuMs(backend.pid);
        const generatorBefore = process.cpuUsage();
        const run = await runHttpLoad(backend.url, sides.api, connections, config.runSeconds);
        cpu.loadGenerator += cpuMs(process.cpuUsage(generatorBefore));
        const backendMs = processCpuMs(backend.pid) - backendBefore;
        cpu.backend += backendMs;
        cpu.backendByRound.push(backendMs / Math.max(run.latenciesMs.length, 1));
        cpu.storeForApi += processCpuMs(storePid) - storeBefore;
        runs.api.push(run);
        // After the CPU readings: reading the in-flight todos back is not the measured work.
        await sides.afterApiRun?.(backend.url);
      }
    }
  }
  const [store, api] = [poolLoads(runs.store), poolLoads(runs.api)];
  const rps = (run: RawLoad) => run.latenciesMs.length / run.durationS;
  // The ratio is the median of the rounds' own ratios, so one round hit by someone else's burst of work does not decide it.
  const roundRatios = runs.api.map((run, index) => (rps(run) / rps(runs.store[index] as RawLoad)) * 100);
  const [backendCpu, driverCpu] = [Math.min(...cpu.backendByRound), Math.min(...cpu.driverByRound)];
  return {
    storeRps: store.rps, apiRps: api.rps, ratio: median(roundRatios), pooledRatio: (api.rps / store.rps) * 100, roundRatios,
    storeP50: store.p50Ms, storeP99: store.p99Ms, apiP50: api.p50Ms, apiP99: api.p99Ms,
    storeRequests: store.requests, apiRequests: api.requests, storeErrors: store.errors, apiErrors: api.errors,
    backendCpu, backendCpuPooled: cpu.backend / api.requests, driverCpu, driverCpuPooled: cpu.driver / store.requests, backendOverSdk: backendCpu / driverCpu,
    dynaliteStore: cpu.storeForStore / store.requests, dynaliteApi: cpu.storeForApi / api.requests, autocannon: cpu.loadGenerator / api.requests,
  };
}

/** One operation at one concurrency, the store alone versus the API. */
export type ApiCase = { operation: 'list' | 'create' | 'toggle'; connections: number } & Awaited<ReturnType<typeof measureCase>>;

/** The section's figures and table; the CPU budget reads the concurrency where the backend is furthest above the SDK. */
export function apiSection(cases: readonly ApiCase[]): Section {
  const figures: Record<string, number> = {};
  const details: Record<string, string> = {};
  for (const entry of cases) {
    figures[`${entry.operation}-${entry.connections}-api-over-store-percent`] = entry.ratio;
    figures[`${entry.operation}-${entry.connections}-backend-cpu-ms`] = entry.backendCpu;
    const worst = `${entry.operation}-backend-over-sdk-cpu-worst`;
    if (!((figures[worst] ?? Number.NEGATIVE_INFINITY) >= entry.backendOverSdk)) {
      figures[worst] = entry.backendOverSdk;
      details[worst] = `${entry.backendCpu.toFixed(3)} ms vs ${entry.driverCpu.toFixed(3)} ms at ${entry.connections} connections`;
    }
  }
  const columns: Column[] = [
    ['operation', 'operation'], ['connections', 'conns', 0], ['storeRps', 'store req/s', 0], ['apiRps', 'API req/s', 0],
    ['ratio', 'API/store % (median of rounds)', 1], ['pooledRatio', 'pooled %', 1], ['roundRatios', 'rounds %', 0], ['storeP50', 'store p50 ms'],
    ['storeP99', 'store p99 ms'], ['apiP50', 'API p50 ms'], ['apiP99', 'API p99 ms'], ['storeErrors', 'store errors', 0], ['apiErrors', 'API errors', 0],
    ['backendCpu', 'backend CPU ms/req, best round', 3], ['backendCpuPooled', 'pooled', 3], ['driverCpu', 'SDK driver CPU ms/op, best round', 3],
    ['driverCpuPooled', 'pooled', 3], ['backendOverSdk', 'backend / SDK ×'], ['dynaliteStore', 'dynalite CPU ms/req, store', 3],
    ['dynaliteApi', 'API', 3], ['autocannon', 'autocannon CPU ms/req', 3],
  ];
  const problems = cases.flatMap(({ operation, connections, storeRequests, apiRequests, storeErrors, apiErrors }) => [
    ...(!storeRequests || !apiRequests ? [`${operation} x${connections} completed no request`] : []),
    ...(storeErrors || apiErrors ? [`${operation} x${connections} had ${storeErrors} store and ${apiErrors} API errors`] : []),
  ]);
  return { title: '1. API versus the store alone', figures, details, tables: [{ columns, rows: [...cases] }], problems };
}
