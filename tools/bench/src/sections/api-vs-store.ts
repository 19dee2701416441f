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
/** An HTTP side of one case: the request it repeats. */
interface HttpSide {
  spec: HttpRequestSpec;
  /** Puts the side's state right after a run stopped with requests in flight. */
  afterRun?: () => Promise<void>;
}

/** The three sides of one case: the store call the backend makes, the HTTP floor making it, and the API. */
interface CaseSides {
  store: (caller: number) => Promise<void>;
  floor: HttpSide;
  api: HttpSide;
}

type Side = keyof CaseSides;
const SIDES: readonly Side[] = ['store', 'floor', 'api'];

/** One run of a side: its load, and CPU ms of whoever served it (the driver: this process), of the load generator and of dynalite. */
interface SideRun {
  load: RawLoad;
  serverMs: number;
  generatorMs: number;
  dynaliteMs: number;
}

/**
 * Section 1: for each operation and concurrency, the backend's own DynamoDB calls (`@todo/todo-table`'s
 * inputs, client and item) driven alone through lib-dynamodb, the HTTP floor (a bare Node HTTP
 * server making the same call) and the API doing the same work, in turns of rounds against one
 * dynalite process.
 */
export async function measureApiVsStore(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  const stack = await startBenchStack(TABLE, { httpFloor: true });
  const floor = stack.httpFloor as NonNullable<typeof stack.httpFloor>;
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const client = todoDocumentClient(createDynamoDbClient(defaultClientSettings, { endpoint: stack.store.endpoint, region: 'us-east-1', credentials }));
  try {
    const todos = await seedTodos(stack.backend.url, config.listTableSize);
    log(`  seeded ${todos.length} todos`);
    const storeSides = {
      list: { api: { spec: listRequest }, floor: { spec: listRequest }, store: async () => void (await client.send(new QueryCommand(creationPageQuery(TABLE, { limit: 51 })))) },
      create: {
        api: { spec: createRequest },
        floor: { spec: createRequest },
        store: async () => {
          const now = new Date().toISOString();
          const todo = { id: randomTodoId(), title: 'Benchmark todo', completed: false, createdAt: now, updatedAt: now, version: 1 };
          await client.send(new PutCommand(newTodoPut(TABLE, todo)));
        },
      },
    };
    /** Each toggle side owns its todos: a pool for each HTTP side, one todo per caller for the store side. */
    const toggleSides = (connections: number): CaseSides => {
      const pool = connections * TOGGLE_POOL_PER_CONNECTION;
      const owned = todos.splice(0, 2 * pool + connections);
      if (owned.length < 2 * pool + connections) throw new Error(`toggle at ${connections} connections needs more seeded todos`);
      const httpSide = (toggles: ReturnType<typeof toggleRequests>): HttpSide => ({ spec: toggles.spec, afterRun: () => toggles.resync(stack.backend.url) });
      const storeOwned: SeededTodo[] = owned.slice(2 * pool);
      const store = async (caller: number) => {
        const todo = storeOwned[caller] as SeededTodo;
        const update = versionedUpdate(TABLE, todo.id, { completed: !todo.completed }, new Date().toISOString(), todo.version);
        todo.version = (await client.send(new UpdateCommand(update))).Attributes?.[itemAttributes.version] as number;
        todo.completed = !todo.completed;
      };
      return { store, floor: httpSide(toggleRequests(owned.slice(0, pool))), api: httpSide(toggleRequests(owned.slice(pool, 2 * pool))) };
    };

    const cases: ApiCase[] = [];
    // Lists first, while the table holds exactly the seeded todos; creates last, as they grow it.
    for (const operation of ['list', 'toggle', 'create'] as const) {
      for (const connections of config.connections) {
        const sides = operation === 'toggle' ? toggleSides(connections) : storeSides[operation];
        const measured = { operation, connections, ...(await measureCase(config, sides, connections, { api: stack.backend, floor }, stack.store.pid)) };
        cases.push(measured);
        log(`  ${operation} x${connections}: store ${measured.storeRps.toFixed(0)}/s, HTTP floor ${measured.floorRps.toFixed(0)}/s (${measured.floorRatio.toFixed(1)}%), API ${measured.apiRps.toFixed(0)}/s (${measured.ratio.toFixed(1)}%)`);
      }
    }
    return apiSection(cases);
  } finally {
    client.destroy();
    await stack.stop();
  }
}

