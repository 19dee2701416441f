import type { ContainerSite } from '@todo/test-harness';
import { startTestSite, DNS_TTL_MS } from './support/site';
import { failures, runSteadyLoad, sleep } from './support/steady-load';

describe('scale out: two backend containers under one name, as Cloud Map answers with several addresses', () => {
  let site: ContainerSite;

  beforeAll(async () => {
    site = await startTestSite('scale-out', { backendReplicas: 2 });
  }, 120_000);
  afterAll(() => site?.stop());

  it('sends traffic to both; when one is killed, no request fails after the TTL', async () => {
    const [first, second] = site.backends as [typeof site.backends[0], typeof site.backends[0]];
    const addresses = [`${await first!.address()}:10000`, `${await second!.address()}:10000`];
    let killStartedAt = 0;
    let killedAt = 0;
    const scenario = (async () => {
      await sleep(DNS_TTL_MS + 1_000);
      killStartedAt = performance.now();
      await second!.kill();
      // Gone, and so its DNS record: from here nginx may keep the address for one TTL at most.
      killedAt = performance.now();
      // Six seconds of load after the TTL: 150 requests at 25/s, whatever the machine's load.
      await sleep(DNS_TTL_MS + 6_000);
    })();
    const started = performance.now();
    const outcomes = await runSteadyLoad(`${site.url}/api/todos?limit=1`, 25, scenario);
    const beforeKill = outcomes.filter((outcome) => started + outcome.sentAt < killStartedAt);
    const afterTtl = outcomes.filter((outcome) => started + outcome.sentAt > killedAt + DNS_TTL_MS);
    const upstreams = [...(await site.frontend.logs()).matchAll(/ upstream=(\S+) upstream_status=200/g)].map((match) => match[1]!);
    const served = Object.fromEntries(addresses.map((address) => [address, upstreams.filter((upstream) => upstream.endsWith(address)).length]));
    console.log(`scale-out: ${outcomes.length} requests, served ${JSON.stringify(served)}, ${failures(outcomes).length} failed in all, ${failures(afterTtl).length} after the TTL`);

    expect(failures(beforeKill)).toEqual([]);
    expect(served[addresses[0]!]).toBeGreaterThan(beforeKill.length / 5);
    expect(served[addresses[1]!]).toBeGreaterThan(beforeKill.length / 5);
    expect(afterTtl.length).toBeGreaterThan(100);
    expect(failures(afterTtl)).toEqual([]);
  }, 120_000);
});
