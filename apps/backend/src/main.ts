import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ConfigError, readConfig, type BackendConfig } from './config';

/** Entry point: read the config, build the app, listen, and shut down cleanly on a signal. */
async function main(): Promise<void> {
  let config: BackendConfig;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`backend: ${error.message}\n`);
    process.exit(1);
  }

  const app = await buildApp({ config });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    app.log.fatal({ err }, 'could not start listening');
    await exitAfterLogs(app, 1);
  }

  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) {
        app.log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      void shutDown(app, config, signal);
    });
  }
}

/**
 * ECS sends SIGTERM on a rolling deploy. First `/ready` turns 503 and, during the drain delay, the
 * task keeps serving while Cloud Map and nginx stop sending to it; then the listener closes and
 * requests in flight finish; then the process exits 0.
 */
async function shutDown(app: FastifyInstance, config: BackendConfig, signal: string): Promise<void> {
  app.log.info({ signal, drainDelayMs: config.drainDelayMs }, 'shutting down');
  app.lifecycle.draining = true;
  const deadline = setTimeout(() => {
    app.log.error('requests still in flight at the shutdown timeout: exiting anyway');
    void exitAfterLogs(app, 1);
  }, config.drainDelayMs + config.shutdownTimeoutMs);
  deadline.unref();

  await sleep(config.drainDelayMs);
  try {
    await app.close();
  } catch (err) {
    app.log.error({ err }, 'error while closing');
    await exitAfterLogs(app, 1);
  }
  app.log.info('stopped');
  await exitAfterLogs(app, 0);
}

/** pino writes asynchronously: flush what is buffered, or the last lines are lost at exit. */
async function exitAfterLogs(app: FastifyInstance, code: number): Promise<never> {
  const logger = app.log as { flush?: (done: (error?: Error) => void) => void };
  await new Promise<void>((resolve) => (logger.flush ? logger.flush(() => resolve()) : resolve()));
  process.exit(code);
}

void main();
