import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  BACKEND_DNS_NAME,
  startBackend,
  startEmbeddedDynamoDb,
  startCloudMapDnsServer,
  startNginx,
  startSlowProxy,
  type BackendProcess,
  type EmbeddedDynamoDb,
  type SlowProxy,
} from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { rawRequest, type RawRequest, type Target } from './support/http';
import { portOnAll } from './support/ports';
import { recordFigures } from './support/results';
import { runSteadyLoad, tally, type Outcome } from './support/steady-load';

/** ECS's default stop timeout: SIGKILL follows SIGTERM after this long. */
const ECS_STOP_TIMEOUT_MS = 30_000;
/** Every store answer is held back this long, so requests are always in flight. */
const STORE_DELAY_MS = 300;
const RATE_PER_SECOND = 60;
/** The store and the load share this busy process: generous store bounds keep these tests about shutdown. */
const GENEROUS_STORE_BOUNDS = { DYNAMODB_CONNECT_TIMEOUT_MS: '5000', DYNAMODB_REQUEST_TIMEOUT_MS: '10000' };
const TABLE_NAME = 'todos-shutdown';

/** List and create, mixed, as the UI does. */
function mixedRequest(index: number): { label: string; request: RawRequest } {
  return index % 3 === 0
    ? { label: 'create', request: { method: 'POST', path: '/api/todos', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: `load ${index}` }) } }
    : { label: 'list', request: { method: 'GET', path: '/api/todos?limit=20' } };
}

function requestId(outcome: Outcome): string {
  return `load-${outcome.label.split(' ')[1]}`;
}

interface BackendLog {
  /** Request id to the time (ms since the epoch) the backend logged it as incoming. */
  incoming: Map<string, number>;
  /** Request id to the time it logged the response as sent. */
  completed: Map<string, number>;
  shuttingDownAt: number;
}

/** Reads the backend's pino lines: which requests it took in and answered, and when the shutdown began. */
function readBackendLog(output: string): BackendLog {
  const log: BackendLog = { incoming: new Map(), completed: new Map(), shuttingDownAt: Number.NaN };
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { time: number; msg: string; reqId?: string };
    if (entry.msg === 'incoming request' && entry.reqId) log.incoming.set(entry.reqId, entry.time);
    else if (entry.msg === 'request completed' && entry.reqId) log.completed.set(entry.reqId, entry.time);
    else if (entry.msg === 'shutting down') log.shuttingDownAt = entry.time;
  }
  if (Number.isNaN(log.shuttingDownAt)) throw new Error(`the backend's log has no "shutting down" line (cut short?):\n${output.slice(-2_000)}`);
  return log;
}

function explain(outcome: Outcome): string {
  return `${outcome.label} sent at ${Math.round(outcome.sentAt)} ms: ${outcome.error ?? outcome.status}`;
}

