import type { BenchConfig } from '../config';
import { createRequest, listRequest } from '../load/api-requests';
import { runHttpLoad, type HttpRequestSpec } from '../load/http-load';
import { poolLoads, type RawLoad } from '../load/load-stats';
import { seedTodos } from '../load/seed';
import { startBackend, startEmbeddedDynamoDb, startNginx, type BackendProcess, type RunningNginx } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { productionLogging } from '../processes/backend-logging';
import type { NginxCase } from '../results';

const TABLE = 'bench-nginx';

/** Section 2: list and create straight to the backend and through nginx, alternating in rounds. */
export async function measureNginx(config: BenchConfig, log: (line: string) => void): Promise<NginxCase[]> {
  const store = await startEmbeddedDynamoDb({ ownProcess: true });
  let backend: BackendProcess | undefined;
  let nginx: RunningNginx | undefined;
  try {
    await ensureTable(store.client, TABLE);
    backend = await startBackend({ dynamoDbEndpoint: store.endpoint, tableName: TABLE, ...productionLogging });
    nginx = await startNginx({ backendUpstream: `127.0.0.1:${backend.port}`, accessLog: false });
    await seedTodos(backend.url, config.listTableSize);

    const cases: NginxCase[] = [];
    const requests: Array<[NginxCase['operation'], HttpRequestSpec]> = [
      ['list', listRequest],
      ['create', createRequest],
    ];
    for (const [operation, request] of requests) {
      for (const connections of config.nginxConnections) {
        const run = (origin: string, seconds: number) => runHttpLoad(origin, request, connections, seconds);
        if (config.warmupSeconds > 0) {
          await run(backend.url, config.warmupSeconds);
          await run(nginx.url, config.warmupSeconds);
        }
        const direct: RawLoad[] = [];
        const proxied: RawLoad[] = [];
        for (let round = 0; round < config.rounds; round++) {
          const sides = round % 2 === 0 ? (['direct', 'proxied'] as const) : (['proxied', 'direct'] as const);
          for (const side of sides) {
            if (side === 'direct') direct.push(await run(backend.url, config.runSeconds));
            else proxied.push(await run(nginx.url, config.runSeconds));
          }
        }
        const directStats = poolLoads(direct);
        const proxiedStats = poolLoads(proxied);
        cases.push({
          operation,
          connections,
          direct: directStats,
          proxied: proxiedStats,
          addedP50Ms: proxiedStats.p50Ms - directStats.p50Ms,
          addedP99Ms: proxiedStats.p99Ms - directStats.p99Ms,
        });
        log(`  ${operation} x${connections}: p50 ${directStats.p50Ms.toFixed(2)} -> ${proxiedStats.p50Ms.toFixed(2)} ms via nginx`);
      }
    }
    return cases;
  } finally {
    await nginx?.stop();
    await backend?.stop();
    await store.stop();
  }
}
