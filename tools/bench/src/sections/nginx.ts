import type { BenchConfig } from '../config';
import { createRequest, listRequest } from '../load/api-requests';
import { runHttpLoad, type HttpRequestSpec } from '../load/http-load';
import { poolLoads, type RawLoad } from '../load/load-stats';
import { seedTodos } from '../load/seed';
import { startNginxProcess, type NginxProcess } from '../processes/nginx-process';
import { createTodoTable, startBackend, startStoreProcess, type BackendProcess } from '../processes/services';
import type { NginxCase } from '../results';

const TABLE = 'bench-nginx';

/** Section 2: list and create straight to the backend and through nginx, alternating in rounds. */
export async function measureNginx(config: BenchConfig, log: (line: string) => void): Promise<NginxCase[]> {
  const storeProcess = await startStoreProcess();
  let backend: BackendProcess | undefined;
  let nginx: NginxProcess | undefined;
  try {
    await createTodoTable(storeProcess.endpoint, TABLE);
    backend = await startBackend(storeProcess.endpoint, TABLE);
    nginx = await startNginxProcess(`127.0.0.1:${backend.port}`);
    await seedTodos(backend.origin, config.listTableSize);

    const cases: NginxCase[] = [];
    const requests: Array<[NginxCase['operation'], HttpRequestSpec]> = [
      ['list', listRequest],
      ['create', createRequest],
    ];
    for (const [operation, request] of requests) {
      for (const connections of config.nginxConnections) {
        const run = (origin: string, seconds: number) => runHttpLoad(origin, request, connections, seconds);
        if (config.warmupSeconds > 0) {
          await run(backend.origin, config.warmupSeconds);
          await run(nginx.origin, config.warmupSeconds);
        }
        const direct: RawLoad[] = [];
        const proxied: RawLoad[] = [];
        for (let round = 0; round < config.rounds; round++) {
          const sides = round % 2 === 0 ? (['direct', 'proxied'] as const) : (['proxied', 'direct'] as const);
          for (const side of sides) {
            if (side === 'direct') direct.push(await run(backend.origin, config.runSeconds));
            else proxied.push(await run(nginx.origin, config.runSeconds));
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
    await backend?.child.stop();
    await storeProcess.child.stop();
  }
}
