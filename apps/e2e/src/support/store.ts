import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClient, writeItems } from '@todo/test-harness';
import { createTableInput, storedItem } from '@todo/todo-table';
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
 * Writes `count` todos straight into the table, in the backend's item format (`storedItem` of the
 * table library), created one millisecond apart in index order.
 * The tests read them back through the API, so a drift from the backend's format fails them.
 */
export async function seedTodos(count: number, options: SeedOptions = {}): Promise<void> {
  const dynamo = client();
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const items = Array.from({ length: count }, (_, index) => {
    const createdAt = new Date(start + index).toISOString();
    const title = options.title?.(index) ?? `todo ${index + 1}`;
    return storedItem({ id: index + 1, title, completed: options.completed?.(index) ?? false, createdAt, updatedAt: createdAt, version: 1 });
  });
  // A few batches at a time: dynalite is in the runner process, on the same two cores.
  await writeItems(dynamo, stackEnv().tableName, items, 4);
  dynamo.destroy();
}