/**
 * One case's runs of its three sides, in turns. CPU figures (ms per request) read the round that
 * needed least: contention on a shared machine only ever adds CPU time (lost caches, fewer requests
 * per event-loop wake-up), so the least-disturbed round is the best estimate of the code's own cost.
 */
async function measureCase(config: BenchConfig, sides: CaseSides, connections: number, servers: Record<'api' | 'floor', { url: string; pid: number }>, storePid: number) {
  const runSide = async (side: Side, seconds: number): Promise<SideRun> => {
    const storeBefore = processCpuMs(storePid);
    if (side === 'store') {
      const before = process.cpuUsage();
      const load = await runClosedLoop(sides.store, connections, seconds);
      const usage = process.cpuUsage(before);
      return { load, serverMs: (usage.user + usage.system) / 1000, generatorMs: 0, dynaliteMs: processCpuMs(storePid) - storeBefore };
    }
    const { url, pid } = servers[side];
    const [serverBefore, generatorBefore] = [processCpuMs(pid), process.cpuUsage()];
    const load = await runHttpLoad(url, sides[side].spec, connections, seconds);
    const generator = process.cpuUsage(generatorBefore);
    const measured = { load, serverMs: processCpuMs(pid) - serverBefore, generatorMs: (generator.user + generator.system) / 1000, dynaliteMs: processCpuMs(storePid) - storeBefore };
    // After the CPU readings: reading the in-flight todos back is not the measured work.
    await sides[side].afterRun?.();
    return measured;
  };
  if (config.warmupSeconds > 0) for (const side of SIDES) await runSide(side, config.warmupSeconds);
  const rounds: Record<Side, SideRun[]> = { store: [], floor: [], api: [] };
  for (let round = 0; round < config.rounds; round++) {
    // Each round starts with the next side in turn, which cancels a slow drift of the machine's load.
    for (let turn = 0; turn < SIDES.length; turn++) {
      const side = SIDES[(round + turn) % SIDES.length] as Side;
      rounds[side].push(await runSide(side, config.runSeconds));
    }
  }
  const pooled = (side: Side) => poolLoads(rounds[side].map((run) => run.load));
  const [store, floor, api] = [pooled('store'), pooled('floor'), pooled('api')];
  const rps = (load: RawLoad) => load.latenciesMs.length / load.durationS;
  // Ratios are the median of the rounds' own ratios, so one round hit by someone else's burst of work does not decide them.
  const roundRatios = (side: Side) => rounds[side].map((run, index) => (rps(run.load) / rps((rounds.store[index] as SideRun).load)) * 100);
  const perRequest = (side: Side, part: Exclude<keyof SideRun, 'load'>) => rounds[side].map((run) => run[part] / Math.max(run.load.latenciesMs.length, 1));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const pooledPerRequest = (side: Side, part: Exclude<keyof SideRun, 'load'>) => sum(rounds[side].map((run) => run[part])) / pooled(side).requests;
  const [backendCpu, floorCpu, driverCpu] = [Math.min(...perRequest('api', 'serverMs')), Math.min(...perRequest('floor', 'serverMs')), Math.min(...perRequest('store', 'serverMs'))];
  return {
    storeRps: store.rps, floorRps: floor.rps, apiRps: api.rps, floorRatio: median(roundRatios('floor')), ratio: median(roundRatios('api')),
    pooledRatio: (api.rps / store.rps) * 100, roundRatios: roundRatios('api'),
    storeP50: store.p50Ms, storeP99: store.p99Ms, apiP50: api.p50Ms, apiP99: api.p99Ms,
    storeRequests: store.requests, floorRequests: floor.requests, apiRequests: api.requests, storeErrors: store.errors, floorErrors: floor.errors, apiErrors: api.errors,
    backendCpu, backendCpuPooled: pooledPerRequest('api', 'serverMs'), floorCpu, driverCpu, driverCpuPooled: pooledPerRequest('store', 'serverMs'),
    floorOverSdk: floorCpu / driverCpu, backendOverSdk: backendCpu / driverCpu,
    dynaliteStore: pooledPerRequest('store', 'dynaliteMs'), dynaliteApi: pooledPerRequest('api', 'dynaliteMs'), autocannon: pooledPerRequest('api', 'generatorMs'),
  };
}

