import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { startChild, waitForOutput } from './child-process';

export interface EmbeddedDynamoDbOptions {
  /** Folder that keeps the data across restarts; in memory when omitted. */
  path?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Run dynalite in a Node process of its own, so its CPU never competes with this process's
   * (benchmarks measure and drive load from here). @default false (in this process)
   */
  ownProcess?: boolean;
}

export interface EmbeddedDynamoDb {
  /** The value for `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly port: number;
  /** The store's process: this one, or its own with `ownProcess`. */
  readonly pid: number;
  /** A client pointed at this server with dummy credentials. */
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

const settings = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };

/** Starts dynalite (a DynamoDB-compatible server). */
export async function startEmbeddedDynamoDb(options: EmbeddedDynamoDbOptions = {}): Promise<EmbeddedDynamoDb> {
  const host = options.host ?? '127.0.0.1';
  const started = options.ownProcess ? await listenInOwnProcess(options, host) : await listenHere(options, host);
  const endpoint = `http://${host}:${started.port}`;
  const client = localDynamoDbClient(endpoint);
  return {
    endpoint,
    port: started.port,
    pid: started.pid,
    client,
    async stop() {
      client.destroy();
      await started.stop();
    },
  };
}

interface Listening {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

async function listenHere(options: EmbeddedDynamoDbOptions, host: string): Promise<Listening> {
  const server = dynalite({ path: options.path, ...settings });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    pid: process.pid,
    async stop() {
      server.closeAllConnections?.();
      await new Promise<void>((resolve, reject) => server.close((error?: Error) => (error ? reject(error) : resolve())));
    },
  };
}

async function listenInOwnProcess(options: EmbeddedDynamoDbOptions, host: string): Promise<Listening> {
  const serverOptions = JSON.stringify({ path: options.path, ...settings });
  const script = `
    const server = require(${JSON.stringify(require.resolve('dynalite'))})(${serverOptions});
    server.listen(${options.port ?? 0}, ${JSON.stringify(host)}, () => process.stdout.write('listening ' + server.address().port + '\\n'));
    process.once('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });`;
  const running = startChild(process.execPath, ['-e', script], { env: { PATH: process.env['PATH'], NODE_ENV: 'production' } });
  const [, port] = await waitForOutput(running, 'dynalite', /listening (\d+)/);
  return {
    port: Number(port),
    pid: running.child.pid ?? -1,
    async stop() {
      await running.stop();
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
