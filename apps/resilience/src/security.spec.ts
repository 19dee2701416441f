import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROBLEM_CONTENT_TYPE, type Todo } from '@todo/contract';
import { jsonRequest, rawRequest, type RawRequest, type RawResponse, type Target } from './support/http';
import { recordFigures } from './support/results';
import { INTERNALS, startStack, type Stack } from '@todo/test-harness';

const repoRoot = resolve(__dirname, '../../..');
/** Sent inside hostile input: an error body must never echo it back. */
const MARKER = 'zq7echoMARKER';

describe('security checks', () => {
  describe('nginx response headers', () => {
    let stack: Stack;
    let site: Target;

    beforeAll(async () => {
      stack = await startStack({ nginx: true });
      site = { host: '127.0.0.1', port: stack.nginx!.port };
    });
    afterAll(() => stack?.stop());

    const responses: Record<string, RawRequest> = {
      'the page': { method: 'GET', path: '/' },
      'a client-side route': { method: 'GET', path: '/todos/active' },
      'a missing asset': { method: 'GET', path: '/assets/missing.js' },
      'nginx health': { method: 'GET', path: '/healthz' },
      'an API success': { method: 'GET', path: '/api/todos' },
      'an API error from the backend': { method: 'GET', path: '/api/todos/not-a-number' },
      'an API route that does not exist': { method: 'DELETE', path: '/api/nothing-here' },
      "nginx's own 413": { method: 'POST', path: '/api/todos', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(20_000) }) },
    };

    it.each(Object.entries(responses))('sets CSP, nosniff, referrer policy and framing on %s', async (_name, request) => {
      const response = await rawRequest(site, request);
      expectSecurityHeaders(response);
    });

    it("keeps nginx's version out of its answers", async () => {
      const response = await rawRequest(site, { method: 'GET', path: '/' });
      expect(response.headers.server).toBe('nginx');
    });

    it('sends security headers when the backend is unreachable too (502 problem)', async () => {
      stack.dns!.setAddresses('backend.development.todo.local', []);
      // nginx keeps the old answer for valid=5s: wait for the name to stop resolving.
      const deadline = performance.now() + 8_000;
      let response = await rawRequest(site, { method: 'GET', path: '/api/todos' });
      while (response.status !== 502 && performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        response = await rawRequest(site, { method: 'GET', path: '/api/todos' });
      }
      expect(response.status).toBe(502);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expectSecurityHeaders(response);
    });
  });

  describe("the backend's error bodies", () => {
    let stack: Stack;
    let backend: Target;
    let todo: Todo;
    const seen: Record<string, number> = {};

    beforeAll(async () => {
      stack = await startStack();
      backend = { host: stack.backend.host, port: stack.backend.port };
      todo = (await jsonRequest(backend, 'POST', '/api/todos', { title: 'target' })).json as Todo;
    });
    afterAll(async () => {
      recordFigures('security', { backendErrorKindsChecked: seen });
      await stack?.stop();
    });

    const json = { 'content-type': 'application/json' };
    const forgedCursor = Buffer.from(JSON.stringify({ TodoId: { S: MARKER }, ListKey: { N: MARKER } })).toString('base64url');
    const kinds: [string, () => RawRequest][] = [
      ['malformed JSON', () => ({ method: 'POST', path: '/api/todos', headers: json, body: `{"title":"${MARKER}` })],
      ['a blank title', () => ({ method: 'POST', path: '/api/todos', headers: json, body: '{"title":"   "}' })],
      ['a wrong body type', () => ({ method: 'POST', path: '/api/todos', headers: json, body: `["${MARKER}"]` })],
      ['an unsupported content type', () => ({ method: 'POST', path: '/api/todos', headers: { 'content-type': 'text/xml' }, body: `<title>${MARKER}</title>` })],
      ['a body over the limit', () => ({ method: 'POST', path: '/api/todos', headers: json, body: JSON.stringify({ title: MARKER.repeat(2_000) }) })],
      ['prototype poisoning', () => ({ method: 'POST', path: '/api/todos', headers: json, body: `{"__proto__":{"title":"${MARKER}"}}` })],
      ['constructor poisoning', () => ({ method: 'PATCH', path: `/api/todos/${todo.id}`, headers: json, body: `{"constructor":{"prototype":{"title":"${MARKER}"}}}` })],
      ['a non-numeric id', () => ({ method: 'GET', path: `/api/todos/${MARKER}` })],
      ['an id past the safe integers', () => ({ method: 'DELETE', path: '/api/todos/9007199254740993' })],
      ['an over-long id', () => ({ method: 'GET', path: `/api/todos/${'9'.repeat(300)}` })],
      ['a broken percent-encoding', () => ({ method: 'GET', path: `/api/todos/%E0%A4%A${MARKER}` })],
      ['a todo that does not exist', () => ({ method: 'GET', path: '/api/todos/9007199254740991' })],
      ['a route that does not exist', () => ({ method: 'GET', path: `/api/${MARKER}` })],
      ['a method the route lacks', () => ({ method: 'PUT', path: `/api/todos/${todo.id}`, headers: json, body: '{"title":"x"}' })],
      ['a stale If-Match', () => ({ method: 'PATCH', path: `/api/todos/${todo.id}`, headers: { ...json, 'if-match': '"999"' }, body: '{"completed":true}' })],
      ['a malformed If-Match', () => ({ method: 'PATCH', path: `/api/todos/${todo.id}`, headers: { ...json, 'if-match': MARKER }, body: '{"completed":true}' })],
      ['an out-of-range limit', () => ({ method: 'GET', path: `/api/todos?limit=${MARKER}` })],
      ['a forged cursor', () => ({ method: 'GET', path: `/api/todos?cursor=${forgedCursor}` })],
      ['a garbage cursor', () => ({ method: 'GET', path: `/api/todos?cursor=${MARKER}` })],
      ['a bulk delete without completed=true', () => ({ method: 'DELETE', path: '/api/todos?completed=false' })],
    ];

    it.each(kinds)('answers %s with a problem+json body that shows no internals and does not echo input', async (kind, build) => {
      const response = await rawRequest(backend, build());
      seen[kind] = response.status;
      expectCleanProblem(response);
    });

    it('answers with a clean 503 problem when the store is down', async () => {
      await stack.stopStore();
      const response = await rawRequest(backend, { method: 'GET', path: `/api/todos/${todo.id}` }, 10_000);
      seen['the store down'] = response.status;
      expect(response.status).toBe(503);
      expectCleanProblem(response);
    });
  });

  describe('dependencies shipped to production', () => {
    // The lockfile's high and critical advisories that are known and explained in the README; none today.
    const KNOWN_ADVISORIES: string[] = [];
    const audit = runNpmAudit();

    if (audit.kind === 'unavailable' && process.env['REQUIRE_NPM_AUDIT'] !== '1') {
      // Loud, not silent: the run shows this test as skipped with the reason in its name.
      it.skip(`npm audit --omit=dev could not run (${audit.reason}); set REQUIRE_NPM_AUDIT=1 to make this a failure`, () => undefined);
    } else {
      it('has no high or critical advisory beyond the ones the README explains (npm audit --omit=dev)', () => {
        if (audit.kind === 'unavailable') throw new Error(`npm audit --omit=dev could not run: ${audit.reason}`);
        recordFigures('security', { npmAudit: { vulnerabilities: audit.counts, highOrCritical: audit.highOrCritical } });
        expect(audit.highOrCritical.sort()).toEqual([...KNOWN_ADVISORIES].sort());
      });
    }
  });

  describe('containers', () => {
    it.each(['backend', 'frontend'])('the %s image runs as a non-root user on an unprivileged port', (service) => {
      const dockerfile = readFileSync(resolve(repoRoot, 'apps', service, 'Dockerfile'), 'utf8');
      const { user, ports } = finalStage(dockerfile);
      expect(user).toBeDefined();
      expect(user).not.toMatch(/^(root|0)(:|$)/);
      expect(ports.length).toBeGreaterThan(0);
      for (const port of ports) expect(port).toBeGreaterThanOrEqual(1024);
    });
  });
});

