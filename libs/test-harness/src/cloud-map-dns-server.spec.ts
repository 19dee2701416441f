import { Resolver } from 'node:dns/promises';
import { startCloudMapDnsServer, type CloudMapDnsServer } from './cloud-map-dns-server';

describe('startCloudMapDnsServer', () => {
  let dns: CloudMapDnsServer;
  const name = 'backend.development.todo.local';

  beforeEach(async () => {
    dns = await startCloudMapDnsServer({ records: { [name]: ['127.0.0.2'] }, ttlSeconds: 0 });
  });
  afterEach(() => dns.stop());

  // A fresh resolver per lookup, so no client-side cache hides a switched answer.
  function resolver(): Resolver {
    const r = new Resolver({ timeout: 1_000, tries: 1 });
    r.setServers([dns.address]);
    return r;
  }

  it('answers A queries with the current addresses and follows a switch at once', async () => {
    expect(await resolver().resolve4(name)).toEqual(['127.0.0.2']);
    dns.setAddresses(name, ['127.0.0.3']);
    expect(await resolver().resolve4(name.toUpperCase())).toEqual(['127.0.0.3']);
    expect(dns.queryCount(name)).toBe(2);
  });

  it('gives the TTL it was told to', async () => {
    const [record] = await resolver().resolve4(name, { ttl: true });
    expect(record).toEqual({ address: '127.0.0.2', ttl: 0 });
  });

  it('says NXDOMAIN for unknown or removed names and an empty answer for other types', async () => {
    await expect(resolver().resolve4('other.todo.local')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver().resolve6(name)).rejects.toMatchObject({ code: 'ENODATA' });
    dns.setAddresses(name, []);
    await expect(resolver().resolve4(name)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('refuses anything but IPv4 addresses', () => {
    expect(() => dns.setAddresses(name, ['::1'])).toThrow('not an IPv4 address');
  });
});
