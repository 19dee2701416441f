import fc from 'fast-check';
import { PROBLEM_CONTENT_TYPE, type Todo } from '@todo/contract';
import { hostileRequest, SAFE_METHODS, type HostileRequest } from './fuzz/hostile-requests';
import { jsonRequest, rawRequest, type RawResponse, type Target } from './support/http';
import { recordFigures } from './support/results';
import { diffDumps, dumpTable, INTERNALS, startStack, type Stack } from '@todo/test-harness';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);
/** A fixed seed replays a failure (fast-check prints the seed and path of any counterexample). */
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);

/** Answers from the backend carry its `x-request-id`; nginx's own answers (400 for garbage, 413, 502) do not. */
function fromBackend(response: RawResponse): boolean {
  return typeof response.headers['x-request-id'] === 'string';
}

/** Why `response` to `request` breaks a promise, or undefined when it keeps them all. */
function violation(request: HostileRequest, response: RawResponse): string | undefined {
  if (response.status >= 500) return `${response.status} from ${fromBackend(response) ? 'the backend' : 'nginx'}`;
  // Only the backend can change the table (nginx's own /healthz answers any method).
  if (fromBackend(response) && !SAFE_METHODS.has(request.method.toUpperCase()) && response.status < 300) {
    return `a ${request.method} with a defect was accepted (${response.status})`;
  }
  if (INTERNALS.test(response.body) && response.status >= 400) return `error body shows internals: ${response.body.slice(0, 300)}`;
  if (fromBackend(response) && response.status >= 400) {
    if (!String(response.headers['content-type']).startsWith(PROBLEM_CONTENT_TYPE)) return `backend error is ${response.headers['content-type']}, not problem+json`;
    if (request.method.toUpperCase() === 'HEAD') return undefined;
    let problem: { type?: unknown; title?: unknown; status?: unknown };
    try {
      problem = JSON.parse(response.body) as typeof problem;
    } catch {
      return `backend problem body is not JSON: ${response.body.slice(0, 200)}`;
    }
    if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== response.status) {
      return `backend problem body lacks type/title/status: ${response.body.slice(0, 200)}`;
    }
  }
  return undefined;
}

describe('hostile input through nginx', () => {
  let stack: Stack;
  let site: Target;
  let existingIds: number[];

  beforeAll(async () => {
    stack = await startStack({ nginx: true });
    site = { host: '127.0.0.1', port: stack.nginx!.port };
    existingIds = [];
    for (let index = 0; index < 30; index += 1) {
      const created = await jsonRequest(site, 'POST', '/api/todos', { title: `seed ${index}` });
      expect(created.status).toBe(201);
      const todo = created.json as Todo;
      if (index % 3 === 0) expect((await jsonRequest(site, 'PATCH', `/api/todos/${todo.id}`, { completed: true })).status).toBe(200);
      existingIds.push(todo.id);
    }
  });
  afterAll(() => stack?.stop());

  it(`answers ${RUNS} hostile requests without a 5xx, with problem+json errors and no change to the table`, async () => {
    const before = await dumpTable(stack.store.client, stack.tableName);
    const statuses: Record<string, number> = {};
    const families: Record<string, number> = {};
    let sent = 0;
    let byNginx = 0;
    const started = performance.now();

    await fc.assert(
      fc.asyncProperty(hostileRequest(existingIds), async (request) => {
        sent += 1;
        const response = await rawRequest(site, request, 10_000);
        const origin = fromBackend(response) ? 'backend' : 'nginx';
        if (origin === 'nginx') byNginx += 1;
        statuses[`${origin} ${response.status}`] = (statuses[`${origin} ${response.status}`] ?? 0) + 1;
        families[request.family] = (families[request.family] ?? 0) + 1;
        const problem = violation(request, response);
        if (problem) throw new Error(`${request.method} ${request.path.slice(0, 200)}: ${problem}`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const elapsedMs = performance.now() - started;

    const after = await dumpTable(stack.store.client, stack.tableName);
    expect(diffDumps(before, after)).toEqual({ added: [], removed: [], changed: [] });
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    expect((await rawRequest({ host: stack.backend.host, port: stack.backend.port }, { method: 'GET', path: '/ready' })).status).toBe(200);
    expect(stack.backendExited()).toBe(false);
    recordFigures('hostile-input', {
      seed: SEED,
      requests: sent,
      seconds: Math.round(elapsedMs / 100) / 10,
      answeredByNginxItself: byNginx,
      answeredByBackend: sent - byNginx,
      statuses: Object.fromEntries(Object.entries(statuses).sort()),
      families,
      tableItemsCompared: before.length,
      tableChanged: false,
    });
    // About 70 s here; room for a machine twice as slow.
  }, 240_000);
});
