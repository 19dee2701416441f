import { deserialize, serialize } from 'node:v8';
import { ProblemType, TodoApiError, TodoNetworkError, type TodoPage } from '@todo/contract/client';
import { FakeTodoApi, problem } from '../testing/fake-todo-api';
import { reasonFor } from './error-text';
import { pagesFromWorker, servePages, withPagesFromWorker, type PageMessage, type PageQuery, type PageWorker } from './page-reader';
import { TodoActions } from './todo-actions';
import { TodoStore } from './todo-store';

/** The structured clone `postMessage` makes (jsdom has no `structuredClone`; V8's serializer is the same algorithm). */
const cloned = <T,>(value: T): T => deserialize(serialize(value)) as T;

/**
 * A worker run in-process: `servePages` on one side, and its messages structurally cloned on the
 * way, as `postMessage` clones them (so an error's class does not survive, as in a browser).
 */
class InProcessWorker implements PageWorker {
  onmessage: PageWorker['onmessage'] = null;
  onerror: PageWorker['onerror'] = null;
  terminated = false;
  readonly posted: PageMessage[] = [];

  constructor(private readonly api: FakeTodoApi) {}

  postMessage(query: PageQuery): void {
    void servePages(cloned(query), this.api, (message) => {
      this.posted.push(message);
      const data = cloned(message);
      setTimeout(() => !this.terminated && this.onmessage?.({ data } as MessageEvent<PageMessage>), 0);
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}

function startedWorkers(api: FakeTodoApi) {
  const workers: InProcessWorker[] = [];
  const start = () => {
    const worker = new InProcessWorker(api);
    workers.push(worker);
    return worker;
  };
  return { workers, start };
}

async function readAll(pages: AsyncIterable<TodoPage>): Promise<string[][]> {
  const titles: string[][] = [];
  for await (const page of pages) titles.push(page.items.map((todo) => todo.title));
  return titles;
}

describe('pagesFromWorker', () => {
  it('gives every page in order, read ahead by a worker that is ended when the listing ends', async () => {
    const api = new FakeTodoApi();
    api.seed('a', 'b', 'c', 'd', 'e');
    const { workers, start } = startedWorkers(api);
    expect(await readAll(pagesFromWorker(start)({ limit: 2 }))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(api.calls).toEqual(['GET /api/todos?limit=2', 'GET /api/todos?limit=2&cursor', 'GET /api/todos?limit=2&cursor']);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminated).toBe(true);
  });

  it('reads the next pages while the first one is still being used', async () => {
    const api = new FakeTodoApi();
    api.seed('a', 'b', 'c');
    const { workers, start } = startedWorkers(api);
    const pages = pagesFromWorker(start)({ limit: 1 });
    await pages.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(workers[0]?.posted.map((message) => message.type)).toEqual(['page', 'page', 'page', 'end']);
    await pages.return(undefined);
  });

  it("rejects with the API's own error, its problem intact, when a page fails", async () => {
    const api = new FakeTodoApi();
    api.seed('a', 'b', 'c');
    const refused = problem({ type: ProblemType.serviceUnavailable, title: 'Service unavailable', status: 503 });
    api.failNext('pages', refused);
    const { workers, start } = startedWorkers(api);
    const error = await readAll(pagesFromWorker(start)()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TodoApiError);
    expect((error as TodoApiError).problem).toEqual(refused.problem);
    expect(reasonFor(error)).toBe(reasonFor(refused));
    expect(workers[0]?.terminated).toBe(true);
  });

  it('rejects with a network error when the service cannot be reached', async () => {
    const api = new FakeTodoApi();
    api.failNext('pages');
    const error = await readAll(pagesFromWorker(startedWorkers(api).start)()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TodoNetworkError);
    expect(reasonFor(error)).toBe('the todo service could not be reached.');
  });

  it('ends the worker when the listing is left early', async () => {
    const api = new FakeTodoApi();
    api.seed('a', 'b', 'c');
    const { workers, start } = startedWorkers(api);
    for await (const page of pagesFromWorker(start)({ limit: 1 })) if (page.items[0]?.title === 'a') break;
    expect(workers[0]?.terminated).toBe(true);
  });

  it('fails the listing when the worker itself fails (its script could not load)', async () => {
    const broken: PageWorker = {
      onmessage: null,
      onerror: null,
      postMessage() {
        setTimeout(() => this.onerror?.({ message: 'Script error.' } as ErrorEvent), 0);
      },
      terminate: jest.fn(),
    };
    await expect(readAll(pagesFromWorker(() => broken)())).rejects.toThrow('Script error.');
    expect(broken.terminate).toHaveBeenCalled();
  });

  it("loads the app's list through the worker, and sends every other call to the API itself", async () => {
    const api = new FakeTodoApi();
    api.seed(...Array.from({ length: 250 }, (_, i) => `todo ${i + 1}`));
    const { workers, start } = startedWorkers(api);
    const store = new TodoStore();
    const actions = new TodoActions(withPagesFromWorker(api, start), store);
    await actions.load();
    expect(store.getState()).toMatchObject({ status: 'ready', counts: { total: 250, completed: 0 } });
    expect(workers).toHaveLength(1);

    actions.toggle(store.getState().order[0] as string);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(api.list()[0]?.completed).toBe(true);
    expect(workers).toHaveLength(1);
  });
});
