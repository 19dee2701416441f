import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable, todoTableDefinition } from '@todo/todo-table';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../app';
import { readConfig, type BackendConfig } from '../config';

/** A backend built on its own fresh table in an embedded store, driven with `app.inject`. */
export interface TestBackend {
  app: FastifyInstance;
  tableName: string;
  /** Every item of the table, sorted by id: compare dumps to prove nothing changed. */
  dump(): Promise<Record<string, unknown>[]>;
  /** Writes raw items straight into the table, 25 per BatchWriteItem call. */
  putItems(items: Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
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
    dump: () => dumpTable(store, tableName),
    putItems: (items) => putItems(store, tableName, items),
    close: () => app.close(),
  };
}

export async function dumpTable(store: EmbeddedDynamoDb, tableName: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(store.client);
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const id = todoTableDefinition.partitionKey.name;
  return items.sort((a, b) => (a[id] as number) - (b[id] as number));
}

export async function putItems(store: EmbeddedDynamoDb, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  const client = DynamoDBDocumentClient.from(store.client);
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await Promise.all(
    batches.map(async (batch) => {
      let requests = batch.map((item) => ({ PutRequest: { Item: item } }));
      while (requests.length > 0) {
        const output = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (output.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }),
  );
}
