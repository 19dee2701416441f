import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { containerEngine, engine, startContainerSite, type ContainerSite } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { isPublicEntry, variablePrefix } from '@todo/service-registry';
import { readConfig, repoRoot } from './config';

/**
 * The backend's configuration variables (apps/backend/README.md) that, set for this command, reach
 * the backend container, as the ECS task definition sets them.
 */
export const FORWARDED_BACKEND_VARIABLES = [
  'LOG_LEVEL',
  'TRUST_PROXY',
  'RATE_LIMIT_PER_MINUTE',
  'MAX_EVENT_LOOP_DELAY_MS',
  'SHUTDOWN_DRAIN_DELAY_MS',
  'SHUTDOWN_TIMEOUT_MS',
  'DYNAMODB_CONNECT_TIMEOUT_MS',
  'DYNAMODB_REQUEST_TIMEOUT_MS',
  'AWS_MAX_ATTEMPTS',
] as const;

/** `npm run start:containers`: the production images of every service, wired as in AWS. */
async function main(): Promise<void> {
  let starting: Promise<ContainerSite> | undefined;
  let stopping = false;
  // A signal during the start-up waits for it, so nothing started is left running.
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const site = await starting?.catch(() => undefined);
    if (site) {
      log('stopping…');
      await site.stop();
    }
    process.exit(exitCode);
  };
  // `on`, not `once`: a terminal's Ctrl-C reaches this process and, relayed, through tsx too; the
  // second signal must not kill the clean-up half-way and leave containers behind.
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const config = readConfig();
    const engineName = containerEngine();
    // The site's port (`FRONTEND_PORT`, 4200): nginx's container port published on the host.
    const siteService = config.services.find(isPublicEntry);
    if (!siteService) throw new Error('the service registry has no site (a service with the load-balancer resource)');
    const sitePort = config.ports[siteService.name] ?? 4200;
    await assertPortFree(sitePort, `${variablePrefix(siteService.name)}_PORT`);
    log(`building the images with ${engineName} (nx run-many -t container)…`);
    buildImages();
    await mkdir(config.dataDir, { recursive: true });
    starting = startContainerSite({
      sitePort,
      storePath: join(config.dataDir, 'dynamodb'),
      tableName: config.tableName,
      prepareStore: async (store) => {
        if (await ensureTable(store.client, config.tableName)) log(`created table ${config.tableName}`);
      },
      backendEnv: forwardedBackendEnv(process.env),
    });
    const site = await starting;
    const containers = await engine(['ps', '--filter', `network=${site.network.name}`, '--format', '{{.Names}}\t{{.Image}}\t{{.Status}}']);
    log(`
  todo site   http://localhost:${sitePort}   (nginx container, proxying /api/ to ${site.backendName})
  DynamoDB    ${site.store.endpoint}   table ${config.tableName}, data in ${config.dataDir}
${containers.replace(/^/gm, '  ')}
  Press Ctrl-C to stop and remove the containers.`);
  } catch (error) {
    log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

export function forwardedBackendEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(FORWARDED_BACKEND_VARIABLES.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
}

/** Every service's `container` target, through Nx: cached builds are reused. */
function buildImages(): void {
  try {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/nx/dist/bin/nx.js'), 'run-many', '-t', 'container', '--outputStyle=static'], {
      cwd: repoRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    const lines = stderr.split('\n').filter((line) => line.trim() !== '');
    const reason = lines.find((line) => /^(build-image:|base image )/.test(line)) ?? lines.at(-1) ?? 'see `npx nx run-many -t container`';
    throw new Error(`the images did not build: ${reason}`);
  }
}

async function assertPortFree(port: number, variable: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', () => reject(new Error(`port ${port} is in use: stop what listens there, or set ${variable} to another port`)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

function log(message: string): void {
  process.stdout.write(`[containers] ${message}\n`);
}

if (require.main === module) void main();
