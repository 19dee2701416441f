import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fp from 'fastify-plugin';
import { createDynamoDbClient } from '../../lib/dynamodb-client';

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
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
      // Items of the original service may hold numbers a JS number cannot carry exactly; read them
      // lossily instead of failing the whole page, and let the id check reject such items.
      unmarshallOptions: { wrapNumbers: (value: string) => Number(value) },
    });
    app.decorate('dynamoDb', documentClient);
    if (!options.client) app.addHook('onClose', async () => client.destroy());
  },
  { name: 'dynamodb', dependencies: ['config'] },
);
