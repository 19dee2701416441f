import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from '@todo/test-harness';
import { createTableInput, creationKey, todoTableDefinition as table } from '@todo/todo-table';
import { stackEnv } from './stack-env';

/** Direct access to the store behind the backend: resetting and seeding without going through the UI. */

function client() {
  return localDynamoDbClient(stackEnv().dynamoDbEndpoint);
}

/**
 * Empties the store by recreating the table: quicker than deleting thousands of items. Polls
 * briefly instead of using the SDK's waiters, whose one-second steps would add seconds per test.
 */
export async function resetTodos(tableName = stackEnv().tableName): Promise<void> {
  const dynamo = client();
  try {
    await dynamo.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await until(async () => (await tableStatus(dynamo, tableName)) === undefined);
  await dynamo.send(new CreateTableCommand(createTableInput(tableName)));
  await until(async () => (await tableStatus(dynamo, tableName)) === 'ACTIVE');
  dynamo.destroy();
}

async function tableStatus(dynamo: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    return (await dynamo.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the store did not settle in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface SeedOptions {
  /** Which todos are completed, by index. @default none */
  completed?: (index: number) => boolean;
  /** @default index => `todo ${index + 1}` */
  title?: (index: number) => string;
}

/**
 * Writes `count` todos straight into the table, in the backend's item format (the key and index
 * attributes of the shared table definition), created one millisecond apart in index order.
 * The tests read them back through the API, so a drift from the backend's format fails them.
 */
export async function seedTodos(count: number, options: SeedOptions = {}): Promise<void> {
  const dynamo = client();
  const documents = DynamoDBDocumentClient.from(dynamo);
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const items = Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    const createdAt = new Date(start + index).toISOString();
    return {
      [table.partitionKey.name]: id,
      title: options.title?.(index) ?? `todo ${id}`,
      completed: options.completed?.(index) ?? false,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      [table.creationIndex.partitionKey.name]: table.listKeyValue,
      [table.creationIndex.sortKey.name]: creationKey(createdAt, id),
    };
  });
  const batches: (typeof items)[] = [];
  for (let at = 0; at < items.length; at += 25) batches.push(items.slice(at, at + 25));
  const { tableName } = stackEnv();
  // A few batches at a time: dynalite is in the runner process, on the same two cores.
  const writers = Array.from({ length: 4 }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let pending: Record<string, unknown>[] = batch;
      while (pending.length > 0) {
        const result = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []).flatMap((request) => (request.PutRequest?.Item ? [request.PutRequest.Item] : []));
      }
    }
  });
  await Promise.all(writers);
  dynamo.destroy();
}
