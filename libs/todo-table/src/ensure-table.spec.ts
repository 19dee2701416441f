import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable } from './ensure-table';
import { todoTableDefinition } from './table-definition';

describe('ensureTable', () => {
  let store: EmbeddedDynamoDb;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
  });
  afterAll(() => store.stop());

  it('creates the table with the shared key schema and creation index, once', async () => {
    expect(await ensureTable(store.client, 'todos')).toBe(true);
    expect(await ensureTable(store.client, 'todos')).toBe(false);

    const { Table } = await store.client.send(new DescribeTableCommand({ TableName: 'todos' }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: todoTableDefinition.partitionKey.name, KeyType: 'HASH' }]);
    const index = Table?.GlobalSecondaryIndexes?.[0];
    expect(index?.IndexName).toBe(todoTableDefinition.creationIndex.name);
    expect(index?.KeySchema).toEqual([
      { AttributeName: 'ListKey', KeyType: 'HASH' },
      { AttributeName: 'CreatedKey', KeyType: 'RANGE' },
    ]);
  });
});
