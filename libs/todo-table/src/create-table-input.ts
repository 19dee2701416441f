import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { todoTableDefinition as table } from './table-definition';

/** The CreateTable request for an on-demand todo table, as the local runner and tests create it. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const index = table.creationIndex;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: table.partitionKey.name, AttributeType: table.partitionKey.type },
      { AttributeName: index.partitionKey.name, AttributeType: index.partitionKey.type },
      { AttributeName: index.sortKey.name, AttributeType: index.sortKey.type },
    ],
    KeySchema: [{ AttributeName: table.partitionKey.name, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
