import type { AddressInfo } from 'node:net';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureTable } from './ensure-table';
import { todoTableDefinition } from './table-definition';

describe('ensureTable', () => {
  // dynalite started here rather than by the test harness, which builds on this library.
  const server = dynalite({ createTableMs: 0 });
  let store: { client: DynamoDBClient };

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    store = { client: new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }) };
  });
  afterAll(async () => {
    store.client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

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
