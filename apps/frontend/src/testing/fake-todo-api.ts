import { ProblemType, TodoApiError, TodoNetworkError, type Problem, type Todo, type TodoPage, type UpdateTodo } from '@todo/contract/client';
import type { TodoApi } from '../state/todo-actions';

type Method = keyof TodoApi;

/**
 * An in-memory todo API for component tests: it keeps versions and answers 412 with the current
 * todo as the real one does, records every call, and can be told to fail or hold the next calls.
 */
export class FakeTodoApi implements TodoApi {
  readonly calls: string[] = [];
  private readonly todos = new Map<number, Todo>();
  private nextId = 1;
  private failures: Array<{ method: Method; error: Error }> = [];
  private readonly held: Array<() => void> = [];
  private holding = false;

  /** Stores todos as if another client had made them. */
  seed(...titles: string[]): Todo[] {
    return titles.map((title) => this.store({ title, completed: false }));
  }

  /** Changes a todo as another browser would, bumping its version. */
  changeElsewhere(id: number, changes: UpdateTodo): Todo {
    const todo = this.stored(id);
    const next = { ...todo, ...changes, version: todo.version + 1 };
    this.todos.set(id, next);
    return next;
  }

  list(): Todo[] {
    return [...this.todos.values()];
  }

  /** The next call of `method` fails with `error`. */
  failNext(method: Method, error: Error = new TodoNetworkError({ cause: new TypeError('fetch failed') })): void {
    this.failures.push({ method, error });
  }

  /** Calls wait until `release()` or `resume()`, so a test can look at the screen while a request is in flight. */
  hold(): void {
    this.holding = true;
  }

  /** Lets the calls held so far go on; later calls are held again. */
  release(): void {
    for (const resume of this.held.splice(0)) resume();
  }

  /** Stops holding calls and lets the held ones go on. */
  resume(): void {
    this.holding = false;
    this.release();
  }

  async *pages(query: { limit?: number } = {}): AsyncGenerator<TodoPage> {
    const limit = query.limit ?? 50;
    const all = this.list();
    for (let start = 0; start === 0 || start < all.length; start += limit) {
      await this.enter('pages', `GET /api/todos?limit=${limit}${start > 0 ? '&cursor' : ''}`);
      yield { items: all.slice(start, start + limit), nextCursor: start + limit < all.length ? String(start + limit) : null };
    }
  }

  async createTodo(body: { title: string }): Promise<Todo> {
    await this.enter('createTodo', 'POST /api/todos');
    return this.store({ title: body.title.trim(), completed: false });
  }

  async getTodo(id: number): Promise<Todo> {
    await this.enter('getTodo', `GET /api/todos/${id}`);
    return this.stored(id);
  }

  async updateTodo(id: number, changes: UpdateTodo, options: { ifMatch?: number } = {}): Promise<Todo> {
    await this.enter('updateTodo', `PATCH /api/todos/${id}`);
    const todo = this.stored(id);
    if (options.ifMatch !== undefined && options.ifMatch !== todo.version) {
      throw problem({ type: ProblemType.preconditionFailed, title: 'Precondition failed', status: 412, current: todo });
    }
    return this.changeElsewhere(id, changes);
  }

  async deleteTodo(id: number): Promise<void> {
    await this.enter('deleteTodo', `DELETE /api/todos/${id}`);
    this.stored(id);
    this.todos.delete(id);
  }

  async setAllCompleted(completed: boolean) {
    await this.enter('setAllCompleted', 'PATCH /api/todos');
    let changed = 0;
    for (const todo of this.list()) {
      if (todo.completed === completed) continue;
      this.changeElsewhere(todo.id, { completed });
      changed += 1;
    }
    return { changed };
  }

  async deleteCompleted() {
    await this.enter('deleteCompleted', 'DELETE /api/todos?completed=true');
    const completed = this.list().filter((todo) => todo.completed);
    for (const todo of completed) this.todos.delete(todo.id);
    return { changed: completed.length };
  }

  private async enter(method: Method, call: string): Promise<void> {
    this.calls.push(call);
    if (this.holding) await new Promise<void>((resume) => this.held.push(resume));
    const index = this.failures.findIndex((failure) => failure.method === method);
    if (index !== -1) {
      const [failure] = this.failures.splice(index, 1);
      throw failure?.error;
    }
  }

  private store(fields: { title: string; completed: boolean }): Todo {
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, this.nextId)).toISOString();
    const todo: Todo = { id: this.nextId++, ...fields, createdAt: now, updatedAt: now, version: 1 };
    this.todos.set(todo.id, todo);
    return todo;
  }

  private stored(id: number): Todo {
    const todo = this.todos.get(id);
    if (!todo) throw problem({ type: ProblemType.notFound, title: 'Not found', status: 404 });
    return todo;
  }
}

export function problem(body: Problem): TodoApiError {
  return new TodoApiError(body);
}
