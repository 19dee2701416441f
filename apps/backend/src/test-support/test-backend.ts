import { dumpTable, writeItems, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable, type StoredItem } from '@todo/todo-table';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../app';
import { readConfig, type BackendConfig } from '../config';

/** A backend built on its own fresh table in an embedded store, driven with `app.inject`. */
export interface TestBackend {
  app: FastifyInstance;
  tableName: string;
  /** Every item of the table, sorted by id: compare dumps to prove nothing changed. */
  dump(): Promise<StoredItem[]>;
  /** Writes raw items straight into the table. */
  putItems(items: StoredItem[]): Promise<void>;
  stop(): Promise<void>;
}

let tables = 0;

/** Settings as production reads them, with the limits (and the metric lines) that would disturb tests turned off. */
export function testConfig(tableName: string, overrides: Partial<BackendConfig> = {}): BackendConfig {
  return { ...readConfig({ TODOTABLE_NAME: tableName, RATE_LIMIT_PER_MINUTE: '0', MAX_EVENT_LOOP_DELAY_MS: '0', METRICS_FLUSH_INTERVAL_MS: '0' }), ...overrides };
}

export async function startTestBackend(
  store: EmbeddedDynamoDb,
  /** `tableName`: another backend's table, to play a second task of the same service. */
  options: { config?: Partial<BackendConfig>; tableName?: string } & Omit<BuildAppOptions, 'config'> = {},
): Promise<TestBackend> {
  const { config, tableName = `todos-${++tables}`, ...rest } = options;
  await ensureTable(store.client, tableName);
  const app = await buildApp({ logger: false, dynamoDbClient: store.client, ...rest, config: testConfig(tableName, config) });
  await app.ready();
  return {
    app,
    tableName,
    dump: () => dumpTable(store.client, tableName),
    putItems: (items) => writeItems(store.client, tableName, items),
    stop: () => app.close(),
  };
}