describe('graceful shutdown under steady load', () => {
  let store: EmbeddedDynamoDb;
  let slowStore: SlowProxy;

  beforeAll(async () => {
    store = await startEmbeddedDynamoDb();
    await ensureTable(store.client, TABLE_NAME);
    slowStore = await startSlowProxy({ host: '127.0.0.1', port: store.port }, STORE_DELAY_MS);
  });
  afterAll(async () => {
    await slowStore?.stop();
    await store?.stop();
  });

  it('on SIGTERM keeps serving through the drain delay, finishes every request it accepted, then exits 0', async () => {
    const drainDelayMs = 1_000;
    // Info logs say which requests the backend took in (by our request ids) and when it began to close.
    // They go to a file: through a pipe to this busy process, pino's writes would stall the backend.
    const logFile = join(await mkdtemp(join(tmpdir(), 'resilience-shutdown-')), 'backend.log');
    const backend = await startBackend({
      dynamoDbEndpoint: slowStore.endpoint,
      tableName: TABLE_NAME,
      logFile,
      env: { SHUTDOWN_DRAIN_DELAY_MS: String(drainDelayMs), LOG_LEVEL: 'info', ...GENEROUS_STORE_BOUNDS },
    });
    try {
      // Straight at the backend, a new connection per request, as nginx sends them.
      const target: Target = { host: backend.host, port: backend.port };
      let readyDuringDrain: number | undefined;
      let sigtermAt = Number.POSITIVE_INFINITY;
      const started = performance.now();
      const exit = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        sigtermAt = performance.now() - started;
        process.kill(backend.pid, 'SIGTERM');
        const sent = performance.now();
        // The signal is handled on the backend's next turn of its event loop, so ask a moment later,
        // still well inside the drain delay.
        await new Promise((resolve) => setTimeout(resolve, drainDelayMs / 4));
        readyDuringDrain = (await rawRequest(target, { method: 'GET', path: '/ready' }).catch(() => undefined))?.status;
        return { ...(await backend.exited), afterSigtermMs: performance.now() - sent };
      })();
      const outcomes = await runSteadyLoad({
        target,
        ratePerSecond: RATE_PER_SECOND,
        durationMs: 5_000,
        timeoutMs: 10_000,
        next: (index) => {
          const { label, request } = mixedRequest(index);
          return { label: `${label} ${index}`, request: { ...request, headers: { ...request.headers, 'x-request-id': `load-${index}` } } };
        },
      });
      const exited = await exit;
      const log = readBackendLog(await readFile(logFile, 'utf8'));

      // Accepted: the backend logged the request as incoming. Every one must have succeeded.
      const accepted = outcomes.filter((outcome) => log.incoming.has(requestId(outcome)));
      const failedAccepted = accepted.filter((outcome) => outcome.status === undefined || outcome.status >= 300);
      const failedBeforeSigterm = outcomes.filter((outcome) => outcome.sentAt < sigtermAt && (outcome.status === undefined || outcome.status >= 300));
      const closeBegan = log.shuttingDownAt + drainDelayMs;
      const inFlightAtClose = accepted.filter((outcome) => (log.incoming.get(requestId(outcome)) ?? Infinity) < closeBegan && (log.completed.get(requestId(outcome)) ?? 0) > closeBegan);
      const acceptedDuringDrain = accepted.filter((outcome) => (log.incoming.get(requestId(outcome)) ?? 0) > log.shuttingDownAt);
      // Not accepted: refused or reset connections, or Fastify's 503 for a request that raced the close.
      const notAccepted = outcomes.filter((outcome) => !log.incoming.has(requestId(outcome)) && outcome.sentAt >= sigtermAt);
      const badRefusals = notAccepted.filter((outcome) => outcome.status !== undefined && outcome.status !== 503);

      expect(failedBeforeSigterm.map(explain)).toEqual([]);
      expect(failedAccepted.map(explain)).toEqual([]);
      expect(badRefusals.map(explain)).toEqual([]);
      expect(acceptedDuringDrain.length).toBeGreaterThan(RATE_PER_SECOND / 2);
      expect(inFlightAtClose.length).toBeGreaterThan(0);
      expect(readyDuringDrain).toBe(503);
      expect(exited.code).toBe(0);
      expect(exited.afterSigtermMs).toBeLessThan(ECS_STOP_TIMEOUT_MS);
      recordFigures('graceful-shutdown', {
        direct: {
          ratePerSecond: RATE_PER_SECOND,
          storeDelayMs: STORE_DELAY_MS,
          drainDelayMs,
          requests: outcomes.length,
          accepted: accepted.length,
          failedAmongAccepted: failedAccepted.length,
          acceptedDuringDrain: acceptedDuringDrain.length,
          inFlightWhenListenerClosed: inFlightAtClose.length,
          notAcceptedAfterSigterm: tally(notAccepted),
          exitCode: exited.code,
          exitAfterSigtermMs: Math.round(exited.afterSigtermMs),
        },
      });
    } finally {
      await backend.stop('SIGKILL');
      await rm(dirname(logFile), { recursive: true, force: true });
    }
  });

  it('loses no request through nginx during a rolling deploy when the drain delay outlasts nginx’s DNS cache', async () => {
    // nginx keeps an answer for valid=5s; the old task keeps serving a little longer than that.
    const drainDelayMs = 6_500;
    const [hostA, hostB] = ['127.0.0.2', '127.0.0.3'] as const;
    const port = await portOnAll(10_000, [hostA, hostB]);
    const dns = await startCloudMapDnsServer({ records: { [BACKEND_DNS_NAME]: [hostA] } });
    const backends: BackendProcess[] = [];
    try {
      const backendEnv = { SHUTDOWN_DRAIN_DELAY_MS: String(drainDelayMs), ...GENEROUS_STORE_BOUNDS };
      const backendA = await startBackend({ host: hostA, port, dynamoDbEndpoint: slowStore.endpoint, tableName: TABLE_NAME, env: backendEnv });
      backends.push(backendA);
      const nginx = await startNginx({ backendUpstream: `${BACKEND_DNS_NAME}:${port}`, dnsResolver: dns.address });
      try {
        const started = performance.now();
        const deploy = (async () => {
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          // ECS: the new task is up and registered, the old one deregistered and sent SIGTERM.
          backends.push(await startBackend({ host: hostB, port, dynamoDbEndpoint: slowStore.endpoint, tableName: TABLE_NAME, env: backendEnv }));
          dns.setAddresses(BACKEND_DNS_NAME, [hostB]);
          const sigtermAt = performance.now();
          process.kill(backendA.pid, 'SIGTERM');
          return { ...(await backendA.exited), afterSigtermMs: performance.now() - sigtermAt };
        })();
        const outcomes = await runSteadyLoad({
          target: { host: '127.0.0.1', port: nginx.port },
          ratePerSecond: RATE_PER_SECOND,
          durationMs: 1_000 + drainDelayMs + 2_500,
          timeoutMs: 10_000,
          next: mixedRequest,
        });
        const exitA = await deploy;
        const failed = outcomes.filter((outcome) => outcome.status === undefined || outcome.status >= 300);

        expect(failed.map(explain)).toEqual([]);
        expect(exitA.code).toBe(0);
        expect(exitA.afterSigtermMs).toBeLessThan(ECS_STOP_TIMEOUT_MS);
        recordFigures('graceful-shutdown', {
          rollingDeployThroughNginx: {
            ratePerSecond: RATE_PER_SECOND,
            drainDelayMs,
            requests: outcomes.length,
            outcomes: tally(outcomes),
            oldTaskExitCode: exitA.code,
            oldTaskExitAfterSigtermMs: Math.round(exitA.afterSigtermMs),
            loadSeconds: Math.round((performance.now() - started) / 1000),
          },
        });
      } finally {
        await nginx.stop();
      }
    } finally {
      for (const backend of backends) await backend.stop('SIGKILL');
      await dns.stop();
    }
  });
});
