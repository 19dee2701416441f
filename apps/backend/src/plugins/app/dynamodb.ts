import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClient, todoDocumentClient } from '@todo/todo-table';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    dynamoDb: DynamoDBDocumentClient;
  }
}

export interface DynamoDbPluginOptions {
  /** A client to use instead of one built from the config; the caller then owns (and destroys) it. */
  client?: DynamoDBClient;
}

export default fp<DynamoDbPluginOptions>(
  async (app, options) => {
    const client = options.client ?? createDynamoDbClient(app.config.dynamoDb);
    app.decorate('dynamoDb', todoDocumentClient(client));
    if (!options.client) app.addHook('onClose', async () => client.destroy());
  },
  { name: 'dynamodb', dependencies: ['config'] },
);
