import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamoDb } from './embedded-dynamodb';

describe('startEmbeddedDynamoDb', () => {
  it('keeps tables across a restart when given a folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'todo-store-'));
    try {
      const first = await startEmbeddedDynamoDb({ path: folder });
      await first.client.send(
        new CreateTableCommand({
          TableName: 'kept',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
        }),
      );
      await first.stop();

      const second = await startEmbeddedDynamoDb({ path: folder });
      const { TableNames } = await second.client.send(new ListTablesCommand({}));
      await second.stop();
      expect(TableNames).toEqual(['kept']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
