import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ConfigError, readConfig, type BackendConfig } from './config';

/** Entry point: read the config, build the app, listen, and shut down cleanly on a signal or a crash. */
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
    await flushLogs(app);
    process.exit(1);
  }

  closeWithGrace(
    {
      delay: config.drainDelayMs + config.shutdownTimeoutMs,
      // SIGUSR2 asks a Node process for diagnostics (the soak suite's memory probe), never to stop. A
      // real hardware fault must crash the process at once, not start a drain that may hang.
      skip: ['SIGUSR2', 'SIGSEGV', 'SIGBUS', 'SIGFPE', 'SIGILL'],
      logger: false,
      onTimeout: () => app.log.error('requests still in flight at the shutdown timeout: exiting anyway'),
      onSecondSignal: (signal) => app.log.warn({ signal }, 'second signal: exiting now'),
      onSecondError: (err) => app.log.error({ err }, 'second error while shutting down: exiting now'),
    },
    async ({ signal, err }) => {
      if (err) app.log.fatal({ err }, 'uncaught error: shutting down');
      await shutDown(app, config, signal ?? 'error');
    },
  );
}

/**
 * ECS sends SIGTERM on a rolling deploy. First `/ready` turns 503 and, during the drain delay, the
 * task keeps serving while Cloud Map and nginx stop sending to it; then the listener closes and
 * requests in flight finish; then close-with-grace exits (0 after a signal, 1 after a crash or an
 * error while closing, 1 when `drainDelayMs + shutdownTimeoutMs` pass first).
 */
async function shutDown(app: FastifyInstance, config: BackendConfig, signal: string): Promise<void> {
  app.log.info({ signal, drainDelayMs: config.drainDelayMs }, 'shutting down');
  app.lifecycle.draining = true;
  // Logs are written in batches: write this one now, so the shutdown shows at once (not awaited: the drain keeps its time).
  void flushLogs(app);
  await sleep(config.drainDelayMs);
  try {
    await app.close();
    app.log.info('stopped');
  } catch (err) {
    app.log.error({ err }, 'error while closing');
    throw err;
  } finally {
    await flushLogs(app);
  }
}

/** pino writes in batches, asynchronously: flush what is buffered, or the last lines are lost at exit. */
async function flushLogs(app: FastifyInstance): Promise<void> {
  const logger = app.log as { flush?: (done: (error?: Error) => void) => void };
  await new Promise<void>((resolve) => (logger.flush ? logger.flush(() => resolve()) : resolve()));
}

void main();
