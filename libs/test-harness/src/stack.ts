import { ensureTable } from '@todo/todo-table';
import { startBackend, type BackendProcess } from './backend-process';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './embedded-dynamodb';
import { startCloudMapDnsServer, type CloudMapDnsServer } from './cloud-map-dns-server';
import { startNginx, type RunningNginx } from './nginx-server';

/** The backend's Cloud Map name in the development environment, as nginx is configured with in AWS. */
export const BACKEND_DNS_NAME = 'backend.development.todo.local';

export interface StackOptions {
  /** The table the backend uses; created when missing. @default 'todos' */
  tableName?: string;
  /** Put the real nginx (production template) in front, finding the backend through a loopback DNS server. @default false */
  nginx?: boolean;
  /** Backend environment overrides. @default {} */
  backendEnv?: Record<string, string>;
  /** Folder the store persists to, so its data survives `restartStore()`. @default in memory */
  storePath?: string;
}

export interface Stack {
  readonly store: EmbeddedDynamoDb;
  readonly tableName: string;
  backend: BackendProcess;
  /** Whether the backend process has exited (it never should unless a test stops it). */
  backendExited(): boolean;
  /** Present when started with `nginx: true`. */
  nginx?: RunningNginx;
  dns?: CloudMapDnsServer;
  /** Stops the store on its port: the backend sees connection refusals. */
  stopStore(): Promise<void>;
  /** Starts a store again on the same address (with its data when it has a `storePath`). */
  restartStore(): Promise<void>;
  stop(): Promise<void>;
}

/** dynalite in this process, the built backend bundle as a child process, and optionally nginx in front. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { tableName = 'todos' } = options;
  let store = await startEmbeddedDynamoDb({ path: options.storePath });
  await ensureTable(store.client, tableName);
  const stops: (() => Promise<unknown>)[] = [];
  let storeRunning = true;
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    if (storeRunning) await store.stop();
  };
  try {
    const backend = await startBackend({ dynamoDbEndpoint: store.endpoint, tableName, env: options.backendEnv });
    stops.push(() => backend.stop('SIGTERM', 5_000));
    let exited = false;
    void backend.exited.then(() => (exited = true));
    let nginx: RunningNginx | undefined;
    let dns: CloudMapDnsServer | undefined;
    if (options.nginx) {
      const dnsServer = await startCloudMapDnsServer({ records: { [BACKEND_DNS_NAME]: [backend.host] } });
      dns = dnsServer;
      stops.push(() => dnsServer.stop());
      const site = await startNginx({ backendUpstream: `${BACKEND_DNS_NAME}:${backend.port}`, dnsResolver: dnsServer.address });
      nginx = site;
      stops.push(() => site.stop());
    }
    const { port } = store;
    return {
      get store() {
        return store;
      },
      tableName,
      backend,
      backendExited: () => exited,
      nginx,
      dns,
      async stopStore() {
        await store.stop();
        storeRunning = false;
      },
      async restartStore() {
        store = await startEmbeddedDynamoDb({ port, path: options.storePath });
        storeRunning = true;
        await ensureTable(store.client, tableName);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