/** One operation at one concurrency: the store alone, the HTTP floor and the API. */
export type ApiCase = { operation: 'list' | 'create' | 'toggle'; connections: number } & Awaited<ReturnType<typeof measureCase>>;

/** The section's figures and table; the CPU budget reads the concurrency where the backend is furthest above the SDK. */
export function apiSection(cases: readonly ApiCase[]): Section {
  const figures: Record<string, number> = {};
  const details: Record<string, string> = {};
  for (const entry of cases) {
    figures[`${entry.operation}-${entry.connections}-api-over-store-percent`] = entry.ratio;
    figures[`${entry.operation}-${entry.connections}-backend-cpu-ms`] = entry.backendCpu;
    // The HTTP floor is context, not budgeted: what any Node HTTP server in front of the SDK costs here.
    figures[`${entry.operation}-${entry.connections}-http-floor-over-store-percent`] = entry.floorRatio;
    figures[`${entry.operation}-${entry.connections}-http-floor-over-sdk-cpu`] = entry.floorOverSdk;
    const worst = `${entry.operation}-backend-over-sdk-cpu-worst`;
    if (!((figures[worst] ?? Number.NEGATIVE_INFINITY) >= entry.backendOverSdk)) {
      figures[worst] = entry.backendOverSdk;
      details[worst] = `${entry.backendCpu.toFixed(3)} ms vs ${entry.driverCpu.toFixed(3)} ms at ${entry.connections} connections (HTTP floor ${entry.floorCpu.toFixed(3)} ms)`;
    }
  }
  const columns: Column[] = [
    ['operation', 'operation'], ['connections', 'conns', 0], ['storeRps', 'store req/s', 0], ['floorRps', 'HTTP floor req/s', 0], ['apiRps', 'API req/s', 0],
    ['floorRatio', 'floor/store % (median of rounds)', 1], ['ratio', 'API/store % (median of rounds)', 1], ['pooledRatio', 'pooled %', 1], ['roundRatios', 'rounds %', 0], ['storeP50', 'store p50 ms'],
    ['storeP99', 'store p99 ms'], ['apiP50', 'API p50 ms'], ['apiP99', 'API p99 ms'], ['storeErrors', 'store errors', 0], ['apiErrors', 'API errors', 0],
    ['backendCpu', 'backend CPU ms/req, best round', 3], ['backendCpuPooled', 'pooled', 3], ['floorCpu', 'HTTP floor CPU ms/req, best round', 3],
    ['driverCpu', 'SDK driver CPU ms/op, best round', 3], ['driverCpuPooled', 'pooled', 3], ['floorOverSdk', 'floor / SDK ×'], ['backendOverSdk', 'backend / SDK ×'], ['dynaliteStore', 'dynalite CPU ms/req, store', 3],
    ['dynaliteApi', 'API', 3], ['autocannon', 'autocannon CPU ms/req', 3],
  ];
  const problems = cases.flatMap(({ operation, connections, storeRequests, floorRequests, apiRequests, storeErrors, floorErrors, apiErrors }) => [
    ...(!storeRequests || !floorRequests || !apiRequests ? [`${operation} x${connections} completed no request`] : []),
    ...(storeErrors || floorErrors || apiErrors ? [`${operation} x${connections} had ${storeErrors} store, ${floorErrors} HTTP floor and ${apiErrors} API errors`] : []),
  ]);
  return { title: '1. API versus the store alone', figures, details, tables: [{ columns, rows: [...cases] }], problems };
}
