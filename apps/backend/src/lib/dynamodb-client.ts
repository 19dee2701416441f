import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { DynamoDbClientConfig } from '../config';

/**
 * A DynamoDB client that fails fast when the store is down or hangs: bounded connect and response
 * timeouts and few attempts, so a request gets its 503 in seconds rather than hanging. Region,
 * credentials and `AWS_ENDPOINT_URL_DYNAMODB` come from the SDK's own environment variables.
 * @param overrides extra client settings (tests point the client at their own store)
 */
export function createDynamoDbClient(config: DynamoDbClientConfig, overrides: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({
    maxAttempts: config.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: config.connectTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Without this the handler only logs a warning and the call waits on.
      throwOnRequestTimeout: true,
    }),
    ...overrides,
  });
}
