import { TodoApiError, TodoNetworkError, type ListTodosQuery, type Problem, type TodoClient, type TodoPage } from '@todo/contract/client';
import type { TodoApi } from './todo-actions';

/**
 * Reads the list's pages in a worker, so the chain of page requests (each needs the previous
 * page's cursor) goes on while the page renders the rows that came: read on the main thread, each
 * next request waited for the rendering of the pages before it, and that waiting was most of the
 * time 5,000 todos took to show.
 */

export type PageQuery = Omit<ListTodosQuery, 'cursor'>;

/** How a failure crosses to the page: the client's error classes do not survive `postMessage`. */
type SentError = { kind: 'api'; problem: Problem; retryAfterSeconds?: number } | { kind: 'network' } | { kind: 'other'; message: string };

export type PageMessage = { type: 'page'; page: TodoPage } | { type: 'end' } | { type: 'failed'; error: SentError };

/** The part of a `Worker` the reader uses (a test connects one to `servePages` in-process). */
export interface PageWorker {
  postMessage(query: PageQuery): void;
  onmessage: ((event: MessageEvent<PageMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The worker's side: reads every page, as fast as the server answers, and posts each. */
export async function servePages(query: PageQuery, client: Pick<TodoClient, 'pages'>, post: (message: PageMessage) => void): Promise<void> {
  try {
    for await (const page of client.pages(query)) post({ type: 'page', page });
    post({ type: 'end' });
  } catch (error) {
    post({ type: 'failed', error: sent(error) });
  }
}

/**
 * The page's side: the same pages as `TodoClient.pages`, read ahead by a worker that `startWorker`
 * starts for this listing and that is ended when the listing ends, fails or is left early.
 */
export function pagesFromWorker(startWorker: () => PageWorker): (query?: PageQuery) => AsyncGenerator<TodoPage> {
  return async function* pages(query = {}) {
    const worker = startWorker();
    const arrived: PageMessage[] = [];
    let wake: (() => void) | undefined;
    const receive = (message: PageMessage) => {
      arrived.push(message);
      wake?.();
    };
    worker.onmessage = (event) => receive(event.data);
    worker.onerror = (event) => receive({ type: 'failed', error: { kind: 'other', message: event.message } });
    worker.postMessage(query);
    try {
      for (;;) {
        while (arrived.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const message = arrived.shift() as PageMessage;
        if (message.type === 'end') return;
        if (message.type === 'failed') throw received(message.error);
        yield message.page;
      }
    } finally {
      worker.terminate();
    }
  };
}

/** `api` with its listing read by workers that `startWorker` starts; every other call as `api` makes it. */
export function withPagesFromWorker(api: TodoApi, startWorker: () => PageWorker): TodoApi {
  return {
    pages: pagesFromWorker(startWorker),
    createTodo: (...args) => api.createTodo(...args),
    getTodo: (...args) => api.getTodo(...args),
    updateTodo: (...args) => api.updateTodo(...args),
    deleteTodo: (...args) => api.deleteTodo(...args),
    setAllCompleted: (...args) => api.setAllCompleted(...args),
    deleteCompleted: (...args) => api.deleteCompleted(...args),
  };
}

function sent(error: unknown): SentError {
  if (error instanceof TodoApiError) return { kind: 'api', problem: error.problem, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof TodoNetworkError) return { kind: 'network' };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

function received(error: SentError): Error {
  switch (error.kind) {
    case 'api':
      return new TodoApiError(error.problem, error.retryAfterSeconds);
    case 'network':
      return new TodoNetworkError({ cause: 'the page reader could not reach the todo service' });
    case 'other':
      return new Error(error.message);
  }
}
