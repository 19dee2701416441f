/**
 * @jest-environment node
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProblemType } from '@todo/contract/client';
import { findFreePort, startCloudMapDnsServer, startNginx, type RunningNginx } from '@todo/test-harness';

// The production template, run by the real nginx against a stand-in site and a stand-in backend.
const templatePath = resolve(__dirname, '../nginx/nginx.conf.template');

describe('nginx.conf.template', () => {
  let site: string;
  let nginx: RunningNginx;
  let backend: Server;
  const seen: Array<{ url?: string; headers: Record<string, string | string[] | undefined> }> = [];

  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'frontend-site-'));
    await mkdir(join(site, 'assets'));
    await writeFile(join(site, 'index.html'), '<!doctype html><title>todos</title>');
    await writeFile(join(site, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);
    backend = createServer((request, response) => {
      seen.push({ url: request.url, headers: request.headers });
      response.writeHead(200, { 'content-type': 'application/json', 'x-frame-options': 'SAMEORIGIN' });
      response.end('{"items":[],"nextCursor":null}');
    });
    await new Promise<void>((done) => backend.listen(0, '127.0.0.1', done));
    const { port } = backend.address() as AddressInfo;
    nginx = await startNginx({ templatePath, staticRoot: site, backendUpstream: `127.0.0.1:${port}` });
  });

  afterAll(async () => {
    await nginx?.stop();
    await new Promise((done) => backend.close(done));
    await rm(site, { recursive: true, force: true });
  });

  it.each(['/', '/healthz', '/assets/missing.js', '/api/todos'])('sends the security headers on %s', async (path) => {
    const response = await fetch(`${nginx.url}${path}`);
    const csp = response.headers.get('content-security-policy');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers /healthz itself', async () => {
    seen.length = 0;
    const response = await fetch(`${nginx.url}/healthz`);
    expect(response.status).toBe(200);
    expect(seen).toEqual([]);
  });

  it('caches hashed assets for a year, gzipped, and never the page', async () => {
    const asset = await fetch(`${nginx.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('content-type')).toBe('text/javascript');

    const page = await fetch(`${nginx.url}/`);
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('falls back to the page for app routes, but not for missing assets', async () => {
    const route = await fetch(`${nginx.url}/active/anything`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>todos</title>');
    expect(route.headers.get('cache-control')).toBe('no-store');

    const missing = await fetch(`${nginx.url}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBeNull();
  });

  it('proxies /api unchanged with forwarded headers, keeping only its own security headers', async () => {
    seen.length = 0;
    const response = await fetch(`${nginx.url}/api/todos?limit=5`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBeNull();
    expect(seen[0]?.url).toBe('/api/todos?limit=5');
    expect(seen[0]?.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen[0]?.headers['x-forwarded-proto']).toBe('http');
    expect(seen[0]?.headers['x-forwarded-host']).toBe('127.0.0.1');
  });

  it('refuses bodies over the API limit with a problem', async () => {
    const response = await fetch(`${nginx.url}/api/todos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(17 * 1024) }) });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: ProblemType.payloadTooLarge, status: 413 });
  });

  it('answers a problem+json 502 while no backend listens, and starts with a name that does not resolve', async () => {
    const deadPort = await findFreePort();
    // A DNS server that knows no name: the backend's name does not resolve (yet).
    const dns = await startCloudMapDnsServer();
    const unreachable = await startNginx({ templatePath, staticRoot: site, backendUpstream: `127.0.0.1:${deadPort}` });
    const unresolvable = await startNginx({ templatePath, staticRoot: site, backendUpstream: 'backend.development.todo.local:10000', dnsResolver: dns.address });
    try {
      for (const server of [unreachable, unresolvable]) {
        const response = await fetch(`${server.url}/api/todos`);
        expect(response.status).toBe(502);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(await response.json()).toMatchObject({ type: ProblemType.badGateway, status: 502 });
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      }
    } finally {
      await unreachable.stop();
      await unresolvable.stop();
      await dns.stop();
    }
  });
});
