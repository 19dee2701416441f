import type { Problem } from './problem.schema';
import type { BulkResult, CreateTodo, ListTodosQuery, Todo, TodoPage, UpdateTodo } from './todo.schema';
import { TodoApiError, TodoNetworkError, problemFromStatus } from './client-errors';
import { formatEtag } from './etag';
import { DEFAULT_RETRY, isRetryable, newIdempotencyKey, retryDelayMs, waitBeforeRetry, type RetryOptions, type RetryPolicy } from './create-retry';

export interface TodoClientOptions {
  /** Origin (and optional path) the API is served from; `/api/...` is appended. @default '' (same origin) */
  baseUrl?: string;
  /** The `fetch` to use, e.g. a test's or an instrumented one. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** How creates are retried after a network failure, 502, 503 or 504. */
  createRetry?: RetryOptions;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface CreateOptions extends RequestOptions {
  /** The create's `Idempotency-Key`. @default a fresh random key per call */
  idempotencyKey?: string;
}

export interface UpdateOptions extends RequestOptions {
  /** Only update when the stored todo still has this version (sent as `If-Match`). */
  ifMatch?: number;
}

/**
 * A typed client for the todo API. Every method resolves with the typed result, or rejects with a
 * `TodoApiError` carrying the server's problem body, or a `TodoNetworkError`.
 */
export class TodoClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly createRetry: RetryPolicy;

  constructor(options: TodoClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    // Bound so a browser's fetch is not called with the client as `this` (an "Illegal invocation").
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.createRetry = { ...DEFAULT_RETRY, ...options.createRetry };
  }

  listTodos(query: ListTodosQuery = {}, options: RequestOptions = {}): Promise<TodoPage> {
    const search = new URLSearchParams();
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    if (query.cursor !== undefined) search.set('cursor', query.cursor);
    if (query.completed !== undefined) search.set('completed', String(query.completed));
    const suffix = search.size > 0 ? `?${search}` : '';
    return this.request<TodoPage>('GET', `/api/todos${suffix}`, options);
  }

  /** Every page of the list in order, fetched one after another as the caller consumes them. */
  async *pages(query: Omit<ListTodosQuery, 'cursor'> = {}, options: RequestOptions = {}): AsyncGenerator<TodoPage> {
    let cursor: string | undefined;
    do {
      const page = await this.listTodos({ ...query, cursor }, options);
      yield page;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /**
   * Creates a todo under an `Idempotency-Key`. When the answer is lost (network failure, 502, 503,
   * 504) it asks again with the same key, a bounded number of times with backoff: the server then
   * answers the first create's result, so a retry never makes a second todo.
   */
  async createTodo(body: CreateTodo, options: CreateOptions = {}): Promise<Todo> {
    const { signal, idempotencyKey = newIdempotencyKey() } = options;
    const headers = { 'idempotency-key': idempotencyKey };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.request<Todo>('POST', '/api/todos', { signal, body, headers });
      } catch (error) {
        if (attempt >= this.createRetry.attempts || !isRetryable(error, signal)) throw error;
        await waitBeforeRetry(retryDelayMs(error, attempt, this.createRetry), signal);
      }
    }
  }

  getTodo(id: number, options: RequestOptions = {}): Promise<Todo> {
    return this.request<Todo>('GET', todoPath(id), options);
  }

  updateTodo(id: number, changes: UpdateTodo, options: UpdateOptions = {}): Promise<Todo> {
    const headers = options.ifMatch === undefined ? undefined : { 'if-match': formatEtag(options.ifMatch) };
    return this.request<Todo>('PATCH', todoPath(id), { signal: options.signal, body: changes, headers });
  }

  deleteTodo(id: number, options: RequestOptions = {}): Promise<void> {
    return this.request<void>('DELETE', todoPath(id), options);
  }

  /** Marks every todo completed, or every todo not completed, in one request. */
  setAllCompleted(completed: boolean, options: RequestOptions = {}): Promise<BulkResult> {
    return this.request<BulkResult>('PATCH', '/api/todos', { ...options, body: { completed } });
  }

  /** Deletes every completed todo in one request. */
  deleteCompleted(options: RequestOptions = {}): Promise<BulkResult> {
    return this.request<BulkResult>('DELETE', '/api/todos?completed=true', options);
  }

  private async request<T>(
    method: string,
    path: string,
    options: RequestOptions & { body?: unknown; headers?: Record<string, string> },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (cause) {
      throw new TodoNetworkError({ cause });
    }
    if (!response.ok) throw new TodoApiError(await readProblem(response), retryAfterSeconds(response));
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

function todoPath(id: number): string {
  return `/api/todos/${encodeURIComponent(String(id))}`;
}

/** `Retry-After` in its delay-seconds form; the date form is not used by this API. */
function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  return header !== null && /^\d{1,6}$/.test(header.trim()) ? Number(header.trim()) : undefined;
}

async function readProblem(response: Response): Promise<Problem> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.type === 'string' && typeof body.title === 'string') {
        return { ...body, status: response.status } as Problem;
      }
    } catch {
      // Not JSON after all: fall through to a problem made from the status line.
    }
  }
  return problemFromStatus(response.status, response.statusText);
}
