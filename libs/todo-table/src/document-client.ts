import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** How a client talks to the table: bounded so a request gets its 503 in seconds rather than hanging. */
export interface DynamoDbClientSettings {
  /** TCP connect timeout in ms. */
  connectTimeoutMs: number;
  /** Longest wait for a response in ms. */
  requestTimeoutMs: number;
  /** Attempts per call including the first. */
  maxAttempts: number;
}

/** The backend's defaults (its `DYNAMODB_CONNECT_TIMEOUT_MS`, `DYNAMODB_REQUEST_TIMEOUT_MS`, `AWS_MAX_ATTEMPTS`). */
export const defaultClientSettings: DynamoDbClientSettings = { connectTimeoutMs: 1000, requestTimeoutMs: 2000, maxAttempts: 2 };

/**
 * A DynamoDB client that fails fast when the store is down or hangs. Region, credentials and
 * `AWS_ENDPOINT_URL_DYNAMODB` come from the SDK's own environment variables unless `overrides` say.
 */
export function createDynamoDbClient(settings: DynamoDbClientSettings = defaultClientSettings, overrides: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({
    maxAttempts: settings.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: settings.connectTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Without this the handler only logs a warning and the call waits on.
      throwOnRequestTimeout: true,
    }),
    ...overrides,
  });
}

/** The document client every reader and writer of the table uses, with the same (un)marshalling. */
export function todoDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
    // Items of the original service may hold numbers a JS number cannot carry exactly; read them
    // lossily instead of failing the whole page, and let the id check reject such items.
    unmarshallOptions: { wrapNumbers: (value: string) => Number(value) },
  });
}
