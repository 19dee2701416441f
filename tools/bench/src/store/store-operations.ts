import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  createDynamoDbClient,
  defaultClientSettings,
  itemAttributes,
  randomTodoId,
  storedItem,
  todoDocumentClient,
  todoTableDefinition as table,
} from '@todo/todo-table';

/**
 * The DynamoDB calls the backend makes for each benchmarked request, issued straight through
 * `@aws-sdk/lib-dynamodb`: the store's own limit for that work. The item, id, client settings and
 * document client are the table library's, as the backend's; the operations and expressions are
 * those of its repository (`list-todos.ts`, `todo-writes.ts`).
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

/** The backend's client, as its repository gets it, pointed at the bench's store. */
function documentClient(endpoint: string) {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  return todoDocumentClient(createDynamoDbClient(defaultClientSettings, { endpoint, region: 'us-east-1', credentials }));
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
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: storedItem({ id: randomTodoId(), title, completed: false, createdAt: now, updatedAt: now, version: 1 }),
          ConditionExpression: '(attribute_not_exists(#n0))',
          ExpressionAttributeNames: { '#n0': itemAttributes.id },
        }),
      );
    },
    async toggle(id, completed, version) {
      const output = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [itemAttributes.id]: id },
          ReturnValues: 'ALL_NEW',
          UpdateExpression: 'SET #n1 = :v1, #n2 = :v2, #n0 = #n0 + :v3',
          ConditionExpression: '(attribute_exists(#n0)) AND (#n0 = :v0)',
          ExpressionAttributeNames: { '#n0': itemAttributes.version, '#n1': itemAttributes.completed, '#n2': itemAttributes.updatedAt },
          ExpressionAttributeValues: { ':v0': version, ':v1': completed, ':v2': new Date().toISOString(), ':v3': 1 },
        }),
      );
      return output.Attributes?.[itemAttributes.version] as number;
    },
    destroy() {
      client.destroy();
    },
  };
}
