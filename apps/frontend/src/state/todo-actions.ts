import { PAGE_LIMIT_MAX, ProblemType, TodoApiError, type Todo, type TodoClient, type UpdateTodo } from '@todo/contract/client';
import { reasonFor, quote } from './error-text';
import { OpQueue } from './op-queue';
import type { TodoStore } from './todo-store';

/** The part of the contract's client the app uses; tests pass an in-memory one. */
export type TodoApi = Pick<TodoClient, 'pages' | 'createTodo' | 'getTodo' | 'updateTodo' | 'deleteTodo' | 'setAllCompleted' | 'deleteCompleted'>;

export interface TodoActionsOptions {
  /**
   * Waited for before each change's request goes out. In the browser: until the change is on
   * screen (`afterNextPaint`), so starting a request (a few milliseconds of the main thread) never
   * delays the frame that shows what the user did. @default nothing: sent at once
   */
  beforeSend?: () => Promise<void>;
}

/**
 * What the user can do, each applied to the screen at once and then sent to the server. When the
 * server refuses or cannot be reached, the change is undone and a message says why. The methods
 * are bound, so components can take them as stable props.
 */
export class TodoActions {
  private readonly queue = new OpQueue();
  private nextOpId = 1;
  private nextKey = 1;

  private readonly beforeSend: () => Promise<void>;

  constructor(
    private readonly api: TodoApi,
    private readonly store: TodoStore,
    options: TodoActionsOptions = {},
  ) {
    this.beforeSend = options.beforeSend ?? (() => Promise.resolve());
  }

  /**
   * Loads every todo page by page. The first page shows as soon as it arrives; after that, pages
   * are shown once at least as many rows have arrived as are on screen (or the last page came).
   * Each showing costs the browser time in proportion to every row on screen, so doubling keeps the
   * total in proportion to the rows, where showing every page of 5,000 rows grows with their square.
   * The next page is asked for before a page is shown; in the browser a worker reads them all
   * ahead (`page-reader.ts`), so the network and the rendering overlap.
   */
  readonly load = async (): Promise<void> => {
    const { dispatch } = this.store;
    dispatch({ type: 'loadStarted' });
    let shown = 0;
    let held: Todo[] = [];
    const { resyncs } = this.store.getState();
    try {
      const pages = this.api.pages({ limit: PAGE_LIMIT_MAX })[Symbol.asyncIterator]();
      for (let next = pages.next(); ; ) {
        const { value: page, done } = await next;
        if (done) break;
        // A bulk change read the whole list again meanwhile: what this load holds or has yet to
        // read is older than that, and would bring back todos the change deleted.
        if (this.store.getState().resyncs !== resyncs) {
          void pages.return(undefined).catch(() => undefined);
          dispatch({ type: 'pageLoaded', items: [], done: true });
          return;
        }
        next = pages.next();
        held = held.concat(page.items);
        const last = page.nextCursor === null;
        if (!last && shown > 0 && held.length < shown) continue;
        dispatch({ type: 'pageLoaded', items: held, done: last });
        shown += held.length;
        held = [];
      }
    } catch (error) {
      if (held.length > 0) dispatch({ type: 'pageLoaded', items: held, done: false });
      dispatch({ type: 'loadFailed', text: `Could not load your todos: ${reasonFor(error)}` });
    }
  };

  readonly add = (title: string): void => {
    const trimmed = title.trim();
    if (trimmed === '') return;
    const key = `new-${this.nextKey++}`;
    this.store.dispatch({ type: 'createStarted', key, title: trimmed });
    void this.queue.forItem(key, async () => {
      await this.beforeSend();
      try {
        const todo = await this.api.createTodo({ title: trimmed });
        this.store.dispatch({ type: 'createSucceeded', key, todo });
      } catch (error) {
        this.store.dispatch({ type: 'createFailed', key, text: `Could not add ${quote(trimmed)}: ${reasonFor(error)}` });
      }
    });
  };

  readonly toggle = (key: string): void => {
    const view = this.store.getState().entries.get(key)?.view;
    if (view) this.change(key, { completed: !view.completed });
  };

  /** Saves an edited title: trimmed, and an empty one deletes the todo, as TodoMVC does. */
  readonly rename = (key: string, title: string): void => {
    const trimmed = title.trim();
    const view = this.store.getState().entries.get(key)?.view;
    if (!view) return;
    if (trimmed === '') this.remove(key);
    else if (trimmed !== view.title) this.change(key, { title: trimmed });
  };