function expectSecurityHeaders(response: RawResponse): void {
  const csp = response.headers['content-security-policy'];
  expect(typeof csp).toBe('string');
  for (const directive of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
  expect(response.headers['x-frame-options']).toBe('DENY');
}

function expectCleanProblem(response: RawResponse): void {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
  const problem = JSON.parse(response.body) as { type: unknown; title: unknown; status: unknown };
  expect(problem).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.status });
  expect(response.body).not.toMatch(INTERNALS);
  expect(response.body).not.toContain(MARKER);
}

type AuditResult =
  | { kind: 'ran'; counts: Record<string, number>; highOrCritical: string[] }
  | { kind: 'unavailable'; reason: string };

/** Runs `npm audit --omit=dev --json` once; says why when the registry's audit service cannot be used. */
function runNpmAudit(): AuditResult {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  let report: { metadata?: { vulnerabilities?: Record<string, number> }; vulnerabilities?: Record<string, { severity: string; name: string }>; message?: string; error?: { summary?: string } };
  try {
    report = JSON.parse(run.stdout) as typeof report;
  } catch {
    return { kind: 'unavailable', reason: (run.error?.message ?? run.stderr.split('\n').find(Boolean) ?? `exit ${run.status}`).trim() };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) return { kind: 'unavailable', reason: report.message ?? report.error?.summary ?? 'no audit report' };
  const highOrCritical = Object.values(report.vulnerabilities ?? {})
    .filter((vulnerability) => vulnerability.severity === 'high' || vulnerability.severity === 'critical')
    .map((vulnerability) => `${vulnerability.name} (${vulnerability.severity})`);
  return { kind: 'ran', counts, highOrCritical };
}

/** The last USER and the EXPOSEd ports of a Dockerfile's final stage. */
function finalStage(dockerfile: string): { user?: string; ports: number[] } {
  const lines = dockerfile.split('\n').map((line) => line.trim());
  const lastFrom = lines.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true);
  let user: string | undefined;
  const ports: number[] = [];
  for (const line of lines.slice(lastFrom + 1)) {
    const userMatch = /^USER\s+(\S+)/i.exec(line);
    if (userMatch) user = userMatch[1];
    const exposeMatch = /^EXPOSE\s+(.+)$/i.exec(line);
    if (exposeMatch) ports.push(...(exposeMatch[1] ?? '').split(/\s+/).map((port) => Number.parseInt(port, 10)));
  }
  return { user, ports };
}
