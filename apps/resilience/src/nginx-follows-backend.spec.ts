import { PROBLEM_CONTENT_TYPE, ProblemType } from '@todo/contract';
import {
  BACKEND_DNS_NAME,
  startBackend,
  startEmbeddedDynamoDb,
  startNginx,
  startCloudMapDnsServer,
  type BackendProcess,
  type EmbeddedDynamoDb,
  type CloudMapDnsServer,
  type RunningNginx,
} from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { jsonRequest, rawRequest, type Target } from './support/http';
import { portOnAll } from './support/ports';
import { recordFigures } from './support/results';

/** nginx's `resolver ... valid=` in the template: how long it may keep sending to an old address. */
const RESOLVER_VALID_MS = 5_000;
/** A resolver round trip and request scheduling on a loaded machine. */
const SLACK_MS = 1_000;
const PROBE_INTERVAL_MS = 50;
const HOST_A = '127.0.0.2';
const HOST_B = '127.0.0.3';
const TABLE_NAME = 'todos-dns';

interface Probe {
  index: number;
  sentAt: number;
  status: number | string;
  /** The backend address nginx used, from its access log. */
  upstream?: string;
}

describe('nginx follows the backend through DNS (Cloud Map on loopback)', () => {
  let store: EmbeddedDynamoDb;
  let dns: CloudMapDnsServer;
  let nginx: RunningNginx;
  let site: Target;
  let port: number;
  let backendA: BackendProcess;
  let backendB: BackendProcess | undefined;

  beforeAll(async () => {
    // The port the backend has in AWS when it is free on both addresses here, else any common free one.
    port = await portOnAll(10_000, [HOST_A, HOST_B]);
    store = await startEmbeddedDynamoDb();
    await ensureTable(store.client, TABLE_NAME);
    backendA = await startBackend({ dynamoDbEndpoint: store.endpoint, tableName: TABLE_NAME, host: HOST_A, port });
    // The name does not resolve yet: the backend is not registered.
    dns = await startCloudMapDnsServer();
  });

  afterAll(async () => {
    await nginx?.stop();
    await backendB?.stop('SIGTERM', 5_000);
    await backendA?.stop('SIGTERM', 5_000);
    await dns?.stop();
    await store?.stop();
  });

  it('starts while the name does not resolve, answers /api with a 502 problem, then works once it resolves, without a restart', async () => {
    nginx = await startNginx({ backendUpstream: `${BACKEND_DNS_NAME}:${port}`, dnsResolver: dns.address });
    site = { host: '127.0.0.1', port: nginx.port };

    const unresolved = await jsonRequest(site, 'GET', '/api/todos');
    expect(unresolved.status).toBe(502);
    expect(unresolved.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(unresolved.json).toMatchObject({ type: ProblemType.badGateway, status: 502 });
    expect(dns.queryCount(BACKEND_DNS_NAME)).toBeGreaterThan(0);
    // The static site does not depend on the backend.
    expect((await rawRequest(site, { method: 'GET', path: '/healthz' })).status).toBe(200);

    dns.setAddresses(BACKEND_DNS_NAME, [HOST_A]);
    const resolvedAt = performance.now();
    let answer = await rawRequest(site, { method: 'GET', path: '/api/todos' });
    while (answer.status !== 200 && performance.now() - resolvedAt < RESOLVER_VALID_MS + SLACK_MS) {
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
      answer = await rawRequest(site, { method: 'GET', path: '/api/todos' });
    }
    const firstSuccessMs = performance.now() - resolvedAt;
    expect(answer.status).toBe(200);
    expect(firstSuccessMs).toBeLessThan(RESOLVER_VALID_MS + SLACK_MS);
    recordFigures('nginx-follows-backend', { port, unresolvedStatus: unresolved.status, timeToWorkAfterNameResolvesMs: Math.round(firstSuccessMs) });
  });

  it('moves to the new backend within valid= after the DNS answer changes, with zero errors once that time has passed', async () => {
    const probes: Probe[] = [];
    let probing = true;
    const started = performance.now();
    const prober = (async () => {
      for (let index = 0; probing; index += 1) {
        const sentAt = performance.now() - started;
        const status = await rawRequest(site, { method: 'GET', path: '/api/todos?limit=1', headers: { 'user-agent': `probe-${index}` } }, 5_000).then(
          (response) => response.status,
          (error: NodeJS.ErrnoException) => error.code ?? error.message,
        );
        probes.push({ index, sentAt, status });
        await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 500));
    backendB = await startBackend({ dynamoDbEndpoint: store.endpoint, tableName: TABLE_NAME, host: HOST_B, port });
    dns.setAddresses(BACKEND_DNS_NAME, [HOST_B]);
    const switchedAt = performance.now() - started;
    // ECS stops the old task once the new one is registered.
    const exitA = await backendA.stop('SIGTERM', 10_000);
    const stoppedAAt = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, RESOLVER_VALID_MS + SLACK_MS + 2_000 - (performance.now() - started - switchedAt)));
    probing = false;
    await prober;

    const upstreams = upstreamsByProbe(nginx.output());
    for (const probe of probes) probe.upstream = upstreams.get(probe.index);
    const settledAt = switchedAt + RESOLVER_VALID_MS + SLACK_MS;
    const settled = probes.filter((probe) => probe.sentAt > settledAt);
    const window = probes.filter((probe) => probe.sentAt >= switchedAt && probe.sentAt <= settledAt);
    const firstOnB = probes.find((probe) => probe.sentAt >= switchedAt && probe.upstream?.startsWith(`${HOST_B}:`));
    const lastOnA = [...probes].reverse().find((probe) => probe.upstream?.startsWith(`${HOST_A}:`));

    expect(exitA.code).toBe(0);
    expect(settled.length).toBeGreaterThan(10);
    expect(settled.filter((probe) => probe.status !== 200)).toEqual([]);
    expect(settled.filter((probe) => probe.upstream !== `${HOST_B}:${port}`)).toEqual([]);
    expect(firstOnB).toBeDefined();
    const switchOverMs = firstOnB!.sentAt - switchedAt;
    expect(switchOverMs).toBeLessThan(RESOLVER_VALID_MS + SLACK_MS);
    recordFigures('nginx-follows-backend', {
      probes: probes.length,
      probeIntervalMs: PROBE_INTERVAL_MS,
      switchOverMs: Math.round(switchOverMs),
      oldBackendStoppedAfterSwitchMs: Math.round(stoppedAAt - switchedAt),
      lastProbeSentToOldAddressAfterSwitchMs: lastOnA ? Math.round(lastOnA.sentAt - switchedAt) : null,
      errorsBeforeValidElapsed: window.filter((probe) => probe.status !== 200).length,
      errorsAfterValidElapsed: settled.filter((probe) => probe.status !== 200).length,
      probesAfterValidElapsed: settled.length,
    });
  });
});

/** Reads `upstream=<addr>` of each probe (tagged by its User-Agent) from nginx's access log. */
function upstreamsByProbe(log: string): Map<number, string> {
  const upstreams = new Map<number, string>();
  for (const match of log.matchAll(/upstream=(\S+) upstream_status=\S+ "probe-(\d+)"/g)) {
    // On a retry nginx lists every address it tried; the last one answered.
    const tried = (match[1] ?? '').split(/[, ]+/);
    upstreams.set(Number(match[2]), tried[tried.length - 1] ?? '');
  }
  return upstreams;
}
