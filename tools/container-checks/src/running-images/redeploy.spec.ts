import type { ContainerSite } from '@todo/test-harness';
import { startTestSite, DNS_TTL_MS } from './support/site';
import { failures, runSteadyLoad, sleep } from './support/steady-load';

describe('redeploy: a new backend container replaces the old one under the same name', () => {
  let site: ContainerSite;

  beforeAll(async () => {
    // A few seconds of drain, as ECS is told to give: the old task keeps serving while nginx moves on.
    site = await startTestSite('redeploy', { backendEnv: { SHUTDOWN_DRAIN_DELAY_MS: String(DNS_TTL_MS + 1_000) } });
  }, 120_000);
  afterAll(() => site?.stop());

  it('loses no request under steady load through nginx, and the new one serves after the TTL', async () => {
    const old = site.backends[0]!;
    const oldAddress = await old.address();
    let stoppedAt = 0;
    const rollout = (async () => {
      await sleep(1_000);
      const replacement = await site.startBackend();
      // nginx learns the new address within the TTL; only then is the old task stopped, as ECS
      // starts the new task and waits for it to be healthy before stopping the old one. Stopping
      // takes it off the name first, then SIGTERM: it serves on through its drain.
      await sleep(DNS_TTL_MS + 500);
      stoppedAt = performance.now();
      expect(await old.stop()).toBe(0);
      await sleep(DNS_TTL_MS + 2_000);
      return replacement;
    })();
    const started = performance.now();
    const outcomes = await runSteadyLoad(`${site.url}/api/todos?limit=1`, 25, rollout);
    const replacement = await rollout;
    const afterTtl = outcomes.filter((outcome) => started + outcome.sentAt > stoppedAt + DNS_TTL_MS);
    const upstreams = await upstreamsInLog(site);
    console.log(`redeploy: ${outcomes.length} requests, ${failures(outcomes).length} failed in all, ${failures(afterTtl).length} failed after the TTL`);

    expect(outcomes.length).toBeGreaterThan(300);
    expect(failures(afterTtl)).toEqual([]);
    expect(failures(outcomes)).toEqual([]);
    expect(upstreams.at(-1)).toBe(`${await replacement.address()}:10000`);
    expect(upstreams).toContain(`${oldAddress}:10000`);
    // Taken off the name before SIGTERM and draining past the TTL, the old one was never tried once
    // it had stopped: no request needed a second upstream.
    expect(upstreams.filter((upstream) => upstream.includes(','))).toEqual([]);
  }, 120_000);
});

/** The upstreams nginx tried for each proxied request (`a:port, b:port` when it retried), in order, from its access log. */
async function upstreamsInLog(site: ContainerSite): Promise<string[]> {
  return [...(await site.frontend.logs()).matchAll(/"GET \/api\/todos\?limit=1 [^"]*" 200 .* upstream=(.*?) upstream_status=/g)].map((match) => match[1]!);
}