  readonly remove = (key: string): void => {
    const entry = this.store.getState().entries.get(key);
    if (!entry?.view) return;
    const opId = this.nextOpId++;
    const { epoch } = entry;
    this.store.dispatch({ type: 'changeStarted', key, change: { opId, kind: 'delete' } });
    void this.queue.forItem(key, async () => {
      await this.beforeSend();
      const server = this.currentServer(key, epoch);
      if (!server) return this.store.dispatch({ type: 'changeFailed', key, opId });
      try {
        await this.api.deleteTodo(server.id);
        this.store.dispatch({ type: 'changeSucceeded', key, opId });
      } catch (error) {
        if (error instanceof TodoApiError && error.status === 404) {
          this.store.dispatch({ type: 'changeSucceeded', key, opId });
        } else {
          this.store.dispatch({ type: 'changeFailed', key, opId, text: `Could not delete ${quote(server.title)}: ${reasonFor(error)} It is back in the list.` });
        }
      }
    });
  };

  /** Marks every todo completed (or every one active) with the API's bulk route. */
  readonly setAllCompleted = (completed: boolean): void => {
    this.bulk(completed ? 'complete' : 'uncomplete', 'update your todos', () => this.api.setAllCompleted(completed));
  };

  readonly clearCompleted = (): void => {
    this.bulk('deleteCompleted', 'clear the completed todos', () => this.api.deleteCompleted());
  };

  readonly dismissNotice = (id: number): void => {
    this.store.dispatch({ type: 'dismissNotice', id });
  };

  private change(key: string, changes: UpdateTodo): void {
    const entry = this.store.getState().entries.get(key);
    if (!entry) return;
    const opId = this.nextOpId++;
    const { epoch } = entry;
    this.store.dispatch({ type: 'changeStarted', key, change: { opId, kind: 'update', changes } });
    void this.queue.forItem(key, async () => {
      await this.beforeSend();
      const server = this.currentServer(key, epoch);
      if (!server) return this.store.dispatch({ type: 'changeFailed', key, opId });
      try {
        const todo = await this.api.updateTodo(server.id, changes, { ifMatch: server.version });
        this.store.dispatch({ type: 'changeSucceeded', key, opId, todo });
      } catch (error) {
        await this.changeRefused(key, opId, server, error);
      }
    });
  }

  private async changeRefused(key: string, opId: number, server: Todo, error: unknown): Promise<void> {
    const { dispatch } = this.store;
    if (error instanceof TodoApiError && error.type === ProblemType.preconditionFailed) {
      const current = error.problem.current ?? (await this.api.getTodo(server.id).catch(() => undefined));
      if (current) {
        const text = `${quote(current.title)} was changed somewhere else, so your change was not saved. It now shows the latest version.`;
        return dispatch({ type: 'conflict', key, current, text });
      }
    }
    if (error instanceof TodoApiError && error.type === ProblemType.notFound) {
      return dispatch({ type: 'gone', key, text: `${quote(server.title)} was deleted somewhere else.` });
    }
    dispatch({ type: 'changeFailed', key, opId, text: `Could not save ${quote(server.title)}: ${reasonFor(error)} The change was undone.` });
  }

  /**
   * The server's version of a todo a queued change may go to: `undefined` when its creation failed,
   * or when a conflict showed the user a newer version after the change was made.
   */
  private currentServer(key: string, epoch: number): Todo | undefined {
    const entry = this.store.getState().entries.get(key);
    return entry && entry.epoch === epoch && entry.server ? entry.server : undefined;
  }

  private bulk(change: 'complete' | 'uncomplete' | 'deleteCompleted', what: string, send: () => Promise<unknown>): void {
    const opId = this.nextOpId++;
    this.store.dispatch({ type: 'bulkStarted', opId, change });
    void this.queue.exclusive(async () => {
      await this.beforeSend();
      try {
        await send();
      } catch (error) {
        return this.store.dispatch({ type: 'bulkFailed', opId, text: `Could not ${what}: ${reasonFor(error)} The change was undone.` });
      }
      // The bulk routes answer with a count only: read the list again for the new versions.
      const items = await this.readAll().catch(() => null);
      this.store.dispatch({ type: 'bulkSucceeded', opId, items });
    });
  }

  private async readAll(): Promise<Todo[]> {
    const items: Todo[] = [];
    for await (const page of this.api.pages({ limit: PAGE_LIMIT_MAX })) items.push(...page.items);
    return items;
  }
}
