import { startBackend, startEmbeddedDynamoDb, startNginx, type BackendOptions, type BackendProcess, type EmbeddedDynamoDb, type RunningNginx } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { startHttpFloor, type HttpFloor } from './http-floor';

/**
 * Request logs stay on, at production's level, but go to /dev/null instead of through this
 * process: it generates the load, and reading the logs would cost it CPU.
 * `METRICS_FLUSH_INTERVAL_MS=0 npm run bench -- --only api` measures the backend without its metrics.
 */
export const productionLogging = {
  stdout: 'ignore',
  env: {
    LOG_LEVEL: 'info',
    ...(process.env['METRICS_FLUSH_INTERVAL_MS'] ? { METRICS_FLUSH_INTERVAL_MS: process.env['METRICS_FLUSH_INTERVAL_MS'] } : {}),
  },
} as const satisfies Partial<BackendOptions>;

export interface BenchStack {
  store: EmbeddedDynamoDb;
  backend: BackendProcess;
  /** Present when asked for: the production template in front of the backend, without its access log. */
  nginx?: RunningNginx;
  /** Present when asked for: Node's HTTP server making the backend's store calls and nothing else (`http-floor-server.ts`). */
  httpFloor?: HttpFloor;
  stop(): Promise<void>;
}

/** dynalite in a child process of its own (its CPU apart from ours), its table, and the backend bundle; nginx and the HTTP floor if asked. */
export async function startBenchStack(tableName: string, options: { nginx?: boolean; httpFloor?: boolean } = {}): Promise<BenchStack> {
  const store = await startEmbeddedDynamoDb({ ownProcess: true });
  const stops: Array<() => Promise<unknown>> = [() => store.stop()];
  const stop = async () => {
    for (const next of [...stops].reverse()) await next();
  };
  try {
    await ensureTable(store.client, tableName);
    const backend = await startBackend({ dynamoDbEndpoint: store.endpoint, tableName, ...productionLogging });
    stops.push(() => backend.stop());
    const nginx = options.nginx ? await startNginx({ backendUpstream: `127.0.0.1:${backend.port}`, accessLog: false }) : undefined;
    if (nginx) stops.push(() => nginx.stop());
    const httpFloor = options.httpFloor ? await startHttpFloor({ dynamoDbEndpoint: store.endpoint, tableName }) : undefined;
    if (httpFloor) stops.push(() => httpFloor.stop());
    return { store, backend, nginx, httpFloor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
