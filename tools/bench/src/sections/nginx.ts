import type { BenchConfig } from '../config';
import { poolLoads, runHttpLoad, type LoadStats, type RawLoad } from '../load/load-runs';
import { createRequest, listRequest, seedTodos } from '../load/todo-requests';
import { startBenchStack } from '../processes/bench-stack';
import type { Section } from '../results';

export interface NginxCase {
  operation: 'list' | 'create';
  connections: number;
  direct: LoadStats;
  proxied: LoadStats;
}

/** Section 2: list and create straight to the backend and through nginx, alternating in rounds. */
export async function measureNginx(config: BenchConfig, log: (line: string) => void): Promise<Section> {
  const stack = await startBenchStack('bench-nginx', { nginx: true });
  const origins = { direct: stack.backend.url, proxied: (stack.nginx as { url: string }).url };
  try {
    await seedTodos(origins.direct, config.listTableSize);
    const cases: NginxCase[] = [];
    for (const [operation, request] of [['list', listRequest], ['create', createRequest]] as const) {
      for (const connections of config.nginxConnections) {
        const run = (origin: string, seconds: number) => runHttpLoad(origin, request, connections, seconds);
        if (config.warmupSeconds > 0) {
          await run(origins.direct, config.warmupSeconds);
          await run(origins.proxied, config.warmupSeconds);
        }
        const runs = { direct: [] as RawLoad[], proxied: [] as RawLoad[] };
        for (let round = 0; round < config.rounds; round++) {
          for (const side of round % 2 === 0 ? (['direct', 'proxied'] as const) : (['proxied', 'direct'] as const)) {
            runs[side].push(await run(origins[side], config.runSeconds));
          }
        }
        const measured = { operation, connections, direct: poolLoads(runs.direct), proxied: poolLoads(runs.proxied) };
        cases.push(measured);
        log(`  ${operation} x${connections}: p50 ${measured.direct.p50Ms.toFixed(2)} -> ${measured.proxied.p50Ms.toFixed(2)} ms via nginx`);
      }
    }
    return nginxSection(cases);
  } finally {
    await stack.stop();
  }
}

/**
 * The budget reads the lowest concurrency measured: the proxy's own hop. Under load here nginx's
 * workers also take CPU from the backend, dynalite and the load generator on the same two cores,
 * which in AWS run as separate tasks; the higher concurrency is reported beside it.
 */
export function nginxSection(cases: readonly NginxCase[]): Section {
  const figures: Record<string, number> = {};
  for (const operation of ['list', 'create']) {
    const own = cases.filter((entry) => entry.operation === operation).sort((a, b) => a.connections - b.connections)[0];
    if (own) figures[`${operation}-added-p50-ms-lowest-concurrency`] = own.proxied.p50Ms - own.direct.p50Ms;
  }
  return {
    title: '2. Through nginx',
    figures,
    tables: [
      {
        columns: [
          ['operation', 'operation'], ['connections', 'conns', 0], ['directP50', 'direct p50 ms'], ['directP99', 'direct p99 ms'],
          ['proxiedP50', 'via nginx p50 ms'], ['proxiedP99', 'via nginx p99 ms'], ['addedP50', 'added p50 ms'], ['addedP99', 'added p99 ms'],
          ['directRps', 'direct req/s', 0], ['proxiedRps', 'via nginx req/s', 0],
        ],
        rows: cases.map(({ operation, connections, direct, proxied }) => ({
          operation, connections, directP50: direct.p50Ms, directP99: direct.p99Ms, proxiedP50: proxied.p50Ms, proxiedP99: proxied.p99Ms,
          addedP50: proxied.p50Ms - direct.p50Ms, addedP99: proxied.p99Ms - direct.p99Ms, directRps: direct.rps, proxiedRps: proxied.rps,
        })),
      },
    ],
    problems: cases.flatMap(({ operation, connections, direct, proxied }) => [
      ...(!direct.requests || !proxied.requests ? [`${operation} x${connections} completed no request`] : []),
      ...(direct.errors || proxied.errors ? [`${operation} x${connections} had ${direct.errors} direct and ${proxied.errors} proxied errors`] : []),
    ]),
  };
}
