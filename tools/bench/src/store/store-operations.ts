import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { creationKey, todoTableDefinition as table } from '@todo/todo-table';

/**
 * The DynamoDB calls the backend makes for each benchmarked request, issued straight through
 * `@aws-sdk/lib-dynamodb`: the store's own limit for that work. Kept in step with the backend's
 * repository (`list-todos.ts`, `todo-writes.ts`, `todo-item.ts`): same operations, expressions,
 * item shape and client settings.
 */
export interface StoreOperations {
  /** One page of 50 in creation order (the backend asks for one more to learn whether more follow). */
  listPage(): Promise<void>;
  /** A conditional put of a new todo under a random id. */
  create(title: string): Promise<void>;
  /** Flips `completed` if the stored version is `version`; returns the new version. */
  toggle(id: number, completed: boolean, version: number): Promise<number>;
  destroy(): void;
}

/** The backend's client settings: its NodeHttpHandler (keep-alive, 50 sockets) and timeouts. */
function documentClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 2,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 2000 }),
    }),
  );
}

function randomId(): number {
  const bits53 = randomBytes(8).readBigUInt64BE() >> 11n;
  return Number(bits53 % BigInt(Number.MAX_SAFE_INTEGER)) + 1;
}

export function storeOperations(endpoint: string, tableName: string): StoreOperations {
  const client = documentClient(endpoint);
  return {
    async listPage() {
      await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: table.creationIndex.name,
          KeyConditionExpression: '#n0 = :listKey',
          ExpressionAttributeNames: { '#n0': table.creationIndex.partitionKey.name },
          ExpressionAttributeValues: { ':listKey': table.listKeyValue },
          Limit: 51,
        }),
      );
    },
    async create(title) {
      const now = new Date().toISOString();
      const id = randomId();
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            [table.partitionKey.name]: id,
            title,
            completed: false,
            createdAt: now,
            updatedAt: now,
            version: 1,
            [table.creationIndex.partitionKey.name]: table.listKeyValue,
            [table.creationIndex.sortKey.name]: creationKey(now, id),
          },
          ConditionExpression: '(attribute_not_exists(#n0))',
          ExpressionAttributeNames: { '#n0': table.partitionKey.name },
        }),
      );
    },
    async toggle(id, completed, version) {
      const output = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [table.partitionKey.name]: id },
          ReturnValues: 'ALL_NEW',
          UpdateExpression: 'SET #n1 = :v1, #n2 = :v2, #n0 = #n0 + :v3',
          ConditionExpression: '(attribute_exists(#n0)) AND (#n0 = :v0)',
          ExpressionAttributeNames: { '#n0': 'version', '#n1': 'completed', '#n2': 'updatedAt' },
          ExpressionAttributeValues: { ':v0': version, ':v1': completed, ':v2': new Date().toISOString(), ':v3': 1 },
        }),
      );
      return output.Attributes?.['version'] as number;
    },
    destroy() {
      client.destroy();
    },
  };
}
