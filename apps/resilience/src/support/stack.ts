import { resolve } from 'node:path';
import {
  startBackendProcess,
  startEmbeddedDynamoDb,
  startLoopbackDnsServer,
  startNginx,
  type BackendProcess,
  type BackendProcessOptions,
  type EmbeddedDynamoDb,
  type LoopbackDnsServer,
  type RunningNginx,
} from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';

/** The production bundle, as the container runs it (`nx run backend:build`, a dependency of this target). */
export const backendBundle = resolve(__dirname, '../../../backend/dist/main.js');
/** The production nginx config template and the built site it serves. */
export const nginxTemplate = resolve(__dirname, '../../../frontend/nginx/nginx.conf.template');
export const frontendDist = resolve(__dirname, '../../../frontend/dist');

/** The backend's Cloud Map name in the development environment, as nginx is configured with in AWS. */
export const BACKEND_NAME = 'backend.development.todo.local';
export const TABLE_NAME = 'todos-resilience';

/** Starts the backend bundle against `store`; rate limiting is off unless `env` turns it on. */
export function startBackend(store: EmbeddedDynamoDb, options: Partial<BackendProcessOptions> = {}): Promise<BackendProcess> {
  return startBackendProcess({
    bundlePath: backendBundle,
    dynamoDbEndpoint: store.endpoint,
    tableName: TABLE_NAME,
    ...options,
    env: { RATE_LIMIT_PER_MINUTE: '0', ...options.env },
  });
}

/** The production nginx config in front of `backendUpstream`, resolving names through `dns`. */
export function startSiteNginx(backendUpstream: string, dns: LoopbackDnsServer): Promise<RunningNginx> {
  return startNginx({ templatePath: nginxTemplate, staticRoot: frontendDist, backendUpstream, dnsResolver: dns.address });
}

export interface StackOptions {
  /** Put the real nginx (production template) in front, resolving the backend through a loopback DNS server. @default false */
  nginx?: boolean;
  /** Backend environment overrides. @default {} */
  backendEnv?: Record<string, string>;
  /** Folder the store persists to, so its data survives `restartStore()`. @default in memory */
  storePath?: string;
}

export interface Stack {
  readonly store: EmbeddedDynamoDb;
  backend: BackendProcess;
  /** Whether the backend process has exited (it never should unless a test stops it). */
  backendExited(): boolean;
  /** Present when started with `nginx: true`. */
  nginx?: RunningNginx;
  dns?: LoopbackDnsServer;
  /** Stops the store on its port: the backend sees connection refusals. */
  stopStore(): Promise<void>;
  /** Starts a store again on the same address (with its data when it has a `storePath`). */
  restartStore(): Promise<void>;
  stop(): Promise<void>;
}

/** dynalite in this process, the backend bundle as a child process, and optionally nginx in front. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  let store = await startEmbeddedDynamoDb({ path: options.storePath });
  await ensureTable(store.client, TABLE_NAME);
  const stops: (() => Promise<unknown>)[] = [];
  let storeRunning = true;
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    if (storeRunning) await store.stop();
  };
  try {
    const backend = await startBackend(store, { env: options.backendEnv });
    stops.push(() => backend.stop('SIGTERM', 5_000));
    let exited = false;
    void backend.exited.then(() => (exited = true));
    let nginx: RunningNginx | undefined;
    let dns: LoopbackDnsServer | undefined;
    if (options.nginx) {
      const dnsServer = await startLoopbackDnsServer({ records: { [BACKEND_NAME]: [backend.host] } });
      dns = dnsServer;
      stops.push(() => dnsServer.stop());
      const site = await startSiteNginx(`${BACKEND_NAME}:${backend.port}`, dnsServer);
      nginx = site;
      stops.push(() => site.stop());
    }
    const { port } = store;
    return {
      get store() {
        return store;
      },
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
        await ensureTable(store.client, TABLE_NAME);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
