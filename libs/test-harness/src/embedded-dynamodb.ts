import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

export interface EmbeddedDynamoDbOptions {
  /** Folder that keeps the data across restarts; in memory when omitted. */
  path?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

export interface EmbeddedDynamoDb {
  /** The value for `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly port: number;
  /** A client pointed at this server with dummy credentials. */
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

/** Starts dynalite (a DynamoDB-compatible server) in this process. */
export async function startEmbeddedDynamoDb(options: EmbeddedDynamoDbOptions = {}): Promise<EmbeddedDynamoDb> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host}:${port}`;
  const client = localDynamoDbClient(endpoint);
  return {
    endpoint,
    port,
    client,
    async stop() {
      client.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve, reject) => server.close((error?: Error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A DynamoDB client for a local store: fixed region and dummy credentials, no retries to hide faults. */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}
