import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import PinoPretty from 'pino-pretty';
import { localBackendEnv, startChild, startEmbeddedDynamoDb, waitForHttp, type EmbeddedDynamoDb, type RunningChild } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { readConfig, repoRoot, type LocalConfig } from './config';
import { isPublicEntry, type ServiceEntry } from '@todo/service-registry';
import { dependencyUrls, publicRoutes } from './services';

interface NamedChild extends RunningChild {
  readonly name: string;
}

const tsxCli = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');
const viteCli = join(repoRoot, 'node_modules/vite/bin/vite.js');

/** Runs the whole site on this machine: embedded DynamoDB, every service of the registry and the site's dev server. */
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
    if (!stopping) log('stopping…');
    void stopAll(0);
  };
  // `on`, not `once`: a terminal's Ctrl-C reaches this process and, relayed, through tsx too; the
  // second signal must not kill the clean-up half-way.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const config = readConfig();
    await mkdir(config.dataDir, { recursive: true });
    store = await startEmbeddedDynamoDb({ path: join(config.dataDir, 'dynamodb'), port: config.dynamoDbPort });
    if (await ensureTable(store.client, config.tableName)) log(`created table ${config.tableName}`);

    const apis = config.services.filter((service) => !isPublicEntry(service));
    const started = apis.map((service) => ({ service, child: startService(service, config, store!.endpoint) }));
    running.push(...started.map(({ child }) => child));
    await Promise.all(
      started.map(({ service, child }) =>
        waitForHttp(`${localUrl(config, service.name)}/ready`, child, { name: service.name, timeoutMs: 60_000 }),
      ),
    );

    const site = config.services.find(isPublicEntry);
    let siteUrl = '';
    if (config.frontend && site) {
      const frontend = startSite(site, config);
      running.push(frontend);
      siteUrl = `http://localhost:${config.ports[site.name]}`;
      await waitForHttp(`http://127.0.0.1:${config.ports[site.name]}/`, frontend, { name: site.name, timeoutMs: 60_000 });
    }

    for (const child of running) {
      void child.exited.then((exit) => {
        if (stopping) return;
        log(`${child.name} exited unexpectedly (${exit.code ?? exit.signal})`);
        void stopAll(1);
      });
    }
    const lines = [
      ...(siteUrl ? [`${site!.name.padEnd(12)}${siteUrl}`] : []),
      ...apis.map((service) => `${service.name.padEnd(12)}${localUrl(config, service.name)}${service.publicPath ?? ''}`),
      `${'DynamoDB'.padEnd(12)}${store.endpoint}   table ${config.tableName}, data in ${config.dataDir}`,
    ];
    log(`\n${lines.map((line) => `  ${line}`).join('\n')}\n  Press Ctrl-C to stop.`);
  } catch (error) {
    log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

function localUrl(config: LocalConfig, name: string): string {
  return `http://127.0.0.1:${config.ports[name]}`;
}

/** A Node service from its sources, restarting on change, with `<NAME>_URL` of every service it calls. */
function startService(service: ServiceEntry, config: LocalConfig, storeEndpoint: string): NamedChild {
  const tableName = service.resources.includes('todo-table') ? config.tableName : undefined;
  return startNamedChild(service.name, [tsxCli, 'watch', '--clear-screen=false', '--tsconfig', 'tsconfig.base.json', `apps/${service.name}/src/main.ts`], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...dependencyUrls(service, config.services, config.ports),
      ...localBackendEnv({ dynamoDbEndpoint: storeEndpoint, tableName, host: '127.0.0.1', port: config.ports[service.name] ?? 0 }),
    },
  }, PinoPretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', messageFormat: `${service.name}: {msg}` }));
}

/** The site as the Vite dev server (hot reload), proxying `/api` and every public path like nginx does. */
function startSite(site: ServiceEntry, config: LocalConfig): NamedChild {
  return startNamedChild(site.name, [viteCli, '--config', `apps/${site.name}/vite.config.mts`, '--strictPort'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...dependencyUrls(site, config.services, config.ports),
      FRONTEND_PORT: String(config.ports[site.name]),
      PUBLIC_ROUTES: JSON.stringify(publicRoutes(config.services, config.ports)),
    },
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
