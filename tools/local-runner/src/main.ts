import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import PinoPretty from 'pino-pretty';
import { startChild, startEmbeddedDynamoDb, waitForHttp, type EmbeddedDynamoDb, type RunningChild } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { readConfig, repoRoot, type LocalConfig } from './config';

interface NamedChild extends RunningChild {
  readonly name: string;
}

const tsxCli = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const viteCli = join(repoRoot, 'node_modules/vite/bin/vite.js');

/** Runs the whole site on this machine: embedded DynamoDB, the backend and the frontend dev server. */
async function main(): Promise<void> {
  const running: NamedChild[] = [];
  let store: EmbeddedDynamoDb | undefined;
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of running.reverse()) await child.stop('SIGTERM', 10_000);
    await store?.stop();
    process.exit(exitCode);
  };
  const onSignal = () => {
    log('stopping…');
    void stopAll(0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const config = readConfig();
    await mkdir(config.dataDir, { recursive: true });
    store = await startEmbeddedDynamoDb({ path: join(config.dataDir, 'dynamodb'), port: config.dynamoDbPort });
    if (await ensureTable(store.client, config.tableName)) log(`created table ${config.tableName}`);

    const backend = startBackend(config, store.endpoint);
    running.push(backend);
    const backendUrl = `http://127.0.0.1:${config.backendPort}`;
    await waitForHttp(`${backendUrl}/ready`, backend, { name: 'backend', timeoutMs: 60_000 });

    let siteUrl = `${backendUrl}/api/todos`;
    if (config.frontend) {
      const frontend = startFrontend(config, backendUrl);
      running.push(frontend);
      siteUrl = `http://localhost:${config.frontendPort}`;
      await waitForHttp(`http://127.0.0.1:${config.frontendPort}/`, frontend, { name: 'frontend', timeoutMs: 60_000 });
    }

    for (const child of running) {
      void child.exited.then((exit) => {
        if (stopping) return;
        log(`${child.name} exited unexpectedly (${exit.code ?? exit.signal})`);
        void stopAll(1);
      });
    }
    log(`
  todo site   ${siteUrl}
  API         ${backendUrl}/api/todos   (OpenAPI: ${backendUrl}/api/openapi.json)
  DynamoDB    ${store.endpoint}   table ${config.tableName}, data in ${config.dataDir}
  Press Ctrl-C to stop.`);
  } catch (error) {
    log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

function startBackend(config: LocalConfig, storeEndpoint: string): NamedChild {
  return startNamedChild('backend', [tsxCli, 'watch', '--clear-screen=false', '--tsconfig', 'tsconfig.base.json', 'apps/backend/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(config.backendPort),
      HOST: '127.0.0.1',
      TODOTABLE_NAME: config.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: storeEndpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
  }, PinoPretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }));
}

function startFrontend(config: LocalConfig, backendUrl: string): NamedChild {
  return startNamedChild('frontend', [viteCli, '--config', 'apps/frontend/vite.config.mts', '--strictPort'], {
    cwd: repoRoot,
    env: { ...process.env, FRONTEND_PORT: String(config.frontendPort), BACKEND_URL: backendUrl },
  }, process.stdout);
}

/** Runs a Node.js program as a child, its output shown here as it comes. */
function startNamedChild(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, output: Writable): NamedChild {
  const running = startChild(process.execPath, args, options);
  running.child.stdout?.pipe(output, { end: false });
  running.child.stderr?.pipe(process.stderr, { end: false });
  return { ...running, name };
}

function log(message: string): void {
  process.stdout.write(`[local] ${message}\n`);
}

void main();
