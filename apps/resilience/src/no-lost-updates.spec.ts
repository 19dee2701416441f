import { Agent } from 'node:http';
import { formatEtag, PROBLEM_CONTENT_TYPE, ProblemType, type Todo } from '@todo/contract';
import { jsonRequest, type Target } from './support/http';
import { recordFigures } from './support/results';
import { dumpTable, startStack, type Stack } from '@todo/test-harness';

const CLIENTS = 50;

describe('no lost updates (50 concurrent clients through nginx)', () => {
  let stack: Stack;
  let api: Target;
  let agent: Agent;

  beforeAll(async () => {
    stack = await startStack({ nginx: true });
    // One connection per client, all open at once, so the requests really overlap.
    agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    api = { host: '127.0.0.1', port: stack.nginx!.port, agent };
  });
  afterAll(async () => {
    agent?.destroy();
    await stack?.stop();
  });

  it('lets exactly one of 50 PATCHes with the same If-Match win; the other 49 get 412 and the winner is stored', async () => {
    const created = await jsonRequest(api, 'POST', '/api/todos', { title: 'contended' });
    expect(created.status).toBe(201);
    const todo = created.json as Todo;

    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        jsonRequest(api, 'PATCH', `/api/todos/${todo.id}`, { title: `writer ${client}`, completed: client % 2 === 0 }, { 'if-match': formatEtag(todo.version) }, 15_000),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(CLIENTS - 1);
    for (const loser of answers.filter((answer) => answer.status === 412)) {
      expect(loser.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(loser.json).toMatchObject({ type: ProblemType.preconditionFailed, status: 412 });
    }

    const winner = answers.find((answer) => answer.status === 200)!.json as Todo;
    expect(winner.version).toBe(todo.version + 1);
    const stored = await jsonRequest(api, 'GET', `/api/todos/${todo.id}`);
    expect(stored.json).toEqual(winner);
    expect(stored.headers.etag).toBe(formatEtag(winner.version));
    recordFigures('no-lost-updates', { concurrentPatches: CLIENTS, patchStatuses: tallyStatuses(statuses), winner: winner.title });
  });

  it('gives 50 concurrent creates 50 distinct ids and stores all 50', async () => {
    const before = await dumpTable(stack.store.client, stack.tableName);
    const answers = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) => jsonRequest(api, 'POST', '/api/todos', { title: `parallel ${client}` }, {}, 15_000)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(CLIENTS).fill(201));
    const todos = answers.map((answer) => answer.json as Todo);
    const ids = new Set(todos.map((todo) => todo.id));
    expect(ids.size).toBe(CLIENTS);

    const after = await dumpTable(stack.store.client, stack.tableName);
    expect(after.length - before.length).toBe(CLIENTS);
    // Every create is readable through the API with the title its client sent.
    const listed = await listAll(api);
    for (const todo of todos) expect(listed.get(todo.id)?.title).toBe(todo.title);
    recordFigures('no-lost-updates', { concurrentCreates: CLIENTS, distinctIds: ids.size, storedItems: after.length - before.length });
  });
});

async function listAll(api: Target): Promise<Map<number, Todo>> {
  const todos = new Map<number, Todo>();
  let cursor: string | null = null;
  do {
    const page = await jsonRequest(api, 'GET', `/api/todos?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    const body = page.json as { items: Todo[]; nextCursor: string | null };
    for (const todo of body.items) todos.set(todo.id, todo);
    cursor = body.nextCursor;
  } while (cursor);
  return todos;
}

function tallyStatuses(statuses: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
