import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable, todoTableDefinition } from '@todo/todo-table';
import { storeOperations, type StoreOperations } from './store-operations';

describe('storeOperations', () => {
  let dynamo: EmbeddedDynamoDb;
  let store: StoreOperations;

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamoDb();
    await ensureTable(dynamo.client, 'todos');
    store = storeOperations(dynamo.endpoint, 'todos');
  });
  afterAll(async () => {
    store.destroy();
    await dynamo.stop();
  });

  it('creates indexed, versioned todos that list and toggle as the backend stores them', async () => {
    for (let index = 0; index < 3; index++) await store.create(`todo ${index}`);
    await expect(store.listPage()).resolves.toBeUndefined();

    const { Items = [] } = await dynamo.client.send(
      new QueryCommand({
        TableName: 'todos',
        IndexName: todoTableDefinition.creationIndex.name,
        KeyConditionExpression: 'ListKey = :todo',
        ExpressionAttributeValues: { ':todo': 'todo' },
      }),
    );
    expect(Items).toHaveLength(3);
    const first = Items.find((item) => item['title'] === 'todo 0')!;
    expect(first).toMatchObject({ completed: false, version: 1 });

    const id = first[todoTableDefinition.partitionKey.name] as number;
    await expect(store.toggle(id, true, 1)).resolves.toBe(2);
    // A stale version must be refused, as the backend's If-Match is.
    await expect(store.toggle(id, false, 1)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });
});
